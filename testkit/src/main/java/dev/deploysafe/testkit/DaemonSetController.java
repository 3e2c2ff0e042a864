package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DaemonSet controller: one pod per eligible node (nodeSelector, required node affinity, taints
 * against the pod's tolerations plus the tolerations DaemonSet pods get automatically), pinned with
 * a {@code metadata.name} node-affinity term and bound by the scheduler; RollingUpdate with
 * maxUnavailable (percent of desired, rounded up) or OnDelete; desired/current/updated/ready/
 * available counts. Not thread-safe.
 */
final class DaemonSetController {
  private final Simulation sim;
  private final ReplicaSetController names;

  DaemonSetController(Simulation sim, ReplicaSetController names) {
    this.sim = sim;
    this.names = names;
  }

  static List<Toleration> daemonTolerations() {
    List<Toleration> t = new ArrayList<>();
    t.add(tol("node.kubernetes.io/not-ready", "NoExecute"));
    t.add(tol("node.kubernetes.io/unreachable", "NoExecute"));
    t.add(tol("node.kubernetes.io/disk-pressure", "NoSchedule"));
    t.add(tol("node.kubernetes.io/memory-pressure", "NoSchedule"));
    t.add(tol("node.kubernetes.io/pid-pressure", "NoSchedule"));
    t.add(tol("node.kubernetes.io/unschedulable", "NoSchedule"));
    return t;
  }

  private static Toleration tol(String key, String effect) {
    return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
  }

  void sync(World w) {
    for (DaemonSet d : new ArrayList<>(w.daemonSets.values())) {
      if (d.getMetadata().getDeletionTimestamp() == null && d.getSpec() != null) {
        syncOne(d, w);
      }
    }
  }

  private boolean eligible(DaemonSet d, Node n) {
    Pod probe = new Pod();
    probe.setSpec(Kube.copy(d.getSpec().getTemplate().getSpec()));
    if (!SimScheduler.matchesAffinity(probe, n)) {
      return false;
    }
    List<Toleration> tols = new ArrayList<>(daemonTolerations());
    if (probe.getSpec().getTolerations() != null) {
      tols.addAll(probe.getSpec().getTolerations());
    }
    if (n.getSpec().getTaints() != null) {
      for (Taint t : n.getSpec().getTaints()) {
        if (!t.getEffect().equals("PreferNoSchedule") && !SimTaints.tolerated(tols, t)) {
          return false;
        }
      }
    }
    return true;
  }

  private void syncOne(DaemonSet d, World w) {
    String ns = d.getMetadata().getNamespace();
    Map<String, String> sel =
        d.getSpec().getSelector() != null && d.getSpec().getSelector().getMatchLabels() != null
            ? d.getSpec().getSelector().getMatchLabels()
            : Map.of();
    Optional<ControllerRevision> upd =
        StatefulSetController.updateRevision(sim, d, d.getSpec().getTemplate(), sel, w);
    if (upd.isEmpty()) {
      return;
    }
    String hash = upd.get().getMetadata().getLabels().get("controller.kubernetes.io/hash");
    boolean onDelete =
        d.getSpec().getUpdateStrategy() != null
            && "OnDelete".equals(d.getSpec().getUpdateStrategy().getType());
    int minReady = Kube.intOr(d.getSpec().getMinReadySeconds(), 0);
    Map<String, List<Pod>> byNode = new LinkedHashMap<>();
    for (Pod p : World.ownedBy(w.pods, d)) {
      if (!Kube.isActive(p)) {
        continue;
      }
      String node = targetNode(p);
      byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
    }
    List<Node> eligible = new ArrayList<>();
    for (Node n : w.nodes.values()) {
      if (eligible(d, n)) {
        eligible.add(n);
      }
    }
    // Remove pods from nodes that are no longer eligible.
    for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
      if (eligible.stream().noneMatch(n -> n.getMetadata().getName().equals(e.getKey()))) {
        e.getValue().forEach(sim.api::delete);
      }
    }
    int desired = eligible.size();
    int maxUnavailable = 1;
    var ru =
        d.getSpec().getUpdateStrategy() == null
            ? null
            : d.getSpec().getUpdateStrategy().getRollingUpdate();
    if (ru != null && ru.getMaxUnavailable() != null) {
      maxUnavailable = Kube.scaled(ru.getMaxUnavailable(), desired, true);
    }
    int unavailable = 0;
    List<Pod> oldAvailable = new ArrayList<>();
    List<Pod> oldUnavailable = new ArrayList<>();
    for (Node n : eligible) {
      List<Pod> pods = byNode.getOrDefault(n.getMetadata().getName(), List.of());
      if (pods.isEmpty()) {
        Pod p = newPod(d, upd.get(), hash, n, w);
        String err = sim.api.tryCreate(p);
        if (err.isEmpty()) {
          sim.events.normal(
              d,
              "daemonset-controller",
              "SuccessfulCreate",
              "Created pod: " + p.getMetadata().getName());
        } else {
          sim.events.warning(d, "daemonset-controller", "FailedCreate", "Error creating: " + err);
        }
        unavailable++;
        continue;
      }
      Pod p = pods.get(0);
      boolean avail = Kube.isAvailable(p, minReady, w.now);
      if (!avail) {
        unavailable++;
        Kube.availableFrom(p, minReady).ifPresent(sim::wakeAt);
      }
      if (!hash.equals(label(p))) {
        (avail ? oldAvailable : oldUnavailable).add(p);
      }
    }
    if (!onDelete) {
      for (Pod p : oldUnavailable) {
        deletePod(d, p);
      }
      int budget = maxUnavailable - unavailable;
      for (Pod p : oldAvailable) {
        if (budget <= 0) {
          break;
        }
        deletePod(d, p);
        budget--;
      }
    }
    writeStatus(d, hash, eligible, w);
  }

  private void deletePod(DaemonSet d, Pod p) {
    if (sim.api.delete(p)) {
      sim.events.normal(
          d,
          "daemonset-controller",
          "SuccessfulDelete",
          "Deleted pod: " + p.getMetadata().getName());
    }
  }

  private static String label(Pod p) {
    return p.getMetadata().getLabels() == null
        ? ""
        : p.getMetadata().getLabels().getOrDefault(StatefulSetController.REVISION_LABEL, "");
  }

  private static String targetNode(Pod p) {
    if (p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty()) {
      return p.getSpec().getNodeName();
    }
    try {
      return p.getSpec()
          .getAffinity()
          .getNodeAffinity()
          .getRequiredDuringSchedulingIgnoredDuringExecution()
          .getNodeSelectorTerms()
          .get(0)
          .getMatchFields()
          .get(0)
          .getValues()
          .get(0);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private Pod newPod(DaemonSet d, ControllerRevision rev, String hash, Node n, World w) {
    String name =
        names.nextName(d.getMetadata().getNamespace(), d.getMetadata().getName() + "-", w);
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(StatefulSetController.REVISION_LABEL, hash);
    extra.put("pod-template-generation", String.valueOf(d.getMetadata().getGeneration()));
    Pod p = ReplicaSetController.newPod(d, d.getSpec().getTemplate(), name, extra);
    NodeAffinity na = new NodeAffinity();
    na.setRequiredDuringSchedulingIgnoredDuringExecution(
        new NodeSelectorBuilder()
            .withNodeSelectorTerms(
                new NodeSelectorTermBuilder()
                    .withMatchFields(
                        new NodeSelectorRequirementBuilder()
                            .withKey("metadata.name")
                            .withOperator("In")
                            .withValues(n.getMetadata().getName())
                            .build())
                    .build())
            .build());
    if (p.getSpec().getAffinity() == null) {
      p.getSpec().setAffinity(new io.fabric8.kubernetes.api.model.Affinity());
    }
    p.getSpec().getAffinity().setNodeAffinity(na);
    List<Toleration> tols =
        p.getSpec().getTolerations() == null
            ? new ArrayList<>()
            : new ArrayList<>(p.getSpec().getTolerations());
    tols.addAll(daemonTolerations());
    p.getSpec().setTolerations(tols);
    return p;
  }

  private void writeStatus(DaemonSet d, String hash, List<Node> eligible, World w) {
    int minReady = Kube.intOr(d.getSpec().getMinReadySeconds(), 0);
    int current = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    int misscheduled = 0;
    List<String> names = eligible.stream().map(n -> n.getMetadata().getName()).toList();
    for (Pod p : World.ownedBy(w.pods, d)) {
      if (!Kube.isActive(p)) {
        continue;
      }
      String node = p.getSpec().getNodeName();
      if (node == null || node.isEmpty()) {
        continue;
      }
      if (!names.contains(node)) {
        misscheduled++;
        continue;
      }
      current++;
      if (Kube.isReady(p)) {
        ready++;
      }
      if (Kube.isAvailable(p, minReady, w.now)) {
        available++;
      }
      if (hash.equals(label(p))) {
        updated++;
      }
    }
    DaemonSetStatus s = new DaemonSetStatus();
    s.setObservedGeneration(d.getMetadata().getGeneration());
    s.setDesiredNumberScheduled(eligible.size());
    s.setCurrentNumberScheduled(current);
    s.setNumberMisscheduled(misscheduled);
    s.setNumberReady(ready);
    s.setNumberAvailable(available);
    s.setNumberUnavailable(Math.max(0, eligible.size() - available));
    s.setUpdatedNumberScheduled(updated);
    DaemonSetStatus old = d.getStatus();
    if (old == null || !Kube.canonicalJson(s).equals(Kube.canonicalJson(old))) {
      d.setStatus(s);
      sim.api.updateStatus(d);
    }
  }
}
