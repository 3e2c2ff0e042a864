package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} active pods, reports {@code
 * ReplicaFailure/FailedCreate} when a pod create is refused (quota, admission, API error), and
 * writes replicas/ready/available counts honouring minReadySeconds. Not thread-safe.
 */
final class ReplicaSetController {
  private final Simulation sim;
  private final Map<String, Integer> counters = new HashMap<>();

  ReplicaSetController(Simulation sim) {
    this.sim = sim;
  }

  void sync(World w) {
    for (ReplicaSet rs : new ArrayList<>(w.replicaSets.values())) {
      if (rs.getMetadata().getDeletionTimestamp() == null) {
        syncOne(rs, w);
      }
    }
  }

  /** Creates a pod named {@code <prefix><5 chars>} from a template, owned by {@code owner}. */
  static Pod newPod(
      io.fabric8.kubernetes.api.model.HasMetadata owner,
      PodTemplateSpec template,
      String name,
      Map<String, String> extraLabels) {
    Pod p = new Pod();
    ObjectMeta m = new ObjectMeta();
    m.setName(name);
    m.setNamespace(owner.getMetadata().getNamespace());
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.putAll(extraLabels);
    m.setLabels(labels);
    if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
      m.setAnnotations(new LinkedHashMap<>(template.getMetadata().getAnnotations()));
    }
    m.setOwnerReferences(List.of(Kube.controllerRef(owner)));
    p.setMetadata(m);
    p.setSpec(Kube.copy(template.getSpec()));
    PodStatus s = new PodStatus();
    s.setPhase("Pending");
    p.setStatus(s);
    return p;
  }

  String nextName(String ns, String prefix, World w) {
    while (true) {
      int n = counters.merge(ns + "/" + prefix, 1, Integer::sum);
      String name = prefix + Kube.suffix(ns + "/" + prefix + "#" + n);
      if (!w.pods.containsKey(ns + "/" + name)) {
        return name;
      }
    }
  }

  /** Gives back the last name of {@code prefix}, so a refused create retries with the same name. */
  void releaseName(String ns, String prefix) {
    counters.merge(ns + "/" + prefix, -1, Integer::sum);
  }

  private void syncOne(ReplicaSet rs, World w) {
    String ns = rs.getMetadata().getNamespace();
    int want = Kube.intOr(rs.getSpec().getReplicas(), 1);
    List<Pod> active = active(rs, w);
    String failure = "";
    int diff = active.size() - want;
    if (diff < 0) {
      for (int i = 0; i < -diff; i++) {
        String name = nextName(ns, rs.getMetadata().getName() + "-", w);
        Pod pod = newPod(rs, rs.getSpec().getTemplate(), name, Map.of());
        String denied = SimAdmission.admit(pod, w);
        if (denied.isEmpty()) {
          denied = sim.api.tryCreate(pod);
        }
        if (!denied.isEmpty()) {
          releaseName(ns, rs.getMetadata().getName() + "-");
          failure = denied;
          sim.events.warning(
              rs, "replicaset-controller", "FailedCreate", "Error creating: " + denied);
          sim.retrySoon();
          break;
        }
        sim.events.normal(rs, "replicaset-controller", "SuccessfulCreate", "Created pod: " + name);
      }
    } else if (diff > 0) {
      List<Pod> ranked = new ArrayList<>(active);
      ranked.sort(deletionOrder(w.now));
      for (int i = 0; i < diff; i++) {
        Pod p = ranked.get(i);
        if (sim.api.delete(p)) {
          sim.events.normal(
              rs,
              "replicaset-controller",
              "SuccessfulDelete",
              "Deleted pod: " + p.getMetadata().getName());
        }
      }
    }
    writeStatus(rs, w, failure);
  }

  static List<Pod> active(ReplicaSet rs, World w) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : World.ownedBy(w.pods, rs)) {
      if (Kube.isActive(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private void writeStatus(ReplicaSet rs, World w, String failure) {
    int minReady = Kube.intOr(rs.getSpec().getMinReadySeconds(), 0);
    List<Pod> active = active(rs, w);
    int ready = 0;
    int available = 0;
    for (Pod p : active) {
      if (Kube.isReady(p)) {
        ready++;
        Optional<Instant> from = Kube.availableFrom(p, minReady);
        if (from.isPresent() && !from.get().isAfter(w.now)) {
          available++;
        } else {
          from.ifPresent(sim::wakeAt);
        }
      }
    }
    ReplicaSetStatus old = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
    ReplicaSetStatus s = new ReplicaSetStatus();
    s.setReplicas(active.size());
    s.setFullyLabeledReplicas(active.size());
    s.setReadyReplicas(ready);
    s.setAvailableReplicas(available);
    s.setObservedGeneration(rs.getMetadata().getGeneration());
    List<ReplicaSetCondition> conds = new ArrayList<>();
    Optional<ReplicaSetCondition> oldFailure =
        old.getConditions() == null
            ? Optional.empty()
            : old.getConditions().stream()
                .filter(c -> "ReplicaFailure".equals(c.getType()))
                .findFirst();
    if (!failure.isEmpty()) {
      ReplicaSetCondition c = new ReplicaSetCondition();
      c.setType("ReplicaFailure");
      c.setStatus("True");
      c.setReason("FailedCreate");
      c.setMessage(failure);
      c.setLastTransitionTime(
          oldFailure.map(ReplicaSetCondition::getLastTransitionTime).orElse(Kube.time(w.now)));
      conds.add(c);
    }
    if (!conds.isEmpty()) {
      s.setConditions(conds);
    }
    if (!Kube.canonicalJson(s).equals(Kube.canonicalJson(old))) {
      rs.setStatus(s);
      sim.api.updateStatus(rs);
    }
  }

  /** Orders pods so the ones to delete first come first (controller.ActivePods). */
  static Comparator<Pod> deletionOrder(Instant now) {
    return Comparator.comparing(
            (Pod p) -> p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty())
        .thenComparing(p -> phaseRank(Kube.phase(p)))
        .thenComparing(Kube::isReady)
        .thenComparing(
            p -> Kube.condition(p, "Ready").map(c -> c.getLastTransitionTime()).orElse(""),
            Comparator.reverseOrder())
        .thenComparing(p -> -restarts(p))
        .thenComparing(
            p -> String.valueOf(p.getMetadata().getCreationTimestamp()), Comparator.reverseOrder())
        .thenComparing(World::key, Comparator.reverseOrder());
  }

  private static int phaseRank(String phase) {
    return switch (phase) {
      case "Pending" -> 0;
      case "Unknown" -> 1;
      default -> 2;
    };
  }

  private static int restarts(Pod p) {
    int n = 0;
    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
        n = Math.max(n, Kube.intOr(c.getRestartCount(), 0));
      }
    }
    return n;
  }
}
