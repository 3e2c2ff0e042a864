package dev.deploysafe.k8s;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configures a verification run: the {@link RolloutPolicy}, where to look, how time passes (an
 * injectable {@link Clock} and {@link Sleeper}, so tests run in milliseconds), watch or poll, and
 * the progress listener. Start from {@link #defaults()} and change settings with {@code withX}.
 *
 * <p>Immutable and thread-safe when the listener is.
 *
 * @param policy the thresholds and the overall budget
 * @param namespace namespace for references without one; {@code ""} uses the client's
 * @param clock the clock for grace periods, windows and deadlines
 * @param sleeper waits between evaluation passes
 * @param idle how long the evaluation thread sleeps when nothing changed (coalescing latency)
 * @param tick how often time rules are re-evaluated without any change (clock time)
 * @param pollInterval LIST interval of the polling fallback
 * @param maxPollInterval upper bound of the polling back-off after errors
 * @param watch use informers (true) or poll only (false)
 * @param watchEvents also inform Events (autoscaler, pull and mount signals); needs list/watch on
 *     events
 * @param fetchLogs attach the tail of the previous container log to crash evidence (pods/log get)
 * @param fetchNodes read node labels to group failures by node pool (nodes get)
 * @param listener receives progress events on the evaluation thread
 */
public record RolloutOptions(
    RolloutPolicy policy,
    String namespace,
    Clock clock,
    Sleeper sleeper,
    Duration idle,
    Duration tick,
    Duration pollInterval,
    Duration maxPollInterval,
    boolean watch,
    boolean watchEvents,
    boolean fetchLogs,
    boolean fetchNodes,
    Consumer<RolloutEvent> listener) {

  /** Checks the parts: nothing null, durations positive. */
  public RolloutOptions {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(listener, "listener");
    positive(idle, "idle");
    positive(tick, "tick");
    positive(pollInterval, "pollInterval");
    positive(maxPollInterval, "maxPollInterval");
  }

  /** Returns the defaults: spec policy (5-minute budget), informers, events, logs and nodes. */
  public static RolloutOptions defaults() {
    return new RolloutOptions(
        RolloutPolicy.defaults(),
        "",
        Clock.systemUTC(),
        Sleeper.system(),
        Duration.ofMillis(50),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        true,
        true,
        true,
        true,
        e -> {});
  }

  /**
   * Returns a copy whose policy lets the engine replace stale pods of OnDelete workloads; see
   * {@link RolloutPolicy#withAssistOnDelete(boolean)}. Needs delete on pods.
   */
  public RolloutOptions withAssistOnDelete(boolean assist) {
    return withPolicy(policy.withAssistOnDelete(assist));
  }

  /** Returns a copy with another overall deadline (the policy's budget). */
  public RolloutOptions withTimeout(Duration timeout) {
    return withPolicy(policy.withBudget(timeout));
  }

  /** Returns a copy with another policy. */
  public RolloutOptions withPolicy(RolloutPolicy v) {
    return toBuilder().policy(v).build();
  }

  /** Returns a copy with another default namespace. */
  public RolloutOptions withNamespace(String v) {
    return toBuilder().namespace(v).build();
  }

  /** Returns a copy with another clock. */
  public RolloutOptions withClock(Clock v) {
    return toBuilder().clock(v).build();
  }

  /** Returns a copy with another sleeper. */
  public RolloutOptions withSleeper(Sleeper v) {
    return toBuilder().sleeper(v).build();
  }

  /** Returns a copy with another idle sleep. */
  public RolloutOptions withIdle(Duration v) {
    return toBuilder().idle(v).build();
  }

  /** Returns a copy with another tick. */
  public RolloutOptions withTick(Duration v) {
    return toBuilder().tick(v).build();
  }

  /** Returns a copy with another poll interval. */
  public RolloutOptions withPollInterval(Duration v) {
    return toBuilder().pollInterval(v).build();
  }

  /** Returns a copy with another poll back-off bound. */
  public RolloutOptions withMaxPollInterval(Duration v) {
    return toBuilder().maxPollInterval(v).build();
  }

  /** Returns a copy with informers on or off (off = poll only). */
  public RolloutOptions withWatch(boolean v) {
    return toBuilder().watch(v).build();
  }

  /** Returns a copy with Events informed or not. */
  public RolloutOptions withWatchEvents(boolean v) {
    return toBuilder().watchEvents(v).build();
  }

  /** Returns a copy with log tails fetched or not. */
  public RolloutOptions withFetchLogs(boolean v) {
    return toBuilder().fetchLogs(v).build();
  }

  /** Returns a copy with node labels fetched or not. */
  public RolloutOptions withFetchNodes(boolean v) {
    return toBuilder().fetchNodes(v).build();
  }

  /** Returns a copy with another progress listener. */
  public RolloutOptions withListener(Consumer<RolloutEvent> v) {
    return toBuilder().listener(v).build();
  }

  /** Returns a builder holding these settings, to change several at once. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.policy = policy;
    b.namespace = namespace;
    b.clock = clock;
    b.sleeper = sleeper;
    b.idle = idle;
    b.tick = tick;
    b.pollInterval = pollInterval;
    b.maxPollInterval = maxPollInterval;
    b.watch = watch;
    b.watchEvents = watchEvents;
    b.fetchLogs = fetchLogs;
    b.fetchNodes = fetchNodes;
    b.listener = listener;
    return b;
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /**
   * Collects run settings and makes {@link RolloutOptions}; {@link #build()} checks them as the
   * record constructor does. Not thread-safe.
   */
  public static final class Builder {

    private RolloutPolicy policy;
    private String namespace;
    private Clock clock;
    private Sleeper sleeper;
    private Duration idle;
    private Duration tick;
    private Duration pollInterval;
    private Duration maxPollInterval;
    private boolean watch;
    private boolean watchEvents;
    private boolean fetchLogs;
    private boolean fetchNodes;
    private Consumer<RolloutEvent> listener;

    private Builder() {}

    /** Sets {@link RolloutOptions#policy()}. */
    public Builder policy(RolloutPolicy v) {
      policy = v;
      return this;
    }

    /** Sets {@link RolloutOptions#namespace()}. */
    public Builder namespace(String v) {
      namespace = v;
      return this;
    }

    /** Sets {@link RolloutOptions#clock()}. */
    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /** Sets {@link RolloutOptions#sleeper()}. */
    public Builder sleeper(Sleeper v) {
      sleeper = v;
      return this;
    }

    /** Sets {@link RolloutOptions#idle()}. */
    public Builder idle(Duration v) {
      idle = v;
      return this;
    }

    /** Sets {@link RolloutOptions#tick()}. */
    public Builder tick(Duration v) {
      tick = v;
      return this;
    }

    /** Sets {@link RolloutOptions#pollInterval()}. */
    public Builder pollInterval(Duration v) {
      pollInterval = v;
      return this;
    }

    /** Sets {@link RolloutOptions#maxPollInterval()}. */
    public Builder maxPollInterval(Duration v) {
      maxPollInterval = v;
      return this;
    }

    /** Sets {@link RolloutOptions#watch()}. */
    public Builder watch(boolean v) {
      watch = v;
      return this;
    }

    /** Sets {@link RolloutOptions#watchEvents()}. */
    public Builder watchEvents(boolean v) {
      watchEvents = v;
      return this;
    }

    /** Sets {@link RolloutOptions#fetchLogs()}. */
    public Builder fetchLogs(boolean v) {
      fetchLogs = v;
      return this;
    }

    /** Sets {@link RolloutOptions#fetchNodes()}. */
    public Builder fetchNodes(boolean v) {
      fetchNodes = v;
      return this;
    }

    /** Sets {@link RolloutOptions#listener()}. */
    public Builder listener(Consumer<RolloutEvent> v) {
      listener = v;
      return this;
    }

    /** Makes the options; throws for a null part or a duration that is not positive. */
    public RolloutOptions build() {
      return new RolloutOptions(
          policy,
          namespace,
          clock,
          sleeper,
          idle,
          tick,
          pollInterval,
          maxPollInterval,
          watch,
          watchEvents,
          fetchLogs,
          fetchNodes,
          listener);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
