package dev.deploysafe.k8s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers what the verifier saw of one workload over time: the history of each pod (by uid),
 * since when each workload-level signal (such as {@code ReplicaFailure}) has been present, and when
 * the rollout last made progress. Built by {@link Snapshot#observe(Instant)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pods pod histories by pod uid (or name when the uid is absent)
 * @param signals workload-level signals by name, with the time each was first seen
 * @param progressKey a fingerprint of the progress counters at {@code progressSince}
 * @param progressSince when the fingerprint last changed (the start time before any observation)
 */
public record Observations(
    Map<String, PodHistory> pods,
    Map<String, Instant> signals,
    String progressKey,
    Instant progressSince) {

  /** Checks the parts and copies the maps. */
  public Observations {
    pods = Map.copyOf(pods);
    signals = Map.copyOf(signals);
    Objects.requireNonNull(progressKey, "progressKey");
    Objects.requireNonNull(progressSince, "progressSince");
  }

  /**
   * Returns the observations before anything was seen, with progress counted from {@code start}.
   */
  public static Observations initial(Instant start) {
    return new Observations(Map.of(), Map.of(), "", start);
  }

  /** Returns the history of one pod, if it was seen. */
  public Optional<PodHistory> pod(String key) {
    return Optional.ofNullable(pods.get(key));
  }

  /** Returns since when a signal has been present, if it is. */
  public Optional<Instant> signal(String name) {
    return Optional.ofNullable(signals.get(name));
  }

  /** Returns a copy with one more pod history. */
  Observations withPod(String key, PodHistory h) {
    Map<String, PodHistory> copy = new HashMap<>(pods);
    copy.put(key, h);
    return new Observations(copy, signals, progressKey, progressSince);
  }
}
