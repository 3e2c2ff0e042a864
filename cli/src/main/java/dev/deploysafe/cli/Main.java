package dev.deploysafe.cli;

/** Starts the {@code deploysafe} command; see {@link Cli} for what it does. */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String... args) {
    int code = Cli.run(args);
    System.out.flush();
    System.exit(code);
  }
}
