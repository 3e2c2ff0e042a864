package dev.deploysafe.k8s.testing;

import dev.deploysafe.k8s.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to; thread-safe. */
public final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;

  public FakeClock(Instant start) {
    now = new AtomicReference<>(start);
  }

  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** A sleeper that moves this clock by {@code step} per call and yields for 1 ms of real time. */
  public Sleeper autoAdvance(Duration step) {
    return d -> {
      advance(step);
      Thread.sleep(1);
    };
  }

  /** A sleeper that does not move the clock (the test moves it) and yields for 1 ms. */
  public Sleeper manual() {
    return d -> Thread.sleep(1);
  }
}
