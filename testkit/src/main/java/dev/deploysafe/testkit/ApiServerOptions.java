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
 */
public record ApiServerOptions(Clock clock, int watchHistory) {

  /** Validates the settings. */
  public ApiServerOptions {
    requireNonNull(clock, "clock");
    if (watchHistory < 1) {
      throw new IllegalArgumentException("watchHistory must be at least 1: " + watchHistory);
    }
  }

  /** Returns the defaults: the UTC system clock and a history of 10,000 changes. */
  public static ApiServerOptions defaults() {
    return new ApiServerOptions(Clock.systemUTC(), 10_000);
  }

  /** Returns a copy using this clock. */
  public ApiServerOptions withClock(Clock c) {
    return new ApiServerOptions(c, watchHistory);
  }

  /** Returns a copy keeping this many changes for watch resumption. */
  public ApiServerOptions withWatchHistory(int changes) {
    return new ApiServerOptions(clock, changes);
  }
}
