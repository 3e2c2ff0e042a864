package dev.deploysafe.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deploysafe.k8s.Verdict.Failed;
import dev.deploysafe.k8s.Verdict.InProgress;
import dev.deploysafe.k8s.Verdict.NotRolledOut;
import dev.deploysafe.k8s.Verdict.Stalled;
import dev.deploysafe.k8s.Verdict.Succeeded;
import dev.deploysafe.k8s.Verdict.Unknown;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one workload snapshot: a pure function from (snapshot, policy, now) to a {@link Verdict},
 * implementing the rules of docs/rollout-semantics.md §5.3–§5.6 (generation gate, new-revision pod
 * identification, failure classification, strict success with a stability window, no-op and drift
 * detection) plus the no-progress and overall deadlines.
 *
 * <p>Call {@link Snapshot#observe(Instant)} before each evaluation so the history (first-Ready
 * time, pull attempts, grace periods) is current. Stateless and thread-safe.
 */
public final class RolloutEvaluator {

  private static final int MAX_EVIDENCE = 10;

  private RolloutEvaluator() {}

  /** A kind rule's outcome before deadlines are applied. */
  private record Step(
      Verdict verdict, Optional<Stalled.Reason> stall, boolean gatePassed, Duration noProgress) {
    static Step done(Verdict v) {
      return new Step(v, Optional.empty(), true, Duration.ZERO);
    }
  }

