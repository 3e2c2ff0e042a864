package dev.deploysafe.core;

/**
 * Says how much a finding matters; a report passes when it holds no {@link #ERROR}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Severity {
  /** Worth knowing; never blocks. */
  INFO,
  /** Probably wrong or risky; does not block on its own. */
  WARNING,
  /** Blocks: the deploy is unsafe, or a check could not decide (fail closed). */
  ERROR;

  /** Tells whether this severity is at least as severe as {@code other}. */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
