package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Injects API faults into the embedded server: added latency, HTTP errors (429/500/503 or any
 * 4xx/5xx) on chosen calls, dropped watches, {@code 410 Gone} on watch start or resume, and update
 * conflicts. Rules are matched in the order they were added; count-limited rules expire after
 * firing. Probabilistic rules draw from a {@link Random} seeded by {@link #reseed(long)} (seed 0 by
 * default), so a run is repeatable. {@link #reset()} removes every rule and restores the seed.
 *
 * <p>Thread-safe: the server consults it from its request threads.
 */
public final class Faults {

  private record Latency(FaultTarget target, Duration delay) {}

  private static final class Failure {
    final FaultTarget target;
    final int status;
    int remaining;
    final double probability;

    Failure(FaultTarget target, int status, int remaining, double probability) {
      this.target = target;
      this.status = status;
      this.remaining = remaining;
      this.probability = probability;
    }
  }

  private final Supplier<ObjectStore> store;
  private final List<Latency> latencies = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<Failure> gones = new ArrayList<>();
  private final List<Failure> conflicts = new ArrayList<>();
  private final List<String> injected = new ArrayList<>();
  private long seed;
  private Random random;

  Faults(Supplier<ObjectStore> store) {
    this.store = store;
    this.seed = 0;
    this.random = new Random(0);
  }

  /** Adds {@code delay} before every API call is answered. */
  public synchronized Faults addLatency(Duration delay) {
    return addLatency(FaultTarget.any(), delay);
  }

  /** Adds {@code delay} before every matching API call is answered. */
  public synchronized Faults addLatency(FaultTarget target, Duration delay) {
    requireNonNull(target, "target");
    requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    latencies.add(new Latency(target, delay));
    return this;
  }

  /**
   * Answers the next {@code times} matching calls with {@code httpStatus} (for example 429, 500 or
   * 503) and a Status body like the real server's; 429 and 503 carry {@code Retry-After: 1}.
   */
  public synchronized Faults failNext(FaultTarget target, int httpStatus, int times) {
    requireNonNull(target, "target");
    checkStatus(httpStatus);
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    failures.add(new Failure(target, httpStatus, times, 1.0));
    return this;
  }

  /** Answers each matching call with {@code httpStatus} with this probability (seeded). */
  public synchronized Faults failRandomly(FaultTarget target, int httpStatus, double probability) {
    requireNonNull(target, "target");
    checkStatus(httpStatus);
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
    }
    failures.add(new Failure(target, httpStatus, Integer.MAX_VALUE, probability));
    return this;
  }

  /** Answers the next {@code times} matching update or patch calls with 409 Conflict. */
  public synchronized Faults conflictOnNextUpdates(FaultTarget target, int times) {
    requireNonNull(target, "target");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    conflicts.add(new Failure(target, 409, times, 1.0));
    return this;
  }

  /**
   * Ends the next {@code times} matching watches right after they start with an ERROR event
   * carrying {@code 410 Gone} (reason Expired), the way the real server answers a resume from a
   * compacted resourceVersion.
   */
  public synchronized Faults goneOnNextWatches(FaultTarget target, int times) {
    requireNonNull(target, "target");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    gones.add(new Failure(target, 410, times, 1.0));
    return this;
  }

  /**
   * Forgets the change history (like an etcd compaction): every watch that resumes from a
   * resourceVersion older than now gets {@code 410 Gone} and must re-list.
   */
  public Faults expireResourceVersions() {
    store.get().compact();
    record("expire resourceVersions");
    return this;
  }

  /** Closes every open watch stream; clients see the stream end and must re-watch. */
  public int dropWatches() {
    return dropWatches(FaultTarget.any());
  }

  /**
   * Closes open watch streams whose resource (and namespace, when the target names one) match;
   * returns how many were closed.
   */
  public int dropWatches(FaultTarget target) {
    requireNonNull(target, "target");
    int n = 0;
    for (WatchChannel w : store.get().openWatches()) {
      ApiCall call = new ApiCall("watch", w.type.plural(), "", w.namespace, "");
      if (matchesLoose(target, call)) {
        w.close();
        n++;
      }
    }
    record("dropped " + n + " watch(es)");
    return n;
  }

  private static boolean matchesLoose(FaultTarget target, ApiCall call) {
    return new FaultTarget(
            Optional.empty(), target.resource(), target.namespace(), Optional.empty())
        .matches(call);
  }

  /** Sets the seed of the random source used by {@link #failRandomly}. */
  public synchronized Faults reseed(long newSeed) {
    this.seed = newSeed;
    this.random = new Random(newSeed);
    return this;
  }

  /** Removes every rule, clears the injection log and restores the random source to its seed. */
  public synchronized void reset() {
    latencies.clear();
    failures.clear();
    gones.clear();
    conflicts.clear();
    injected.clear();
    random = new Random(seed);
  }

  /** Returns a log of the faults injected so far, one line per fault, oldest first. */
  public synchronized List<String> injected() {
    return List.copyOf(injected);
  }

  // ------------------------------------------------------------ used by the request handler

  synchronized Duration latencyFor(ApiCall call) {
    Duration total = Duration.ZERO;
    for (Latency l : latencies) {
      if (l.target().matches(call)) {
        total = total.plus(l.delay());
      }
    }
    if (!total.isZero()) {
      injected.add("latency " + total.toMillis() + "ms " + call);
    }
    return total;
  }

  synchronized Optional<Integer> failureFor(ApiCall call) {
    Optional<Integer> hit = take(failures, call);
    if (hit.isEmpty() && (call.verb().equals("update") || call.verb().equals("patch"))) {
      hit = take(conflicts, call);
    }
    hit.ifPresent(code -> injected.add("status " + code + " " + call));
    return hit;
  }

  synchronized boolean goneFor(ApiCall call) {
    boolean hit = take(gones, call).isPresent();
    if (hit) {
      injected.add("gone " + call);
    }
    return hit;
  }

  private Optional<Integer> take(List<Failure> rules, ApiCall call) {
    for (Iterator<Failure> it = rules.iterator(); it.hasNext(); ) {
      Failure f = it.next();
      if (!f.target.matches(call)) {
        continue;
      }
      if (f.probability < 1.0 && random.nextDouble() >= f.probability) {
        continue;
      }
      if (f.remaining != Integer.MAX_VALUE && --f.remaining <= 0) {
        it.remove();
      }
      return Optional.of(f.status);
    }
    return Optional.empty();
  }

  private synchronized void record(String line) {
    injected.add(line);
  }

  private static void checkStatus(int httpStatus) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be a 4xx or 5xx code: " + httpStatus);
    }
  }
}
