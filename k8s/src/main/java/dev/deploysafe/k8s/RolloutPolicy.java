package dev.deploysafe.k8s;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Holds the thresholds of failure classification and success: grace periods, attempt counts, the
 * stability window and deadlines. {@link #defaults()} follows the table of
 * docs/rollout-semantics.md §5.4; change one setting with a {@code withX} copy.
 *
 * <p>Immutable and thread-safe.
 *
 * @param observeTimeout T_obs: how long the controller may take to observe the applied generation
 * @param definitivePullAttempts ErrImagePull attempts with a definitive registry answer (not found,
 *     unauthorized) before Failed; 1 is aggressive, 2 the safer default
 * @param definitivePullErrors case-insensitive regular expressions that make an ErrImagePull
 *     message definitive (kept in data: runtime wording differs)
 * @param pullRetryBudget how long other pull errors may retry before Failed(ImagePullRetrying)
 * @param pullRetryAttempts how many other pull errors may be seen before Failed(ImagePullRetrying)
 * @param containerConfigGrace how long CreateContainerConfigError may last (objects of the same
 *     release may still be arriving)
 * @param containerStartSightings sightings of CreateContainerError, RunContainerError, hook errors,
 *     StartError or ContainerCannotRun before Failed
 * @param crashLoopRestarts restarts of a new pod's container that count as a crash loop
 * @param oomKilledRestarts restarts after an OOMKilled termination that count as Failed(OOMKilled)
 * @param unschedulableGrace how long a pod may be Unschedulable before Failed
 * @param createFailedGrace how long ReplicaFailure/FailedCreate may persist before Failed
 * @param maxEvictions evicted or preempted new pods tolerated before Failed(Evicted)
 * @param stabilityWindow S: each new pod must be Ready without restarts this long; the effective
 *     window is max(minReadySeconds, S); zero reproduces kubectl semantics
 * @param noProgressDeadline no-progress budget for kinds without a progress deadline (Deployments
 *     use min(this budget, progressDeadlineSeconds))
 * @param budget the overall deadline, counted from the start of the verification
 * @param expectFullRollout when true, a partition that holds pods back is NotRolledOut instead of
 *     Succeeded(PartialByPartition)
 * @param assistOnDelete when true, an OnDelete StatefulSet or DaemonSet is judged like a rolling
 *     update instead of NotRolledOut, and the engine deletes its stale pods one at a time (highest
 *     ordinal first, each only after every new pod is Ready); off by default because it mutates
 */
public record RolloutPolicy(
    Duration observeTimeout,
    int definitivePullAttempts,
    List<String> definitivePullErrors,
    Duration pullRetryBudget,
    int pullRetryAttempts,
    Duration containerConfigGrace,
    int containerStartSightings,
    int crashLoopRestarts,
    int oomKilledRestarts,
    Duration unschedulableGrace,
    Duration createFailedGrace,
    int maxEvictions,
    Duration stabilityWindow,
    Duration noProgressDeadline,
    Duration budget,
    boolean expectFullRollout,
    boolean assistOnDelete)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The default definitive pull error patterns (containerd and CRI-O wording). */
  public static final List<String> DEFAULT_DEFINITIVE_PULL_ERRORS =
      List.of(
          "not found",
          "manifest unknown",
          "unauthorized",
          "denied",
          "\\b401\\b",
          "\\b403\\b",
          "repository does not exist");

  private static final RolloutPolicy DEFAULTS =
      new RolloutPolicy(
          Duration.ofSeconds(30),
          2,
          DEFAULT_DEFINITIVE_PULL_ERRORS,
          Duration.ofSeconds(60),
          3,
          Duration.ofSeconds(20),
          2,
          2,
          1,
          Duration.ofSeconds(90),
          Duration.ofSeconds(15),
          3,
          Duration.ofSeconds(10),
          Duration.ofSeconds(300),
          Duration.ofMinutes(5),
          false,
          false);

  /** Checks the parts: durations not negative, counts at least 1, patterns compile. */
  public RolloutPolicy {
    nonNegative(observeTimeout, "observeTimeout");
    nonNegative(pullRetryBudget, "pullRetryBudget");
    nonNegative(containerConfigGrace, "containerConfigGrace");
    nonNegative(unschedulableGrace, "unschedulableGrace");
    nonNegative(createFailedGrace, "createFailedGrace");
    nonNegative(stabilityWindow, "stabilityWindow");
    nonNegative(noProgressDeadline, "noProgressDeadline");
    nonNegative(budget, "budget");
    atLeastOne(definitivePullAttempts, "definitivePullAttempts");
    atLeastOne(pullRetryAttempts, "pullRetryAttempts");
    atLeastOne(containerStartSightings, "containerStartSightings");
    atLeastOne(crashLoopRestarts, "crashLoopRestarts");
    atLeastOne(oomKilledRestarts, "oomKilledRestarts");
    if (maxEvictions < 0) {
      throw new IllegalArgumentException("maxEvictions must be >= 0: " + maxEvictions);
    }
    definitivePullErrors = List.copyOf(definitivePullErrors);
    for (String p : definitivePullErrors) {
      Pattern.compile(p);
    }
  }

  /** Returns the defaults of the spec table (§5.4), with a 5-minute budget. */
  public static RolloutPolicy defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with another T_obs. */
  public RolloutPolicy withObserveTimeout(Duration d) {
    return toBuilder().observeTimeout(d).build();
  }

  /**
   * Returns a copy that fails a definitive pull error after {@code n} attempts (1 = aggressive).
   */
  public RolloutPolicy withDefinitivePullAttempts(int n) {
    return toBuilder().definitivePullAttempts(n).build();
  }

  /** Returns a copy with other definitive pull error patterns. */
  public RolloutPolicy withDefinitivePullErrors(List<String> patterns) {
    return toBuilder().definitivePullErrors(patterns).build();
  }

  /** Returns a copy with another retry budget (time and attempts) for other pull errors. */
  public RolloutPolicy withPullRetry(Duration d, int attempts) {
    return toBuilder().pullRetryBudget(d).pullRetryAttempts(attempts).build();
  }

  /** Returns a copy with another CreateContainerConfigError grace. */
  public RolloutPolicy withContainerConfigGrace(Duration d) {
    return toBuilder().containerConfigGrace(d).build();
  }

  /** Returns a copy with another crash-loop restart threshold. */
  public RolloutPolicy withCrashLoopRestarts(int n) {
    return toBuilder().crashLoopRestarts(n).build();
  }

  /** Returns a copy with another Unschedulable grace. */
  public RolloutPolicy withUnschedulableGrace(Duration d) {
    return toBuilder().unschedulableGrace(d).build();
  }

  /** Returns a copy with another stability window S (zero reproduces kubectl). */
  public RolloutPolicy withStabilityWindow(Duration d) {
    return toBuilder().stabilityWindow(d).build();
  }

  /** Returns a copy with another no-progress deadline. */
  public RolloutPolicy withNoProgressDeadline(Duration d) {
    return toBuilder().noProgressDeadline(d).build();
  }

  /** Returns a copy with another overall budget. */
  public RolloutPolicy withBudget(Duration d) {
    return toBuilder().budget(d).build();
  }

  /** Returns a copy that expects (or not) a full rollout despite a partition. */
  public RolloutPolicy withExpectFullRollout(boolean expect) {
    return toBuilder().expectFullRollout(expect).build();
  }

  /**
   * Returns a copy that lets the engine replace stale pods of OnDelete workloads (§5.6
   * assistOnDelete): the risk of incident 3 moves to deploy time, with humans watching.
   */
  public RolloutPolicy withAssistOnDelete(boolean assist) {
    return toBuilder().assistOnDelete(assist).build();
  }

  /** Returns a builder holding this policy's settings, to change several at once. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.observeTimeout = observeTimeout;
    b.definitivePullAttempts = definitivePullAttempts;
    b.definitivePullErrors = definitivePullErrors;
    b.pullRetryBudget = pullRetryBudget;
    b.pullRetryAttempts = pullRetryAttempts;
    b.containerConfigGrace = containerConfigGrace;
    b.containerStartSightings = containerStartSightings;
    b.crashLoopRestarts = crashLoopRestarts;
    b.oomKilledRestarts = oomKilledRestarts;
    b.unschedulableGrace = unschedulableGrace;
    b.createFailedGrace = createFailedGrace;
    b.maxEvictions = maxEvictions;
    b.stabilityWindow = stabilityWindow;
    b.noProgressDeadline = noProgressDeadline;
    b.budget = budget;
    b.expectFullRollout = expectFullRollout;
    b.assistOnDelete = assistOnDelete;
    return b;
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /**
   * Collects policy settings and makes a {@link RolloutPolicy}; {@link #build()} checks them as the
   * record constructor does. Not thread-safe.
   */
  public static final class Builder {

    private Duration observeTimeout;
    private int definitivePullAttempts;
    private List<String> definitivePullErrors;
    private Duration pullRetryBudget;
    private int pullRetryAttempts;
    private Duration containerConfigGrace;
    private int containerStartSightings;
    private int crashLoopRestarts;
    private int oomKilledRestarts;
    private Duration unschedulableGrace;
    private Duration createFailedGrace;
    private int maxEvictions;
    private Duration stabilityWindow;
    private Duration noProgressDeadline;
    private Duration budget;
    private boolean expectFullRollout;
    private boolean assistOnDelete;

    private Builder() {}

    /** Sets {@link RolloutPolicy#observeTimeout()}. */
    public Builder observeTimeout(Duration v) {
      observeTimeout = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#definitivePullAttempts()}. */
    public Builder definitivePullAttempts(int v) {
      definitivePullAttempts = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#definitivePullErrors()}. */
    public Builder definitivePullErrors(List<String> v) {
      definitivePullErrors = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#pullRetryBudget()}. */
    public Builder pullRetryBudget(Duration v) {
      pullRetryBudget = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#pullRetryAttempts()}. */
    public Builder pullRetryAttempts(int v) {
      pullRetryAttempts = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#containerConfigGrace()}. */
    public Builder containerConfigGrace(Duration v) {
      containerConfigGrace = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#containerStartSightings()}. */
    public Builder containerStartSightings(int v) {
      containerStartSightings = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#crashLoopRestarts()}. */
    public Builder crashLoopRestarts(int v) {
      crashLoopRestarts = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#oomKilledRestarts()}. */
    public Builder oomKilledRestarts(int v) {
      oomKilledRestarts = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#unschedulableGrace()}. */
    public Builder unschedulableGrace(Duration v) {
      unschedulableGrace = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#createFailedGrace()}. */
    public Builder createFailedGrace(Duration v) {
      createFailedGrace = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#maxEvictions()}. */
    public Builder maxEvictions(int v) {
      maxEvictions = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#stabilityWindow()}. */
    public Builder stabilityWindow(Duration v) {
      stabilityWindow = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#noProgressDeadline()}. */
    public Builder noProgressDeadline(Duration v) {
      noProgressDeadline = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#budget()}. */
    public Builder budget(Duration v) {
      budget = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#expectFullRollout()}. */
    public Builder expectFullRollout(boolean v) {
      expectFullRollout = v;
      return this;
    }

    /** Sets {@link RolloutPolicy#assistOnDelete()}. */
    public Builder assistOnDelete(boolean v) {
      assistOnDelete = v;
      return this;
    }

    /** Makes the policy; throws IllegalArgumentException for a setting out of range. */
    public RolloutPolicy build() {
      return new RolloutPolicy(
          observeTimeout,
          definitivePullAttempts,
          definitivePullErrors,
          pullRetryBudget,
          pullRetryAttempts,
          containerConfigGrace,
          containerStartSightings,
          crashLoopRestarts,
          oomKilledRestarts,
          unschedulableGrace,
          createFailedGrace,
          maxEvictions,
          stabilityWindow,
          noProgressDeadline,
          budget,
          expectFullRollout,
          assistOnDelete);
    }
  }

  /** Returns the effective stability window: max(minReadySeconds, S). */
  public Duration effectiveStabilityWindow(int minReadySeconds) {
    Duration min = Duration.ofSeconds(Math.max(0, minReadySeconds));
    return min.compareTo(stabilityWindow) > 0 ? min : stabilityWindow;
  }

  /** Tells whether an ErrImagePull message is a definitive registry answer. */
  public boolean isDefinitivePullError(String message) {
    for (String p : definitivePullErrors) {
      if (Pattern.compile(p, Pattern.CASE_INSENSITIVE).matcher(message).find()) {
        return true;
      }
    }
    return false;
  }

  private static void nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }

  private static void atLeastOne(int n, String name) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1: " + n);
    }
  }
}