  /**
   * Judges the snapshot at {@code now} under {@code policy}; never throws for cluster states, only
   * for null arguments.
   */
  public static Verdict evaluate(Snapshot snapshot, RolloutPolicy policy, Instant now) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    Step step = judge(snapshot, policy, now);
    if (!(step.verdict() instanceof InProgress ip)) {
      return step.verdict();
    }
    Instant start = snapshot.apply().startedAt();
    Duration elapsed = Duration.between(start, now);
    Duration stuck = Duration.between(snapshot.observations().progressSince(), now);
    boolean budgetGone = elapsed.compareTo(policy.budget()) >= 0;
    boolean noProgress = step.gatePassed() && stuck.compareTo(step.noProgress()) >= 0;
    if (budgetGone || noProgress) {
      if (!step.gatePassed()) {
        return new Unknown(
            Unknown.Reason.TIMEOUT,
            "deadline " + fmt(policy.budget()) + " passed: " + ip.progress(),
            ip.blockers());
      }
      String why =
          budgetGone
              ? "deadline " + fmt(policy.budget()) + " passed"
              : "no progress for " + fmt(stuck);
      return new Stalled(
          step.stall().orElse(Stalled.Reason.NO_PROGRESS),
          why + ": " + ip.progress(),
          ip.blockers());
    }
    return ip;
  }

  // ------------------------------------------------------------------------------------------

  private static Step judge(Snapshot s, RolloutPolicy p, Instant now) {
    ApplyRecord apply = s.apply();
    Duration sinceStart = Duration.between(apply.startedAt(), now);
    boolean observeLate = sinceStart.compareTo(p.observeTimeout()) >= 0;
    if (s.workload().isEmpty()) {
      if (!apply.uid().isEmpty()) {
        return Step.done(Unknown.of(Unknown.Reason.NOT_FOUND, "object was deleted"));
      }
      if (observeLate) {
        return Step.done(
            Unknown.of(
                Unknown.Reason.NOT_FOUND, "object not found after " + fmt(p.observeTimeout())));
      }
      return waiting("waiting for the object to appear");
    }
    HasMetadata w = s.workload().get();
    if (K8s.isTerminating(w)) {
      return Step.done(Unknown.of(Unknown.Reason.NOT_FOUND, "object is being deleted"));
    }
    if (!apply.uid().isEmpty() && !apply.uid().equals(K8s.uid(w))) {
      return Step.done(
          Unknown.of(
              Unknown.Reason.REPLACED,
              "object was replaced: uid " + K8s.uid(w) + " is not the applied " + apply.uid()));
    }
    long gen = K8s.generation(w);
    long applied = apply.generation() > 0 ? apply.generation() : gen;
    if (gen > 0 && gen < applied) {
      // A cache or list older than our own apply response: discard (helm#10859).
      return gate(
          observeLate, "stale read: generation " + gen + " is older than the applied " + applied);
    }
    if (gen > applied && isSuperseded(apply, w)) {
      return Step.done(
          Unknown.of(
              Unknown.Reason.SUPERSEDED,
              "generation moved from " + applied + " to " + gen + " with a different template"));
    }
    long target = Math.max(gen, applied);
    boolean needsObserved =
        w instanceof Deployment
            || w instanceof StatefulSet
            || w instanceof DaemonSet
            || w instanceof ReplicaSet;
    Optional<Long> observed = K8s.observedGeneration(w);
    if ((needsObserved && observed.orElse(0L) < target)
        || (!needsObserved && observed.isPresent() && observed.get() < target)) {
      return gate(
          observeLate,
          "waiting for the controller to observe generation "
              + target
              + " (observed "
              + observed.map(String::valueOf).orElse("none")
              + ")");
    }
    if (w instanceof Deployment d) {
      return deployment(s, d, p, now);
    }
    if (w instanceof StatefulSet sts) {
      return statefulSet(s, sts, p, now);
    }
    if (w instanceof DaemonSet ds) {
      return daemonSet(s, ds, p, now);
    }
    if (w instanceof ReplicaSet rs) {
      return replicaSet(s, rs, p, now);
    }
    if (w instanceof Job job) {
      return job(s, job, p, now);
    }
    if (w instanceof Pod pod) {
      return pod(s, pod, p, now);
    }
    return generic(s, w, p, now, observeLate);
  }

  private static Step waiting(String msg) {
    return new Step(InProgress.of(msg), Optional.empty(), false, Duration.ZERO);
  }

  private static Step gate(boolean late, String msg) {
    if (late) {
      return Step.done(Unknown.of(Unknown.Reason.CONTROLLER_NOT_OBSERVING, msg));
    }
    return waiting(msg);
  }

  private static boolean isSuperseded(ApplyRecord apply, HasMetadata w) {
    if (apply.applied().isEmpty()) {
      return false; // nothing to compare with: keep judging the live object
    }
    Optional<JsonNode> a = K8s.template(apply.applied().get());
    Optional<JsonNode> b = K8s.template(w);
    return !a.equals(b);
  }

  // ---- Deployment (§5.3, §5.5, §5.6)

  private static Step deployment(Snapshot s, Deployment d, RolloutPolicy p, Instant now) {
    int replicas = d.getSpec() == null ? 1 : orDefault(d.getSpec().getReplicas(), 1);
    Duration noProgress =
        min(p.noProgressDeadline(), Duration.ofSeconds(progressDeadlineSeconds(d)));
    // kubectl waits forever on a paused Deployment; kstatus ignores spec.paused; Argo says
    // Suspended.
    if (d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getPaused())) {
      return Step.done(
          new NotRolledOut(
              NotRolledOut.Reason.PAUSED,
              "Deployment is paused: the new template will not roll out until it is resumed",
              List.of()));
    }
    Optional<K8s.Cond> progressing = K8s.condition(d, "Progressing");
    boolean deadline =
        progressing
            .map(c -> c.isFalse() && "ProgressDeadlineExceeded".equals(c.reason()))
            .orElse(false);
    String revision = K8s.annotations(d).getOrDefault(K8s.REVISION, "");
    Optional<JsonNode> template = K8s.template(d);
    ReplicaSet newRs = null;
    List<ReplicaSet> owned = K8s.ownedReplicaSets(s, d);
    for (ReplicaSet rs : owned) {
      if (!revision.isEmpty()
          && revision.equals(K8s.annotations(rs).get(K8s.REVISION))
          && K8s.template(rs).equals(template)) {
        newRs = rs;
      }
    }
    Optional<Step> createFailed = createFailed(s, d, p, now);
    if (newRs == null) {
      if (createFailed.isPresent()) {
        return createFailed.get();
      }
      if (deadline) {
        return Step.done(Failed.of(Failed.Reason.PROGRESS_DEADLINE, progressing.get().message()));
      }
      return new Step(
          InProgress.of("waiting for the ReplicaSet of revision " + revision),
          Optional.of(Stalled.Reason.NO_PROGRESS),
          true,
          noProgress);
    }
    String newUid = K8s.uid(newRs);
    String hash = K8s.labels(newRs).getOrDefault(K8s.POD_TEMPLATE_HASH, "");
    List<Pod> newPods = new ArrayList<>();
    List<Pod> oldPods = new ArrayList<>();
    Set<String> oldUids = new java.util.HashSet<>();
    for (ReplicaSet rs : owned) {
      if (rs != newRs) {
        oldUids.add(K8s.uid(rs));
      }
    }
    for (Pod pod : s.pods()) {
      if (K8s.isTerminating(pod)) {
        continue;
      }
      String owner = K8s.controllerUid(pod);
      if (owner.equals(newUid)
          || (owner.isEmpty()
              && !hash.isEmpty()
              && hash.equals(K8s.labels(pod).get(K8s.POD_TEMPLATE_HASH)))) {
        newPods.add(pod);
      } else if (oldUids.contains(owner)) {
        oldPods.add(pod);
      }
    }
    Duration window =
        p.effectiveStabilityWindow(
            minReady(d.getSpec() == null ? null : d.getSpec().getMinReadySeconds()));
    List<PodRules.Assessment> as = assessAll(s, newPods, p, now, window);
    Optional<Step> failed = failures(s, as, p);
    if (failed.isPresent()) {
      return failed.get();
    }
    if (createFailed.isPresent()) {
      return createFailed.get();
    }
    if (deadline) {
      return Step.done(Failed.of(Failed.Reason.PROGRESS_DEADLINE, progressing.get().message()));
    }
    var st = d.getStatus();
    int updated = st == null ? 0 : K8s.orZero(st.getUpdatedReplicas());
    int current = st == null ? 0 : K8s.orZero(st.getReplicas());
    int available = st == null ? 0 : K8s.orZero(st.getAvailableReplicas());
    List<Succeeded.Note> notes = new ArrayList<>();
    if (K8s.createdBefore(newRs, s.apply().startedAt())) {
      notes.add(Succeeded.Note.NO_CHANGE_NEEDED);
    }
    if (replicas == 0) {
      if (current == 0 && newPods.isEmpty() && oldPods.isEmpty()) {
        notes.add(Succeeded.Note.SCALED_TO_ZERO);
        return Step.done(Succeeded.of("scaled to zero", notes));
      }
      return new Step(
          InProgress.of("scaling to zero: " + (newPods.size() + oldPods.size()) + " pods left"),
          Optional.of(Stalled.Reason.NO_PROGRESS),
          true,
          noProgress);
    }
    int stable = countStable(as);
    List<String> blockers = blockers(as, window, now, s);
    if (!oldPods.isEmpty()) {
      blockers.add(oldPods.size() + " old replicas are pending termination");
    }
    String progress =
        "updated "
            + updated
            + "/"
            + replicas
            + ", available "
            + available
            + "/"
            + replicas
            + ", stable "
            + stable
            + "/"
            + replicas
            + (current > updated ? ", old " + (current - updated) : "");
    if (updated == replicas
        && current == updated
        && available >= replicas
        && oldPods.isEmpty()
        && stable >= replicas) {
      return Step.done(Succeeded.of(progress, notes));
    }
    return new Step(
        new InProgress(progress, blockers), stallReason(as, oldPods.isEmpty()), true, noProgress);
  }

  private static int progressDeadlineSeconds(Deployment d) {
    Integer pds = d.getSpec() == null ? null : d.getSpec().getProgressDeadlineSeconds();
    return pds == null ? 600 : pds;
  }

  // ---- StatefulSet (§5.3, §5.5, §5.6)

  private static Step statefulSet(Snapshot s, StatefulSet sts, RolloutPolicy p, Instant now) {
    var spec = sts.getSpec();
    int replicas = spec == null ? 1 : orDefault(spec.getReplicas(), 1);
    String type = "RollingUpdate";
    int partition = 0;
    if (spec != null && spec.getUpdateStrategy() != null) {
      if (spec.getUpdateStrategy().getType() != null) {
        type = spec.getUpdateStrategy().getType();
      }
      if (spec.getUpdateStrategy().getRollingUpdate() != null) {
        partition = orDefault(spec.getUpdateStrategy().getRollingUpdate().getPartition(), 0);
      }
    }
    boolean onDelete = "OnDelete".equals(type);
    Duration noProgress = p.noProgressDeadline();
    String revision =
        sts.getStatus() == null
            ? ""
            : Objects.requireNonNullElse(sts.getStatus().getUpdateRevision(), "");
    if (revision.isEmpty()) {
      return new Step(
          InProgress.of("waiting for status.updateRevision"),
          Optional.of(Stalled.Reason.NO_PROGRESS),
          true,
          noProgress);
    }
    List<Pod> newPods = new ArrayList<>();
    List<Pod> stale = new ArrayList<>();
    for (Pod pod : K8s.podsOwnedBy(s, Set.of(K8s.uid(sts)))) {
      if (K8s.isTerminating(pod)) {
        continue;
      }
      if (revision.equals(K8s.labels(pod).get(K8s.CONTROLLER_REVISION_HASH))) {
        newPods.add(pod);
      } else {
        stale.add(pod);
      }
    }
    Duration window =
        p.effectiveStabilityWindow(minReady(spec == null ? null : spec.getMinReadySeconds()));
    List<PodRules.Assessment> as = assessAll(s, newPods, p, now, window);
    Optional<Step> failed = failures(s, as, p);
    if (failed.isPresent()) {
      return failed.get();
    }
    Optional<Step> createFailed = createFailed(s, sts, p, now);
    if (createFailed.isPresent()) {
      return createFailed.get();
    }
    boolean changed = revisionIsNew(s, sts, revision);
    List<String> staleNames = staleNames(stale);
    if (replicas == 0) {
      if (newPods.isEmpty() && stale.isEmpty()) {
        return Step.done(Succeeded.of("scaled to zero", List.of(Succeeded.Note.SCALED_TO_ZERO)));
      }
      return new Step(
          InProgress.of("scaling to zero"),
          Optional.of(Stalled.Reason.NO_PROGRESS),
          true,
          noProgress);
    }
    int expected;
    List<Pod> held = new ArrayList<>();
    if (onDelete) {
      // kubectl: "rollout status is only available for RollingUpdate strategy type" (exit 1);
      // kstatus/Helm: Current; Argo CD: Healthy. currentRevision is never updated for OnDelete
      // (kubernetes#73492), so only the pods' controller-revision-hash tells.
      if (!stale.isEmpty() && !p.assistOnDelete()) {
        return Step.done(
            new NotRolledOut(
                changed ? NotRolledOut.Reason.ON_DELETE : NotRolledOut.Reason.STALE_PODS,
                stale.size()
                    + "/"
                    + replicas
                    + " pods still run an old revision; updateStrategy OnDelete will not replace"
                    + " them (update revision "
                    + revision
                    + ")",
                staleNames));
      }
      expected = replicas;
    } else {
      if (partition >= replicas && !stale.isEmpty()) {
        // kubectl/kstatus: "partitioned roll out complete: 0 new pods have been updated" (success).
        return Step.done(
            new NotRolledOut(
                NotRolledOut.Reason.PARTITION_HOLDS_ALL,
                "partition " + partition + " >= replicas " + replicas + ": no pod will be updated",
                staleNames));
      }
      expected = Math.max(0, replicas - Math.min(partition, replicas));
      for (Pod pod : stale) {
        if (ordinal(pod) < partition) {
          held.add(pod);
        }
      }
    }
    int updated = sts.getStatus() == null ? 0 : K8s.orZero(sts.getStatus().getUpdatedReplicas());
    int stable = countStable(as);
    int waitingOld = stale.size() - held.size();
    List<String> blockers = blockers(as, window, now, s);
    if (waitingOld > 0) {
      blockers.add(waitingOld + " pods at an old revision are waiting to be replaced");
    }
    String progress =
        "updated "
            + updated
            + "/"
            + expected
            + ", stable "
            + stable
            + "/"
            + expected
            + (held.isEmpty() ? "" : ", held by partition " + held.size());
    if (updated >= expected
        && stable >= expected
        && waitingOld == 0
        && newPods.size() + held.size() <= replicas) {
      List<Succeeded.Note> notes = new ArrayList<>();
      if (!changed) {
        notes.add(Succeeded.Note.NO_CHANGE_NEEDED);
      }
      if (!held.isEmpty()) {
        if (p.expectFullRollout()) {
          return Step.done(
              new NotRolledOut(
                  NotRolledOut.Reason.PARTITION_HOLDS_SOME,
                  "partition " + partition + " holds " + held.size() + " pods at an old revision",
                  staleNames(held)));
        }
        notes.add(Succeeded.Note.PARTIAL_BY_PARTITION);
        progress += " (partition " + partition + ")";
      }
      return Step.done(Succeeded.of(progress, notes));
    }
    return new Step(
        new InProgress(progress, blockers), stallReason(as, waitingOld == 0), true, noProgress);
  }

  private static boolean revisionIsNew(Snapshot s, HasMetadata owner, String revisionName) {
    for (ControllerRevision cr : s.revisions()) {
      if (revisionName.equals(K8s.name(cr))
          || revisionName.equals(K8s.labels(cr).get(K8s.CONTROLLER_REVISION_HASH))) {
        if (!K8s.controllerUid(cr).isEmpty() && !K8s.controllerUid(cr).equals(K8s.uid(owner))) {
          continue;
        }
        return !K8s.createdBefore(cr, s.apply().startedAt());
      }
    }
    return true; // unknown: assume the apply changed it (OnDelete is then the accurate reason)
  }

  private static String hashOf(ControllerRevision cr) {
    String hash = K8s.labels(cr).getOrDefault(K8s.CONTROLLER_REVISION_HASH, "");
    if (hash.isEmpty()) {
      String n = K8s.name(cr);
      hash = n.substring(n.lastIndexOf('-') + 1);
    }
    return hash;
  }

  /**
   * For assistOnDelete (§5.6): returns the next stale pod of an OnDelete StatefulSet or DaemonSet
   * to delete, highest ordinal first, but only when it is safe now: no pod is terminating, every
   * replacement exists, and every new-revision pod is Ready.
   */
  static Optional<Pod> nextStalePod(Snapshot s) {
    if (s.workload().isEmpty()) {
      return Optional.empty();
    }
    HasMetadata w = s.workload().get();
    String revision;
    int want;
    String type;
    if (w instanceof StatefulSet sts && sts.getSpec() != null && sts.getStatus() != null) {
      type =
          sts.getSpec().getUpdateStrategy() == null
              ? ""
              : sts.getSpec().getUpdateStrategy().getType();
      revision = Objects.requireNonNullElse(sts.getStatus().getUpdateRevision(), "");
      want = orDefault(sts.getSpec().getReplicas(), 1);
    } else if (w instanceof DaemonSet ds && ds.getSpec() != null && ds.getStatus() != null) {
      type =
          ds.getSpec().getUpdateStrategy() == null
              ? ""
              : ds.getSpec().getUpdateStrategy().getType();
      ControllerRevision latest = null;
      for (ControllerRevision cr : s.revisions()) {
        if (K8s.uid(ds).equals(K8s.controllerUid(cr))
            && (latest == null || orZeroL(cr.getRevision()) > orZeroL(latest.getRevision()))) {
          latest = cr;
        }
      }
      revision = latest == null ? "" : hashOf(latest);
      want = K8s.orZero(ds.getStatus().getDesiredNumberScheduled());
    } else {
      return Optional.empty();
    }
    if (!"OnDelete".equals(type) || revision.isEmpty()) {
      return Optional.empty();
    }
    List<Pod> owned = K8s.podsOwnedBy(s, Set.of(K8s.uid(w)));
    List<Pod> stale = new ArrayList<>();
    for (Pod pod : owned) {
      if (K8s.isTerminating(pod)) {
        return Optional.empty();
      }
      if (revision.equals(K8s.labels(pod).get(K8s.CONTROLLER_REVISION_HASH))) {
        if (!K8s.isPodReady(pod)) {
          return Optional.empty();
        }
      } else {
        stale.add(pod);
      }
    }
    if (stale.isEmpty() || owned.size() < want) {
      return Optional.empty();
    }
    stale.sort((a, b) -> Integer.compare(ordinal(b), ordinal(a)));
    return Optional.of(stale.get(0));
  }

  private static int ordinal(Pod pod) {
    String n = K8s.name(pod);
    int i = n.lastIndexOf('-');
    try {
      return Integer.parseInt(n.substring(i + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  // ---- DaemonSet

  private static Step daemonSet(Snapshot s, DaemonSet ds, RolloutPolicy p, Instant now) {
    var st = ds.getStatus();
    int desired = st == null ? 0 : K8s.orZero(st.getDesiredNumberScheduled());
    int updated = st == null ? 0 : K8s.orZero(st.getUpdatedNumberScheduled());
    int available = st == null ? 0 : K8s.orZero(st.getNumberAvailable());
    String type =
        ds.getSpec() == null || ds.getSpec().getUpdateStrategy() == null
            ? "RollingUpdate"
            : Objects.requireNonNullElse(
                ds.getSpec().getUpdateStrategy().getType(), "RollingUpdate");
    Duration noProgress = p.noProgressDeadline();
    ControllerRevision latest = null;
    for (ControllerRevision cr : s.revisions()) {
      if (K8s.uid(ds).equals(K8s.controllerUid(cr))
          && (latest == null || orZeroL(cr.getRevision()) > orZeroL(latest.getRevision()))) {
        latest = cr;
      }
    }
    String hash = latest == null ? "" : hashOf(latest);
    String generation = String.valueOf(K8s.generation(ds));
    List<Pod> newPods = new ArrayList<>();
    List<Pod> stale = new ArrayList<>();
    for (Pod pod : K8s.podsOwnedBy(s, Set.of(K8s.uid(ds)))) {
      if (K8s.isTerminating(pod)) {
        continue;
      }
      boolean isNew =
          latest != null
              ? hash.equals(K8s.labels(pod).get(K8s.CONTROLLER_REVISION_HASH))
              : generation.equals(K8s.labels(pod).get("pod-template-generation"));
      (isNew ? newPods : stale).add(pod);
    }
    Duration window =
        p.effectiveStabilityWindow(
            minReady(ds.getSpec() == null ? null : ds.getSpec().getMinReadySeconds()));
    List<PodRules.Assessment> as = assessAll(s, newPods, p, now, window);
    Optional<Step> failed = failures(s, as, p);
    if (failed.isPresent()) {
      return failed.get();
    }
    Optional<Step> createFailed = createFailed(s, ds, p, now);
    if (createFailed.isPresent()) {
      return createFailed.get();
    }
    boolean changed = latest == null || !K8s.createdBefore(latest, s.apply().startedAt());
    if ("OnDelete".equals(type) && !stale.isEmpty() && !p.assistOnDelete()) {
      // kubectl: error "only available for RollingUpdate"; Helm legacy and Argo CD: ready/Healthy.
      return Step.done(
          new NotRolledOut(
              changed ? NotRolledOut.Reason.ON_DELETE : NotRolledOut.Reason.STALE_PODS,
              stale.size()
                  + "/"
                  + desired
                  + " pods still run an old revision; updateStrategy OnDelete will not replace them",
              staleNames(stale)));
    }
    if (desired == 0 && newPods.isEmpty() && stale.isEmpty()) {
      return Step.done(
          Succeeded.of("no node selected (desired 0)", List.of(Succeeded.Note.SCALED_TO_ZERO)));
    }
    int stable = countStable(as);
    List<String> blockers = blockers(as, window, now, s);
    if (!stale.isEmpty()) {
      blockers.add(stale.size() + " pods at an old revision are waiting to be replaced");
    }
    String progress =
        "updated "
            + updated
            + "/"
            + desired
            + ", available "
            + available
            + "/"
            + desired
            + ", stable "
            + stable
            + "/"
            + desired;
    if (latest == null && newPods.isEmpty()) {
      blockers.add("no ControllerRevision seen yet");
    }
    if (updated == desired && available == desired && stable >= desired && stale.isEmpty()) {
      List<Succeeded.Note> notes = new ArrayList<>();
      if (!changed) {
        notes.add(Succeeded.Note.NO_CHANGE_NEEDED);
      }
      return Step.done(Succeeded.of(progress, notes));
    }
    return new Step(
        new InProgress(progress, blockers), stallReason(as, stale.isEmpty()), true, noProgress);
  }

  // ---- ReplicaSet (bare)

  private static Step replicaSet(Snapshot s, ReplicaSet rs, RolloutPolicy p, Instant now) {
    int replicas = rs.getSpec() == null ? 1 : orDefault(rs.getSpec().getReplicas(), 1);
    List<Pod> pods = new ArrayList<>();
    for (Pod pod : K8s.podsOwnedBy(s, Set.of(K8s.uid(rs)))) {
      if (!K8s.isTerminating(pod)) {
        pods.add(pod);
      }
    }
    Duration window =
        p.effectiveStabilityWindow(
            minReady(rs.getSpec() == null ? null : rs.getSpec().getMinReadySeconds()));
    List<PodRules.Assessment> as = assessAll(s, pods, p, now, window);
    Optional<Step> failed = failures(s, as, p);
    if (failed.isPresent()) {
      return failed.get();
    }
    Optional<Step> createFailed = createFailed(s, rs, p, now);
    if (createFailed.isPresent()) {
      return createFailed.get();
    }
    // A bare ReplicaSet never replaces pods when its template changes: drift shows as images.
    List<String> want =
        images(
            rs.getSpec() == null
                    || rs.getSpec().getTemplate() == null
                    || rs.getSpec().getTemplate().getSpec() == null
                ? List.of()
                : rs.getSpec().getTemplate().getSpec().getContainers());
    List<String> drifted = new ArrayList<>();
    for (Pod pod : pods) {
      List<String> have = images(pod.getSpec() == null ? List.of() : pod.getSpec().getContainers());
      if (!want.isEmpty() && !have.equals(want)) {
        drifted.add(K8s.name(pod) + "@" + String.join(",", have));
      }
    }
    if (!drifted.isEmpty()) {
      return Step.done(
          new NotRolledOut(
              NotRolledOut.Reason.STALE_PODS,
              drifted.size()
                  + "/"
                  + pods.size()
                  + " pods run images other than the template's; a ReplicaSet never replaces them",
              drifted));
    }
    if (replicas == 0 && pods.isEmpty()) {
      return Step.done(Succeeded.of("scaled to zero", List.of(Succeeded.Note.SCALED_TO_ZERO)));
    }
    int available = rs.getStatus() == null ? 0 : K8s.orZero(rs.getStatus().getAvailableReplicas());
    int current = rs.getStatus() == null ? 0 : K8s.orZero(rs.getStatus().getReplicas());
    int stable = countStable(as);
    String progress =
        "available " + available + "/" + replicas + ", stable " + stable + "/" + replicas;
    if (current == replicas
        && available >= replicas
        && stable >= replicas
        && pods.size() == replicas) {
      return Step.done(Succeeded.of(progress, List.of()));
    }
    return new Step(
        new InProgress(progress, blockers(as, window, now, s)),
        stallReason(as, true),
        true,
        p.noProgressDeadline());
  }

  private static List<String> images(List<Container> cs) {
    List<String> out = new ArrayList<>();
    for (Container c : cs) {
      out.add(c.getName() + "=" + c.getImage());
    }
    return out;
  }

  // ---- Job

  private static Step job(Snapshot s, Job job, RolloutPolicy p, Instant now) {
    if (job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return Step.done(new NotRolledOut(NotRolledOut.Reason.PAUSED, "Job is suspended", List.of()));
    }
    Optional<K8s.Cond> failedCond = K8s.condition(job, "Failed");
    if (failedCond.map(K8s.Cond::isTrue).orElse(false)) {
      return Step.done(
          Failed.of(
              Failed.Reason.JOB_FAILED,
              failedCond.get().reason() + ": " + failedCond.get().message()));
    }
    for (String type : List.of("Complete", "SuccessCriteriaMet")) {
      if (K8s.condition(job, type).map(K8s.Cond::isTrue).orElse(false)) {
        int succeeded = job.getStatus() == null ? 0 : K8s.orZero(job.getStatus().getSucceeded());
        return Step.done(Succeeded.of("complete: " + succeeded + " succeeded", List.of()));
      }
    }
    List<Pod> pods = new ArrayList<>();
    for (Pod pod : K8s.podsOwnedBy(s, Set.of(K8s.uid(job)))) {
      String phase = K8s.phase(pod);
      if (!K8s.isTerminating(pod) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
        pods.add(pod);
      }
    }
    List<PodRules.Assessment> as = assessAll(s, pods, p, now, Duration.ZERO);
    Optional<Step> failed = failures(s, as, p);
    if (failed.isPresent()) {
      return failed.get();
    }
    var st = job.getStatus();
    String progress =
        "active "
            + (st == null ? 0 : K8s.orZero(st.getActive()))
            + ", succeeded "
            + (st == null ? 0 : K8s.orZero(st.getSucceeded()))
            + "/"
            + (job.getSpec() == null ? 1 : orDefault(job.getSpec().getCompletions(), 1))
            + ", failed "
            + (st == null ? 0 : K8s.orZero(st.getFailed()));
    List<String> blockers = new ArrayList<>();
    for (PodRules.Assessment a : as) {
      blockers.addAll(a.blockers());
    }
    return new Step(
        new InProgress(progress, blockers), stallReason(as, true), true, p.noProgressDeadline());
  }

  // ---- Pod

  private static Step pod(Snapshot s, Pod pod, RolloutPolicy p, Instant now) {
    String phase = K8s.phase(pod);
    if ("Succeeded".equals(phase)) {
      return Step.done(Succeeded.of("pod completed", List.of()));
    }
    Duration window = p.effectiveStabilityWindow(0);
    List<PodRules.Assessment> as = assessAll(s, List.of(pod), p, now, window);
    if ("Failed".equals(phase)) {
      // kstatus: Current ("completed, but not successfully"); Argo CD: Degraded.
      PodRules.Assessment a = as.get(0);
      return Step.done(
          new Failed(
              Failed.Reason.POD_FAILED,
              "pod ended in phase Failed: " + a.evidence().reason() + " " + a.evidence().message(),
              List.of(a.evidence()),
              List.of()));
    }
    Optional<Step> failed = failures(s, as, p);
    if (failed.isPresent()) {
      return failed.get();
    }
    PodRules.Assessment a = as.get(0);
    if (a.stable()) {
      return Step.done(Succeeded.of("pod Ready and stable", List.of()));
    }
    return new Step(
        new InProgress(
            a.ready() ? "pod Ready, inside the stability window" : "pod not Ready",
            blockers(as, window, now, s)),
        stallReason(as, true),
        true,
        p.noProgressDeadline());
  }

  // ---- anything with standard conditions (CRDs)

  private static Step generic(
      Snapshot s, HasMetadata w, RolloutPolicy p, Instant now, boolean late) {
    long gen = K8s.generation(w);
    Optional<K8s.Cond> stalled = K8s.condition(w, "Stalled");
    if (stalled.map(K8s.Cond::isTrue).orElse(false)) {
      // kstatus: Failed.
      return Step.done(
          Failed.of(
              Failed.Reason.RESOURCE_STALLED,
              "Stalled=True: " + stalled.get().reason() + " " + stalled.get().message()));
    }
    if (K8s.condition(w, "Reconciling").map(K8s.Cond::isTrue).orElse(false)) {
      return new Step(
          InProgress.of("Reconciling=True"),
          Optional.of(Stalled.Reason.NO_PROGRESS),
          true,
          p.noProgressDeadline());
    }
    for (String type : List.of("Ready", "Available")) {
      Optional<K8s.Cond> c = K8s.condition(w, type);
      if (c.isEmpty()) {
        continue;
      }
      if (c.get().observedGeneration() > 0 && c.get().observedGeneration() < gen) {
        return gate(late, type + " condition describes generation " + c.get().observedGeneration());
      }
      if (c.get().isTrue()) {
        Instant since = s.observations().signal(type).orElse(now);
        Duration window = p.effectiveStabilityWindow(0);
        if (Duration.between(since, now).compareTo(window) >= 0) {
          return Step.done(Succeeded.of(type + "=True", List.of()));
        }
        return new Step(
            InProgress.of(type + "=True, inside the stability window"),
            Optional.of(Stalled.Reason.NO_PROGRESS),
            true,
            p.noProgressDeadline());
      }
      return new Step(
          new InProgress(
              type + "=" + c.get().status() + " " + c.get().reason(),
              c.get().message().isEmpty() ? List.of() : List.of(c.get().message())),
          Optional.of(Stalled.Reason.NO_PROGRESS),
          true,
          p.noProgressDeadline());
    }
    // kstatus: Current ("Resource is current"). We never succeed without a readiness signal.
    return gate(late, "no Ready or Available condition reported");
  }

  // ---- shared pieces

  private static List<PodRules.Assessment> assessAll(
      Snapshot s, List<Pod> pods, RolloutPolicy p, Instant now, Duration window) {
    List<PodRules.Assessment> out = new ArrayList<>();
    for (Pod pod : pods) {
      PodHistory h =
          s.observations()
              .pod(K8s.key(pod))
              .orElseGet(() -> PodHistory.observe(Optional.empty(), pod, List.of(), now));
      List<Event> events = K8s.eventsAbout(s, pod);
      out.add(PodRules.assess(pod, h, events, p, now, s.apply(), window, s.nodeLabels()));
    }
    return out;
  }

  private static Optional<Step> failures(
      Snapshot s, List<PodRules.Assessment> as, RolloutPolicy p) {
    List<PodRules.Assessment> failing = new ArrayList<>();
    Failed.Reason reason = null;
    for (PodRules.Assessment a : as) {
      if (a.failure().isPresent()) {
        failing.add(a);
        if (reason == null || a.failure().get().ordinal() < reason.ordinal()) {
          reason = a.failure().get();
        }
      }
    }
    int evicted = 0;
    List<PodEvidence> evictedEvidence = new ArrayList<>();
    for (PodRules.Assessment a : as) {
      if (a.evicted()) {
        evicted++;
        evictedEvidence.add(a.evidence());
      }
    }
    if (reason == null) {
      if (evicted > p.maxEvictions()) {
        return Optional.of(
            Step.done(
                new Failed(
                    Failed.Reason.EVICTED,
                    evicted
                        + " new pods were evicted or preempted (limit "
                        + p.maxEvictions()
                        + ")",
                    cap(evictedEvidence),
                    List.of())));
      }
      return Optional.empty();
    }
    List<PodEvidence> evidence = new ArrayList<>();
    for (PodRules.Assessment a : failing) {
      if (a.failure().get() == reason) {
        evidence.add(a.evidence());
      }
    }
    for (PodRules.Assessment a : failing) {
      if (a.failure().get() != reason) {
        evidence.add(a.evidence());
      }
    }
    PodEvidence first = evidence.get(0);
    String msg =
        failing.size()
            + "/"
            + as.size()
            + " new pods failing: "
            + first.reason()
            + (first.message().isEmpty() ? "" : " \"" + first.message() + "\"")
            + (first.container().isEmpty() ? "" : " in container " + first.container());
    if (reason == Failed.Reason.IMAGE_PULL
        && !first.lastPullError().isEmpty()
        && !first.message().equals(first.lastPullError())) {
      msg += " (last pull error: " + first.lastPullError() + ")";
    }
    return Optional.of(
        Step.done(new Failed(reason, msg, cap(evidence), byNodePool(as, s.nodeLabels()))));
  }

  private static List<PodEvidence> cap(List<PodEvidence> in) {
    return in.size() <= MAX_EVIDENCE ? in : in.subList(0, MAX_EVIDENCE);
  }

  /** Groups new pods by node pool: "fails on 3/3 pods on pool=new", "0/5 on pool=old". */
  static List<String> byNodePool(
      List<PodRules.Assessment> as, Map<String, Map<String, String>> nodeLabels) {
    Map<String, int[]> groups = new LinkedHashMap<>();
    boolean anyPool = false;
    for (PodRules.Assessment a : as) {
      String node = K8s.node(a.pod());
      if (node.isEmpty()) {
        continue;
      }
      String pool = PodRules.pool(node, nodeLabels);
      anyPool |= !pool.isEmpty();
      int[] c = groups.computeIfAbsent(pool.isEmpty() ? "node=" + node : pool, k -> new int[2]);
      c[1]++;
      if (a.failure().isPresent()) {
        c[0]++;
      }
    }
    if (!anyPool) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    groups.entrySet().stream()
        .sorted((x, y) -> Integer.compare(y.getValue()[0], x.getValue()[0]))
        .forEach(
            e ->
                out.add(
                    (out.isEmpty() ? "fails on " : "")
                        + e.getValue()[0]
                        + "/"
                        + e.getValue()[1]
                        + " pods on "
                        + e.getKey()));
    return out;
  }

  private static Optional<Step> createFailed(
      Snapshot s, HasMetadata w, RolloutPolicy p, Instant now) {
    for (String signal : List.of("ReplicaFailure", "FailedCreate")) {
      Optional<Instant> since = s.observations().signal(signal);
      if (since.isPresent()
          && Duration.between(since.get(), now).compareTo(p.createFailedGrace()) >= 0) {
        String msg = createFailedMessage(s, w);
        return Optional.of(Step.done(Failed.of(Failed.Reason.CREATE_FAILED, msg)));
      }
    }
    return Optional.empty();
  }

  private static String createFailedMessage(Snapshot s, HasMetadata w) {
    Optional<K8s.Cond> c = K8s.condition(w, "ReplicaFailure");
    if (c.isPresent() && c.get().isTrue()) {
      return c.get().reason() + ": " + c.get().message();
    }
    if (w instanceof Deployment) {
      for (ReplicaSet rs : K8s.ownedReplicaSets(s, w)) {
        Optional<K8s.Cond> rc = K8s.condition(rs, "ReplicaFailure");
        if (rc.isPresent() && rc.get().isTrue()) {
          return rc.get().reason() + ": " + rc.get().message();
        }
      }
    }
    String last = "";
    for (Event e : K8s.eventsAbout(s, w)) {
      if ("FailedCreate".equals(e.getReason())) {
        last = "FailedCreate: " + PodRules.nz(e.getMessage());
      }
    }
    return last.isEmpty() ? "pods cannot be created" : last;
  }

  private static int countStable(List<PodRules.Assessment> as) {
    int n = 0;
    for (PodRules.Assessment a : as) {
      if (a.stable()) {
        n++;
      }
    }
    return n;
  }

  private static List<String> blockers(
      List<PodRules.Assessment> as, Duration window, Instant now, Snapshot s) {
    List<String> out = new ArrayList<>();
    for (PodRules.Assessment a : as) {
      out.addAll(a.blockers());
      if (a.ready() && !a.stable()) {
        Instant since =
            s.observations().pod(K8s.key(a.pod())).flatMap(PodHistory::readySince).orElse(now);
        out.add(
            K8s.name(a.pod())
                + ": Ready for "
                + fmt(Duration.between(since, now))
                + " of the "
                + fmt(window)
                + " stability window");
      }
    }
    return out;
  }

  private static Optional<Stalled.Reason> stallReason(
      List<PodRules.Assessment> as, boolean noOldPods) {
    Optional<Stalled.Reason> r = Optional.empty();
    for (PodRules.Assessment a : as) {
      if (a.blockerClass().isPresent()) {
        r = PodRules.worse(r, a.blockerClass().get());
      }
    }
    if (r.isEmpty()) {
      return Optional.of(noOldPods ? Stalled.Reason.READINESS : Stalled.Reason.NO_PROGRESS);
    }
    return r;
  }

  private static List<String> staleNames(List<Pod> pods) {
    List<String> out = new ArrayList<>();
    for (Pod pod : pods) {
      String hash = K8s.labels(pod).getOrDefault(K8s.CONTROLLER_REVISION_HASH, "?");
      out.add(K8s.name(pod) + "@" + hash);
    }
    out.sort(null);
    return out;
  }

  private static int minReady(Integer i) {
    return i == null ? 0 : i;
  }

  private static int orDefault(Integer i, int d) {
    return i == null ? d : i;
  }

  private static long orZeroL(Long l) {
    return l == null ? 0 : l;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String fmt(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
