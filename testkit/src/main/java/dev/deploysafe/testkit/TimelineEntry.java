package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;

/**
 * One thing that happened in a simulated cluster: an Event written by a simulated controller,
 * scheduler or kubelet, or a scenario action.
 *
 * @param at simulated time since the cluster started
 * @param type {@code Normal}, {@code Warning} or {@code Action}
 * @param object the involved object as {@code Kind namespace/name} (or {@code Kind name})
 * @param reason the Event reason, e.g. {@code BackOff}, or the action name
 * @param message the Event message
 */
public record TimelineEntry(Duration at, String type, String object, String reason, String message)
    implements Serializable {
  /** Validates the parts. */
  public TimelineEntry {
    requireNonNull(at, "at");
    requireNonNull(type, "type");
    requireNonNull(object, "object");
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return String.format(
        "%8s %-7s %-40s %-22s %s", Durations.format(at), type, object, reason, message);
  }
}
