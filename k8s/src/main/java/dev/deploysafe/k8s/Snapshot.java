package dev.deploysafe.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds everything the evaluator judges at one instant: the workload (absent when not found), its
 * ReplicaSets or ControllerRevisions, its pods, Events, the labels of the nodes its pods run on,
 * the apply record and the observation history. Extra objects (pods of other workloads) are
 * ignored: the evaluator selects by owner references itself.
 *
 * <p>Immutable and thread-safe as long as the fabric8 objects are not mutated after construction.
 *
 * @param workload Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, Pod, or any resource with
 *     standard conditions ({@code GenericKubernetesResource}); empty when not found
 * @param replicaSets ReplicaSets in the namespace (for Deployments)
 * @param revisions ControllerRevisions in the namespace (for StatefulSets and DaemonSets)
 * @param pods pods in the namespace
 * @param events Events in the namespace (optional)
 * @param nodeLabels labels by node name (optional; used to group failures by node pool)
 * @param apply what was applied and when
 * @param observations what was seen before
 */
public record Snapshot(
    Optional<HasMetadata> workload,
    List<ReplicaSet> replicaSets,
    List<ControllerRevision> revisions,
    List<Pod> pods,
    List<Event> events,
    Map<String, Map<String, String>> nodeLabels,
    ApplyRecord apply,
    Observations observations) {

  /** Checks the parts and copies the collections. */
  public Snapshot {
    Objects.requireNonNull(workload, "workload");
    replicaSets = List.copyOf(replicaSets);
    revisions = List.copyOf(revisions);
    pods = List.copyOf(pods);
    events = List.copyOf(events);
    nodeLabels = Map.copyOf(nodeLabels);
    Objects.requireNonNull(apply, "apply");
    Objects.requireNonNull(observations, "observations");
  }

  /** Returns a snapshot of one workload with nothing else seen yet. */
  public static Snapshot of(HasMetadata workload, ApplyRecord apply) {
    return new Snapshot(
        Optional.of(workload),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        apply,
        Observations.initial(apply.startedAt()));
  }

  /** Returns a snapshot in which the workload was not found. */
  public static Snapshot absent(ApplyRecord apply) {
    return new Snapshot(
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        apply,
        Observations.initial(apply.startedAt()));
  }

  /** Returns a copy with another workload object. */
  public Snapshot withWorkload(Optional<HasMetadata> w) {
    return new Snapshot(w, replicaSets, revisions, pods, events, nodeLabels, apply, observations);
  }

  /** Returns a copy with other ReplicaSets. */
  public Snapshot withReplicaSets(List<ReplicaSet> rs) {
    return new Snapshot(workload, rs, revisions, pods, events, nodeLabels, apply, observations);
  }

  /** Returns a copy with other ControllerRevisions. */
  public Snapshot withRevisions(List<ControllerRevision> crs) {
    return new Snapshot(workload, replicaSets, crs, pods, events, nodeLabels, apply, observations);
  }

  /** Returns a copy with other pods. */
  public Snapshot withPods(List<Pod> p) {
    return new Snapshot(
        workload, replicaSets, revisions, p, events, nodeLabels, apply, observations);
  }

  /** Returns a copy with other Events. */
  public Snapshot withEvents(List<Event> e) {
    return new Snapshot(workload, replicaSets, revisions, pods, e, nodeLabels, apply, observations);
  }

  /** Returns a copy with node labels by node name. */
  public Snapshot withNodeLabels(Map<String, Map<String, String>> labels) {
    return new Snapshot(
        workload, replicaSets, revisions, pods, events, labels, apply, observations);
  }

  /** Returns a copy with another apply record. */
  public Snapshot withApply(ApplyRecord a) {
    return new Snapshot(
        workload, replicaSets, revisions, pods, events, nodeLabels, a, observations);
  }

  /** Returns a copy with other observations. */
  public Snapshot withObservations(Observations o) {
    return new Snapshot(workload, replicaSets, revisions, pods, events, nodeLabels, apply, o);
  }

  /**
   * Folds this snapshot's objects into its observation history at {@code now} and returns the
   * snapshot with the new history: pod histories, workload-level signals and the progress clock.
   * Call it once per observation, before {@link RolloutEvaluator#evaluate}.
   */
  public Snapshot observe(Instant now) {
    Observations old = observations;
    Map<String, PodHistory> pods2 = new HashMap<>();
    for (Pod p : K8s.ownedPods(this)) {
      String key = K8s.key(p);
      pods2.put(key, PodHistory.observe(old.pod(key), p, K8s.eventsAbout(this, p), now));
    }
    Map<String, Instant> signals = new LinkedHashMap<>();
    for (String s : K8s.signals(this)) {
      signals.put(s, old.signal(s).orElse(now));
    }
    String key = K8s.progressKey(this);
    boolean moved = !key.equals(old.progressKey()) && !old.progressKey().isEmpty();
    Instant since = moved ? now : old.progressSince();
    return withObservations(new Observations(pods2, signals, key, since));
  }
}
