package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/**
 * Settings for {@link EmbeddedApiServer#start(ApiServerOptions)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param clock the clock used for creationTimestamp, deletionTimestamp and Table ages; pass a
 *     simulated clock to make timestamps follow simulated time
 * @param watchHistory how many recent changes are kept for watches that resume from a
 *     resourceVersion; older resumes get {@code 410 Gone}
 * @param gracefulPodDeletion whether deleting a scheduled pod only marks it terminating
 *     (deletionTimestamp = now + grace period) until a kubelet deletes it again with grace period
 *     0, as on a real cluster; when false (the default) pods are removed at once
 */
public record ApiServerOptions(Clock clock, int watchHistory, boolean gracefulPodDeletion) {

  /** Validates the settings. */
  public ApiServerOptions {
    requireNonNull(clock, "clock");
    if (watchHistory < 1) {
      throw new IllegalArgumentException("watchHistory must be at least 1: " + watchHistory);
    }
  }

  /**
   * Returns the defaults: the UTC system clock, a history of 10,000 changes and immediate pod
   * deletion.
   */
  public static ApiServerOptions defaults() {
    return new ApiServerOptions(Clock.systemUTC(), 10_000, false);
  }

  /** Returns a copy using this clock. */
  public ApiServerOptions withClock(Clock c) {
    return new ApiServerOptions(c, watchHistory, gracefulPodDeletion);
  }

  /** Returns a copy keeping this many changes for watch resumption. */
  public ApiServerOptions withWatchHistory(int changes) {
    return new ApiServerOptions(clock, changes, gracefulPodDeletion);
  }

  /** Returns a copy where deleting a scheduled pod marks it terminating instead of removing it. */
  public ApiServerOptions withGracefulPodDeletion(boolean graceful) {
    return new ApiServerOptions(clock, watchHistory, graceful);
  }
}
