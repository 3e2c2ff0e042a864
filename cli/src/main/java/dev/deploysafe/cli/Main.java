package dev.deploysafe.cli;

import java.util.function.IntSupplier;

/** Starts the {@code deploysafe} command; see {@link Cli} for what it does. */
public final class Main {

  private Main() {}

  /**
   * Stack reserved for the command thread. Helm's Go stacks grow to 1 GB, so values and JSON nest
   * up to Go's own limits (10,000 levels) there; the JVM's default 1 MB would overflow long before.
   * Only the pages used are committed.
   */
  static final long STACK_BYTES = 1L << 30;

  /** Runs the command line on a thread with a deep stack and exits with its code. */
  public static void main(String... args) throws InterruptedException {
    int code = onCommandThread(() -> Cli.run(args));
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs {@code command} on a new thread with {@link #STACK_BYTES} of stack and returns its code.
   */
  static int onCommandThread(IntSupplier command) throws InterruptedException {
    int[] code = {ExitCode.UNDECIDED};
    Thread t = new Thread(null, () -> code[0] = command.getAsInt(), "deploysafe", STACK_BYTES);
    try {
      t.start();
    } catch (OutOfMemoryError e) {
      // No room to reserve the stack (strict overcommit, ulimit -v): run on this thread instead;
      // very deep input then ends in a "nests too deeply" error rather than no run at all.
      return command.getAsInt();
    }
    t.join();
    return code[0];
  }
}
