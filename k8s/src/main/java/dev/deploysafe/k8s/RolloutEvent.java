package dev.deploysafe.k8s;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports progress of a verification to a listener: a workload's verdict changed, a workload
 * reached its final verdict, an API problem was recorded, or the engine switched to polling.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type what happened
 * @param at when, on the verifier's clock
 * @param target the workload as {@code apps/Deployment prod/api}, or {@code ""} for the engine
 * @param verdict the workload's verdict at that moment, when the event is about one
 * @param message one line for people
 */
public record RolloutEvent(
    Type type, Instant at, String target, Optional<Verdict> verdict, String message)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What a {@link RolloutEvent} reports. */
  public enum Type {
    /** Verification started. */
    STARTED,
    /** A workload's non-terminal verdict changed. */
    PROGRESS,
    /** A workload reached its final verdict. */
    VERDICT,
    /** An API error was recorded (it is also evidence in the report). */
    API_ERROR,
    /** Watching is not possible for a kind; the engine polls it instead. */
    POLLING_FALLBACK,
    /** Verification finished. */
    FINISHED
  }

  /** Checks the parts. */
  public RolloutEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
  }

  /** Renders one progress line: {@code 12:00:01Z apps/Deployment prod/api: InProgress: ...}. */
  @Override
  public String toString() {
    return at + " " + (target.isEmpty() ? "" : target + ": ") + message;
  }
}
