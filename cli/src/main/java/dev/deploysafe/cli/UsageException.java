package dev.deploysafe.cli;

/**
 * Signals bad command-line usage; the CLI prints the message and exits with {@link ExitCode#USAGE}.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
