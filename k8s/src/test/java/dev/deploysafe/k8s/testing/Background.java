package dev.deploysafe.k8s.testing;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a blocking call on its own daemon thread and interrupts every such thread at {@link
 * #close()}.
 *
 * <p>Tests must not run a verification on the common fork-join pool: on a two-core machine that
 * pool has one worker, and since JDK 25 {@code CompletableFuture.supplyAsync} uses it even then, so
 * fabric8's own asynchronous steps queue behind the blocked verification and a failed test leaves a
 * verification running into the next one.
 */
public final class Background implements AutoCloseable {

  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /** Starts {@code call} on a new daemon thread and returns its eventual result. */
  public <T> CompletableFuture<T> run(Callable<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(call.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "test-background-" + threads.size());
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return result;
  }

  /** Interrupts every thread started here and waits up to a second for each to end. */
  @Override
  public void close() {
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
