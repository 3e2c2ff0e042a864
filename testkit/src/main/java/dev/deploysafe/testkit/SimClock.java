package dev.deploysafe.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when the simulation advances it. Thread-safe. */
final class SimClock extends Clock {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private volatile Instant now = EPOCH;

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }

  @Override
  public Instant instant() {
    return now;
  }

  void set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalStateException("simulated time cannot go back: " + instant + " < " + now);
    }
    now = instant;
  }
}
