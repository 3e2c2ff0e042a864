package dev.deploysafe.k8s;

import java.time.Duration;

/**
 * Waits between evaluation passes and polls; tests plug in a sleeper that advances a fake clock so
 * that minutes of rollout run in milliseconds.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for about {@code duration}; throws when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** Returns the sleeper that really sleeps ({@link Thread#sleep(long)}). */
  static Sleeper system() {
    return d -> Thread.sleep(Math.max(0, d.toMillis()));
  }
}
