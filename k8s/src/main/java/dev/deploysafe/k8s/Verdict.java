package dev.deploysafe.k8s;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Severity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * States what a rollout verification concluded about one workload (or, aggregated, about many).
 *
 * <p>Terminal verdicts are {@link Succeeded}, {@link Failed}, {@link NotRolledOut}, {@link Stalled}
 * and {@link Unknown}; {@link InProgress} streams while waiting. Everything except {@code
 * Succeeded} converts to {@link Severity#ERROR} findings: the verifier fails closed and never
 * reports success for anything it did not observe.
 *
 * <p>All implementations are immutable, serializable and thread-safe.
 */
public sealed interface Verdict extends Serializable
    permits Verdict.Succeeded,
        Verdict.Failed,
        Verdict.NotRolledOut,
        Verdict.Stalled,
        Verdict.Unknown,
        Verdict.InProgress {

  /** Tells whether this verdict ends the verification of its workload. */
  default boolean isTerminal() {
    return !(this instanceof InProgress);
  }

  /** Tells whether this verdict is {@link Succeeded}. */
  default boolean isSucceeded() {
    return this instanceof Succeeded;
  }

  /**
   * Orders verdicts for aggregation, higher is worse: Succeeded 0, InProgress 1, Unknown 2, Stalled
   * 3, NotRolledOut 4, Failed 5.
   */
  int rank();

  /** Returns the finding code, a stable dotted id such as {@code rollout.crash-loop}. */
  String code();

  /** Returns one short sentence for people. */
  String message();

  /**
   * Returns the process exit code the CLI uses: 0 Succeeded, 1 Failed/NotRolledOut/Stalled, 3
   * otherwise.
   */
  default int exitCode() {
    if (this instanceof Succeeded) {
      return 0;
    }
    if (this instanceof Failed || this instanceof NotRolledOut || this instanceof Stalled) {
      return 1;
    }
    return 3;
  }

  /**
   * Converts this verdict into core findings located at {@code resource} (such as {@code
   * apps/Deployment prod/api}); only {@link Succeeded} is INFO, everything else is ERROR.
   */
  List<Finding> toFindings(String resource);

  /** Returns the worst of the verdicts by {@link #rank()}; the first one wins ties. */
  static Verdict worst(List<? extends Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      throw new IllegalArgumentException("verdicts must not be empty");
    }
    Verdict worst = verdicts.get(0);
    for (Verdict v : verdicts) {
      if (v.rank() > worst.rank()) {
        worst = v;
      }
    }
    return worst;
  }

  /**
   * Every pod of the new revision is available and has been stable for the stability window, and
   * old-revision pods are gone (or, with a partition, only the pods meant to stay remain).
   *
   * @param notes qualifiers such as {@link Note#NO_CHANGE_NEEDED}
   * @param message what was observed, with numbers
   */
  record Succeeded(List<Note> notes, String message) implements Verdict {
    private static final long serialVersionUID = 1L;

    /** Qualifies a success. */
    public enum Note {
      /** The template did not change; the drift check found every pod at the current revision. */
      NO_CHANGE_NEEDED,
      /** The workload wants zero pods (or a DaemonSet selects no node). */
      SCALED_TO_ZERO,
      /** A StatefulSet partition keeps some ordinals at the old revision on purpose. */
      PARTIAL_BY_PARTITION
    }

    /** Checks the parts and copies the list. */
    public Succeeded {
      notes = List.copyOf(notes);
      Objects.requireNonNull(message, "message");
    }

    /** Returns a success with the given notes. */
    public static Succeeded of(String message, List<Note> notes) {
      return new Succeeded(notes, message);
    }

    @Override
    public int rank() {
      return 0;
    }

    @Override
    public String code() {
      return "rollout.succeeded";
    }

    @Override
    public List<Finding> toFindings(String resource) {
      Finding f = Finding.info(code(), Location.resource(resource), message);
      if (!notes.isEmpty()) {
        f = f.withEvidence("notes", notes.toString());
      }
      return List.of(f);
    }

    @Override
    public String toString() {
      return "Succeeded" + (notes.isEmpty() ? "" : notes.toString()) + ": " + message;
    }
  }

  /**
   * A deterministic failure was observed on new-revision pods or reported by a controller.
   *
   * @param reason the failure class
   * @param message one sentence with the decisive signal
   * @param evidence the failing pods, most relevant first
   * @param byNodePool failures grouped by node pool, such as {@code "fails on 3/3 pods on
   *     pool=new"}; empty when nodes are unknown
   * @param notes further facts worth checking, such as the image pull secrets the pods reference
   */
  record Failed(
      Reason reason,
      String message,
      List<PodEvidence> evidence,
      List<String> byNodePool,
      List<String> notes)
      implements Verdict {
    private static final long serialVersionUID = 1L;

    /** Classifies a failure; each has a stable finding code. */
    public enum Reason {
      /** InvalidImageName or ErrImageNeverPull. */
      IMAGE_CONFIG("rollout.image-config"),
      /** ErrImagePull with a definitive registry answer (not found, unauthorized, denied). */
      IMAGE_PULL("rollout.image-pull"),
      /** Pull retrying (timeouts, 429, 5xx) beyond its budget. */
      IMAGE_PULL_RETRYING("rollout.image-pull-retrying"),
      /** CreateContainerConfigError after its grace period: missing Secret, ConfigMap or key. */
      CONTAINER_CONFIG("rollout.container-config"),
      /** CreateContainerError, RunContainerError, hook errors, StartError, ContainerCannotRun. */
      CONTAINER_START("rollout.container-start"),
      /** CrashLoopBackOff or repeated restarts. */
      CRASH_LOOP("rollout.crash-loop"),
      /** A container was OOMKilled and restarted. */
      OOM_KILLED("rollout.oom-killed"),
      /** Unschedulable beyond its grace period, or the autoscaler refused to scale up. */
      UNSCHEDULABLE("rollout.unschedulable"),
      /** ReplicaFailure/FailedCreate: quota, PodSecurity or webhook denial. */
      CREATE_FAILED("rollout.create-failed"),
      /** The Deployment controller reported ProgressDeadlineExceeded. */
      PROGRESS_DEADLINE("rollout.progress-deadline"),
      /** More new-revision pods were evicted or preempted than the policy allows. */
      EVICTED("rollout.evicted"),
      /** A Job reported Failed=True. */
      JOB_FAILED("rollout.job-failed"),
      /** A bare Pod ended in phase Failed. */
      POD_FAILED("rollout.pod-failed"),
      /** A resource with standard conditions reported Stalled=True. */
      RESOURCE_STALLED("rollout.resource-stalled");

      private final String code;

      Reason(String code) {
        this.code = code;
      }

      /** Returns the stable finding code. */
      public String code() {
        return code;
      }
    }

    /** Checks the parts and copies the lists. */
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      evidence = List.copyOf(evidence);
      byNodePool = List.copyOf(byNodePool);
      notes = List.copyOf(notes);
    }

    /** Returns a failure without notes. */
    public Failed(
        Reason reason, String message, List<PodEvidence> evidence, List<String> byNodePool) {
      this(reason, message, evidence, byNodePool, List.of());
    }

    /** Returns a copy with more notes. */
    public Failed withNotes(List<String> more) {
      List<String> all = new ArrayList<>(notes);
      all.addAll(more);
      return new Failed(reason, message, evidence, byNodePool, all);
    }

    /** Returns a failure without pod evidence (controller-reported). */
    public static Failed of(Reason reason, String message) {
      return new Failed(reason, message, List.of(), List.of());
    }

    /** Returns a copy with other evidence (used to attach log tails). */
    public Failed withEvidence(List<PodEvidence> newEvidence) {
      return new Failed(reason, message, newEvidence, byNodePool, notes);
    }

    @Override
    public int rank() {
      return 5;
    }

    @Override
    public String code() {
      return reason.code();
    }

    @Override
    public List<Finding> toFindings(String resource) {
      Finding f =
          Finding.error(code(), Location.resource(resource), message)
              .withEvidence("reason", reason.name());
      if (!byNodePool.isEmpty()) {
        f = f.withEvidence("byNodePool", String.join("; ", byNodePool));
      }
      int i = 0;
      for (PodEvidence e : evidence) {
        f = f.withEvidence("pod." + i++, e.toString());
      }
      if (!notes.isEmpty()) {
        f = f.withEvidence("notes", String.join("; ", notes));
      }
      return List.of(f);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("Failed(").append(reason).append("): ").append(message);
      if (!byNodePool.isEmpty()) {
        b.append(" [").append(String.join("; ", byNodePool)).append(']');
      }
      for (PodEvidence e : evidence) {
        b.append("\n  ").append(e);
      }
      for (String n : notes) {
        b.append("\n  note: ").append(n);
      }
      return b.toString();
    }
  }

  /**
   * The spec was accepted, but the controller will not start the new revision without intervention.
   *
   * @param reason why the new revision does not roll
   * @param message what was observed, with numbers
   * @param stalePods pods still at an old revision, as {@code name@revision-hash}
   */
  record NotRolledOut(Reason reason, String message, List<String> stalePods) implements Verdict {
    private static final long serialVersionUID = 1L;

    /** Says why a revision does not roll out. */
    public enum Reason {
      /** The update strategy is OnDelete: pods are replaced only when someone deletes them. */
      ON_DELETE("rollout.not-rolled-out.on-delete"),
      /** The Deployment is paused (or the Job suspended). */
      PAUSED("rollout.not-rolled-out.paused"),
      /** A StatefulSet partition is at least the replica count: no pod will be updated. */
      PARTITION_HOLDS_ALL("rollout.not-rolled-out.partition"),
      /** A partition holds some pods back while the caller expects a full rollout. */
      PARTITION_HOLDS_SOME("rollout.not-rolled-out.partial"),
      /** Pods still run an old revision although nothing is replacing them (drift). */
      STALE_PODS("rollout.stale-pods");

      private final String code;

      Reason(String code) {
        this.code = code;
      }

      /** Returns the stable finding code. */
      public String code() {
        return code;
      }
    }

    /** Checks the parts and copies the list. */
    public NotRolledOut {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      stalePods = List.copyOf(stalePods);
    }

    @Override
    public int rank() {
      return 4;
    }

    @Override
    public String code() {
      return reason.code();
    }

    @Override
    public List<Finding> toFindings(String resource) {
      Finding f =
          Finding.error(code(), Location.resource(resource), message)
              .withEvidence("reason", reason.name());
      if (!stalePods.isEmpty()) {
        f = f.withEvidence("stalePods", String.join(", ", stalePods));
      }
      if (reason == Reason.ON_DELETE || reason == Reason.STALE_PODS) {
        f =
            f.withHint(
                "delete the stale pods (highest ordinal first) or switch updateStrategy to"
                    + " RollingUpdate");
      }
      return List.of(f);
    }

    @Override
    public String toString() {
      return "NotRolledOut("
          + reason
          + "): "
          + message
          + (stalePods.isEmpty() ? "" : " stale=" + stalePods);
    }
  }

  /**
   * No terminal signal, but no progress within the budget.
   *
   * @param reason the dominant blocker class
   * @param message what was observed, with numbers
   * @param blockers what holds the rollout, one line each
   */
  record Stalled(Reason reason, String message, List<String> blockers) implements Verdict {
    private static final long serialVersionUID = 1L;

    /** Classifies what holds a stalled rollout. */
    public enum Reason {
      /** Pods run but never pass readiness. */
      READINESS,
      /** Pods cannot be scheduled. */
      UNSCHEDULABLE,
      /** The image pull keeps retrying. */
      IMAGE_PULL_RETRYING,
      /** Volumes do not mount or attach. */
      VOLUME,
      /** Pods stay Pending or ContainerCreating for another reason. */
      PENDING,
      /** Counters did not move (old pods not going away, controller stuck). */
      NO_PROGRESS
    }

    /** Checks the parts and copies the list. */
    public Stalled {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      blockers = List.copyOf(blockers);
    }

    @Override
    public int rank() {
      return 3;
    }

    @Override
    public String code() {
      return "rollout.stalled";
    }

    @Override
    public List<Finding> toFindings(String resource) {
      Finding f =
          Finding.error(code(), Location.resource(resource), message)
              .withEvidence("reason", reason.name());
      if (!blockers.isEmpty()) {
        f = f.withEvidence("blockers", String.join("; ", blockers));
      }
      return List.of(f);
    }

    @Override
    public String toString() {
      return "Stalled(" + reason + "): " + message + (blockers.isEmpty() ? "" : " " + blockers);
    }
  }

  /**
   * The verifier lost the ability to judge; fails closed.
   *
   * @param reason why no judgement is possible
   * @param message what happened
   * @param evidence API errors and other facts, one line each
   */
  record Unknown(Reason reason, String message, List<String> evidence) implements Verdict {
    private static final long serialVersionUID = 1L;

    /** Says why the verifier cannot judge. */
    public enum Reason {
      /** RBAC forbids reading the workload or its pods. */
      FORBIDDEN,
      /** The object was deleted and recreated (its uid changed). */
      REPLACED,
      /** Someone else changed the template after our apply. */
      SUPERSEDED,
      /** The controller did not observe the applied generation in time. */
      CONTROLLER_NOT_OBSERVING,
      /** The API server kept failing. */
      API_ERROR,
      /** The overall deadline passed before any terminal signal. */
      TIMEOUT,
      /** The object does not exist (or was deleted). */
      NOT_FOUND
    }

    /** Checks the parts and copies the list. */
    public Unknown {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      evidence = List.copyOf(evidence);
    }

    /** Returns an unknown verdict without evidence. */
    public static Unknown of(Reason reason, String message) {
      return new Unknown(reason, message, List.of());
    }

    @Override
    public int rank() {
      return 2;
    }

    @Override
    public String code() {
      return "rollout.unknown";
    }

    @Override
    public List<Finding> toFindings(String resource) {
      Finding f =
          Finding.error(code(), Location.resource(resource), message)
              .withEvidence("reason", reason.name());
      for (int i = 0; i < evidence.size(); i++) {
        f = f.withEvidence("evidence." + i, evidence.get(i));
      }
      return List.of(f);
    }

    @Override
    public String toString() {
      return "Unknown(" + reason + "): " + message + (evidence.isEmpty() ? "" : " " + evidence);
    }
  }

  /**
   * Not decided yet; streamed while waiting and turned into an error if it is ever reported as a
   * final result.
   *
   * @param progress counters, such as {@code "updated 2/3, available 1/3"}
   * @param blockers what currently holds the rollout, one line each
   */
  record InProgress(String progress, List<String> blockers) implements Verdict {
    private static final long serialVersionUID = 1L;

    /** Checks the parts and copies the list. */
    public InProgress {
      Objects.requireNonNull(progress, "progress");
      blockers = List.copyOf(blockers);
    }

    /** Returns an in-progress verdict without blockers. */
    public static InProgress of(String progress) {
      return new InProgress(progress, List.of());
    }

    @Override
    public int rank() {
      return 1;
    }

    @Override
    public String code() {
      return "rollout.in-progress";
    }

    @Override
    public String message() {
      return progress;
    }

    @Override
    public List<Finding> toFindings(String resource) {
      List<Finding> out = new ArrayList<>();
      Finding f = Finding.error(code(), Location.resource(resource), "not finished: " + progress);
      if (!blockers.isEmpty()) {
        f = f.withEvidence("blockers", String.join("; ", blockers));
      }
      out.add(f);
      return out;
    }

    @Override
    public String toString() {
      return "InProgress: " + progress + (blockers.isEmpty() ? "" : " " + blockers);
    }
  }
}
