package dev.deploysafe.cli;

/**
 * Names the exit codes every deploysafe command uses, so that Jenkins and shell scripts can branch
 * on them.
 */
public final class ExitCode {

  /** The command ran and everything it checked passed (warnings allowed). */
  public static final int PASSED = 0;

  /** The command ran and found a problem: an ERROR finding or a failed verdict. */
  public static final int FAILED = 1;

  /** The command could not run: bad usage or unreadable input. */
  public static final int USAGE = 2;

  /** The command could not decide: unknown state or a timeout (fail closed: treat as blocking). */
  public static final int UNDECIDED = 3;

  private ExitCode() {}
}
