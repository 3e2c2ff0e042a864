package dev.deploysafe.core.testing;

import java.util.concurrent.Callable;

/**
 * Runs a call on a thread with a chosen stack size and returns its result or rethrows what it
 * threw, so tests can check deep-nesting behaviour on the 1 GiB stack the CLI uses and on a small
 * one.
 */
public final class DeepStack {

  /** The stack the deploysafe CLI gives its command thread. */
  public static final long CLI_STACK = 1L << 30;

  private DeepStack() {}

  /** Runs {@code call} on a new thread with {@code stackBytes} of stack and waits for it. */
  public static <T> T call(long stackBytes, Callable<T> call) throws Exception {
    Object[] out = new Object[1];
    Throwable[] thrown = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                out[0] = call.call();
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            "deep-stack",
            stackBytes);
    t.start();
    t.join();
    if (thrown[0] instanceof Exception e) {
      throw e;
    }
    if (thrown[0] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T result = (T) out[0];
    return result;
  }
}
