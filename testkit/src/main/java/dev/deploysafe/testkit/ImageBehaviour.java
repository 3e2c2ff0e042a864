package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Describes what a container started from an image does: when it exits, when it is ready, and how
 * much cpu and memory it uses.
 *
 * <p>Start from {@link #runs()}, {@link #exitsAfter(Duration, int)}, {@link #crashLoops(Duration,
 * int)}, {@link #neverReady()} or {@link #flapsReadiness(Duration, Duration)}, then refine with
 * {@link #startsAfter(Duration)}, {@link #usesMemory(String)} and {@link #usesCpu(String)}.
 * Readiness is only observed through a {@code readinessProbe}: as in Kubernetes, a container
 * without one is Ready as soon as it has started. Immutable and thread-safe.
 */
public final class ImageBehaviour implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the application answers readiness probes. */
  enum Readiness {
    READY,
    NEVER,
    FLAPS
  }

  private final @Nullable Duration exitAfter;
  private final int exitCode;
  private final Duration startsAfter;
  private final Readiness readiness;
  private final Duration readyFor;
  private final Duration unreadyFor;
  private final long memoryBytes;
  private final Duration memoryAfter;
  private final long cpuMillis;

  private ImageBehaviour(
      @Nullable Duration exitAfter,
      int exitCode,
      Duration startsAfter,
      Readiness readiness,
      Duration readyFor,
      Duration unreadyFor,
      long memoryBytes,
      Duration memoryAfter,
      long cpuMillis) {
    this.exitAfter = exitAfter;
    this.exitCode = exitCode;
    this.startsAfter = startsAfter;
    this.readiness = readiness;
    this.readyFor = readyFor;
    this.unreadyFor = unreadyFor;
    this.memoryBytes = memoryBytes;
    this.memoryAfter = memoryAfter;
    this.cpuMillis = cpuMillis;
  }

  /** Returns a behaviour that starts at once, is ready at once and runs forever. */
  public static ImageBehaviour runs() {
    return new ImageBehaviour(
        null,
        0,
        Duration.ZERO,
        Readiness.READY,
        Duration.ZERO,
        Duration.ZERO,
        32L * 1024 * 1024,
        Duration.ZERO,
        5);
  }

  /**
   * Returns a behaviour whose process exits with {@code code} once it has run for {@code after}.
   * Code 0 means the container completed.
   */
  public static ImageBehaviour exitsAfter(Duration after, int code) {
    return runs().withExit(after, code);
  }

  /**
   * Returns a behaviour that exits with {@code code} after {@code runsFor} on every start; under
   * {@code restartPolicy: Always} this yields CrashLoopBackOff.
   */
  public static ImageBehaviour crashLoops(Duration runsFor, int code) {
    if (code == 0) {
      throw new IllegalArgumentException("code must be non-zero for a crash loop, got 0");
    }
    return exitsAfter(runsFor, code);
  }

  /** Returns a behaviour that runs forever but never passes its readiness probe. */
  public static ImageBehaviour neverReady() {
    return runs().withReadiness(Readiness.NEVER, Duration.ZERO, Duration.ZERO);
  }

  /**
   * Returns a behaviour whose readiness probe passes for {@code ready}, then fails for {@code
   * unready}, and so on.
   */
  public static ImageBehaviour flapsReadiness(Duration ready, Duration unready) {
    requirePositive(ready, "ready");
    requirePositive(unready, "unready");
    return runs().withReadiness(Readiness.FLAPS, ready, unready);
  }

  /** Returns a copy whose process exits with {@code code} after running for {@code after}. */
  public ImageBehaviour withExit(Duration after, int code) {
    requireNonNull(after, "after");
    if (after.isNegative()) {
      throw new IllegalArgumentException("after must not be negative: " + after);
    }
    return new ImageBehaviour(
        after,
        code,
        startsAfter,
        readiness,
        readyFor,
        unreadyFor,
        memoryBytes,
        memoryAfter,
        cpuMillis);
  }

  /**
   * Returns a copy whose readiness probe passes only once the process has run for {@code delay}.
   */
  public ImageBehaviour startsAfter(Duration delay) {
    requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return new ImageBehaviour(
        exitAfter,
        exitCode,
        delay,
        readiness,
        readyFor,
        unreadyFor,
        memoryBytes,
        memoryAfter,
        cpuMillis);
  }

  /** Returns a copy that uses {@code quantity} of memory (e.g. {@code "12Gi"}) from the start. */
  public ImageBehaviour usesMemory(String quantity) {
    return usesMemory(quantity, Duration.ZERO);
  }

  /** Returns a copy that uses {@code quantity} of memory once it has run for {@code after}. */
  public ImageBehaviour usesMemory(String quantity, Duration after) {
    requireNonNull(quantity, "quantity");
    requireNonNull(after, "after");
    return new ImageBehaviour(
        exitAfter,
        exitCode,
        startsAfter,
        readiness,
        readyFor,
        unreadyFor,
        Quantities.bytes(quantity),
        after,
        cpuMillis);
  }

  /** Returns a copy that uses {@code quantity} of cpu (e.g. {@code "1500m"}). */
  public ImageBehaviour usesCpu(String quantity) {
    requireNonNull(quantity, "quantity");
    return new ImageBehaviour(
        exitAfter,
        exitCode,
        startsAfter,
        readiness,
        readyFor,
        unreadyFor,
        memoryBytes,
        memoryAfter,
        Quantities.millicores(quantity));
  }

  private ImageBehaviour withReadiness(Readiness r, Duration ready, Duration unready) {
    return new ImageBehaviour(
        exitAfter, exitCode, startsAfter, r, ready, unready, memoryBytes, memoryAfter, cpuMillis);
  }

  private static void requirePositive(Duration d, String name) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** Returns how long the process runs before it exits, if it exits. */
  public Optional<Duration> exitAfter() {
    return Optional.ofNullable(exitAfter);
  }

  /** Returns the exit code used when the process exits. */
  public int exitCode() {
    return exitCode;
  }

  Duration startDelay() {
    return startsAfter;
  }

  long memoryBytes() {
    return memoryBytes;
  }

  Duration memoryAfter() {
    return memoryAfter;
  }

  long cpuMillis() {
    return cpuMillis;
  }

  /** Returns memory in use {@code ran} after the process started. */
  long memoryAt(Duration ran) {
    return ran.compareTo(memoryAfter) >= 0 ? memoryBytes : Math.min(memoryBytes, 32L * 1024 * 1024);
  }

  /** Returns whether the application would pass a readiness probe {@code ran} after it started. */
  boolean readyAt(Duration ran) {
    if (ran.compareTo(startsAfter) < 0) {
      return false;
    }
    return switch (readiness) {
      case READY -> true;
      case NEVER -> false;
      case FLAPS -> {
        long period = readyFor.plus(unreadyFor).toMillis();
        long phase = ran.minus(startsAfter).toMillis() % period;
        yield phase < readyFor.toMillis();
      }
    };
  }

  Readiness readiness() {
    return readiness;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageBehaviour b && toString().equals(b.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (exitAfter != null) {
      s.append("exitsAfter(").append(Durations.format(exitAfter)).append(", ").append(exitCode);
      s.append(')');
    } else {
      s.append("runs()");
    }
    switch (readiness) {
      case NEVER -> s.append(".neverReady()");
      case FLAPS ->
          s.append(".flapsReadiness(")
              .append(Durations.format(readyFor))
              .append(", ")
              .append(Durations.format(unreadyFor))
              .append(')');
      default -> {}
    }
    if (!startsAfter.isZero()) {
      s.append(".startsAfter(").append(Durations.format(startsAfter)).append(')');
    }
    s.append(".usesMemory(").append(Quantities.memory(memoryBytes));
    if (!memoryAfter.isZero()) {
      s.append(", ").append(Durations.format(memoryAfter));
    }
    s.append(").usesCpu(").append(Quantities.cpu(cpuMillis)).append(')');
    return s.toString();
  }
}
