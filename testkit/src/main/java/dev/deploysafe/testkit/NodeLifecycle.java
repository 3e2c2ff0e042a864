package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node lifecycle: builds Node objects for pools, keeps the {@code unschedulable} taint in step with
 * cordoning, takes a node down when its containers use more memory or cpu than it has (the kubelet
 * stops posting status), marks it {@code Ready=Unknown} after the node-monitor grace period, taints
 * it unreachable and evicts its pods when their toleration expires (300 s by default), and
 * garbage-collects pods bound to deleted nodes. Not thread-safe.
 */
final class NodeLifecycle {
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
  private final Simulation sim;
  private final Map<String, Instant> downSince = new LinkedHashMap<>();
  private final Map<String, Instant> notReadySince = new HashMap<>();

  NodeLifecycle(Simulation sim) {
    this.sim = sim;
  }

  boolean isDown(String node) {
    return downSince.containsKey(node);
  }

  void restart(String node) {
    downSince.remove(node);
    sim.kubelet.forgetNode(node);
  }

  static Node build(NodePool pool, int i, int poolIndex) {
    String name = pool.name() + "-" + i;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put(NodePool.POOL_LABEL, pool.name());
    labels.putAll(pool.labels());
    List<Taint> taints = new ArrayList<>();
    for (String t : pool.taints()) {
      taints.add(SimTaints.parse(t));
    }
    Map<String, Quantity> cap = new LinkedHashMap<>();
    cap.put("cpu", new Quantity(pool.cpu()));
    cap.put("memory", new Quantity(pool.memory()));
    cap.put("pods", new Quantity(Integer.toString(pool.maxPods())));
    cap.put("ephemeral-storage", new Quantity("100Gi"));
    String now = Kube.time(SimClock.EPOCH);
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTaints(taints)
        .withPodCIDR("10.244." + poolIndex + ".0/24")
        .endSpec()
        .withNewStatus()
        .withCapacity(cap)
        .withAllocatable(new LinkedHashMap<>(cap))
        .withConditions(
            cond(
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
                now),
            cond(
                "DiskPressure",
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
                now),
            cond(
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
                now),
            cond("Ready", "True", "KubeletReady", "kubelet is posting ready status", now))
        .withAddresses(
            new NodeAddress("10.0." + poolIndex + "." + (10 + i), "InternalIP"),
            new NodeAddress(name, "Hostname"))
        .withNewNodeInfo()
        .withArchitecture("amd64")
        .withOperatingSystem("linux")
        .withKubeletVersion("v1.35.2")
        .withKubeProxyVersion("")
        .withContainerRuntimeVersion("containerd://2.1.4")
        .withOsImage("Ubuntu 24.04.3 LTS")
        .withKernelVersion("6.8.0-1020")
        .withMachineID(Kube.suffix(name + "m"))
        .withSystemUUID(Kube.suffix(name + "u"))
        .withBootID(Kube.suffix(name + "b"))
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static NodeCondition cond(
      String type, String status, String reason, String message, String t) {
    NodeCondition c = new NodeCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastHeartbeatTime(t);
    c.setLastTransitionTime(t);
    return c;
  }

  void sync(World w) {
    Instant now = w.now;
    for (Node n : new ArrayList<>(w.nodes.values())) {
      String name = n.getMetadata().getName();
      syncCordonTaint(n);
      if (!isDown(name)) {
        long[] use = sim.kubelet.usage(name, now);
        Map<String, Quantity> cap = n.getStatus().getCapacity();
        long cpu = Quantities.millicores(cap.get("cpu"));
        long mem = Quantities.bytes(cap.get("memory"));
        if (use[1] > mem || use[0] > cpu) {
          downSince.put(name, now);
          sim.note(
              "Node " + name,
              "NodeSaturated",
              "containers without limits use "
                  + Quantities.memory(use[1])
                  + " memory / "
                  + Quantities.cpu(use[0])
                  + " cpu of "
                  + Quantities.memory(mem)
                  + " / "
                  + Quantities.cpu(cpu)
                  + "; the kubelet stops responding");
        } else if (notReadySince.containsKey(name)) {
          recover(n, now);
        }
      }
      if (isDown(name)) {
        Instant unknownAt = downSince.get(name).plus(sim.model.nodeMonitorGracePeriod);
        if (now.isBefore(unknownAt)) {
          sim.wakeAt(unknownAt);
          continue;
        }
        if (!notReadySince.containsKey(name)) {
          markUnknown(n, w, unknownAt);
        }
        evict(n, w, notReadySince.get(name));
      }
    }
    // pod GC: pods bound to nodes that no longer exist
    for (Pod p : new ArrayList<>(w.pods.values())) {
      String node = p.getSpec().getNodeName();
      if (node != null && !node.isEmpty() && !w.nodes.containsKey(node)) {
        sim.api.forceDelete(p); // PodGC force-deletes pods of nodes that are gone
      }
    }
  }

  private void syncCordonTaint(Node n) {
    boolean cordoned = Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    List<Taint> taints =
        n.getSpec().getTaints() == null
            ? new ArrayList<>()
            : new ArrayList<>(n.getSpec().getTaints());
    boolean has = taints.stream().anyMatch(t -> UNSCHEDULABLE.equals(t.getKey()));
    if (cordoned == has) {
      return;
    }
    if (cordoned) {
      Taint t = SimTaints.parse(UNSCHEDULABLE + ":NoSchedule");
      t.setTimeAdded(Kube.time(sim.now()));
      taints.add(t);
      sim.events.normal(
          n,
          "kubelet",
          "NodeNotSchedulable",
          "Node " + n.getMetadata().getName() + " status is now: NodeNotSchedulable");
    } else {
      taints.removeIf(t -> UNSCHEDULABLE.equals(t.getKey()));
      sim.events.normal(
          n,
          "kubelet",
          "NodeSchedulable",
          "Node " + n.getMetadata().getName() + " status is now: NodeSchedulable");
    }
    n.getSpec().setTaints(taints);
    sim.api.update(n);
  }

  private void markUnknown(Node n, World w, Instant at) {
    String name = n.getMetadata().getName();
    notReadySince.put(name, at);
    String t = Kube.time(at);
    List<NodeCondition> conds = new ArrayList<>();
    for (NodeCondition c : n.getStatus().getConditions()) {
      NodeCondition u = Kube.copy(c);
      u.setStatus("Unknown");
      u.setReason("NodeStatusUnknown");
      u.setMessage("Kubelet stopped posting node status.");
      u.setLastTransitionTime(t);
      conds.add(u);
    }
    n.getStatus().setConditions(conds);
    sim.api.updateStatus(n);
    List<Taint> taints =
        n.getSpec().getTaints() == null
            ? new ArrayList<>()
            : new ArrayList<>(n.getSpec().getTaints());
    for (String effect : List.of("NoSchedule", "NoExecute")) {
      Taint taint = SimTaints.parse(UNREACHABLE + ":" + effect);
      taint.setTimeAdded(t);
      taints.add(taint);
    }
    n.getSpec().setTaints(taints);
    sim.api.update(n);
    sim.events.normal(
        n, "node-controller", "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
    // MarkPodsNotReady: the node controller flips the Ready condition of every pod on the node.
    for (Pod p : w.podsOn(name)) {
      if (Kube.isTerminal(p) || !Kube.isReady(p)) {
        continue;
      }
      for (PodCondition c : p.getStatus().getConditions()) {
        if ("Ready".equals(c.getType()) || "ContainersReady".equals(c.getType())) {
          c.setStatus("False");
          c.setLastTransitionTime(t);
        }
      }
      sim.api.updateStatus(p);
    }
  }

  private void evict(Node n, World w, Instant taintedAt) {
    for (Pod p : w.podsOn(n.getMetadata().getName())) {
      if (p.getMetadata().getDeletionTimestamp() != null) {
        continue; // already evicted; stays Terminating while the kubelet is down
      }
      Optional<Long> seconds = tolerationSeconds(p);
      if (seconds.isEmpty()) {
        continue;
      }
      Instant due = taintedAt.plus(Duration.ofSeconds(seconds.get()));
      if (w.now.isBefore(due)) {
        sim.wakeAt(due);
        continue;
      }
      sim.events.normal(
          p,
          "taint-eviction-controller",
          "TaintManagerEviction",
          "Marking for deletion Pod "
              + p.getMetadata().getNamespace()
              + "/"
              + p.getMetadata().getName());
      sim.api.delete(p);
    }
  }

  /** Seconds the pod tolerates the unreachable NoExecute taint; empty means forever. */
  private Optional<Long> tolerationSeconds(Pod p) {
    Taint t = SimTaints.parse(UNREACHABLE + ":NoExecute");
    if (p.getSpec().getTolerations() != null) {
      for (Toleration tol : p.getSpec().getTolerations()) {
        if (SimTaints.tolerates(tol, t)) {
          return tol.getTolerationSeconds() == null
              ? Optional.empty()
              : Optional.of(Math.max(0, tol.getTolerationSeconds()));
        }
      }
    }
    // DefaultTolerationSeconds admission adds 300 s to pods that do not say otherwise.
    return Optional.of(sim.model.defaultTolerationSeconds);
  }

  private void recover(Node n, Instant now) {
    String name = n.getMetadata().getName();
    notReadySince.remove(name);
    String t = Kube.time(now);
    for (NodeCondition c : n.getStatus().getConditions()) {
      boolean ready = c.getType().equals("Ready");
      c.setStatus(ready ? "True" : "False");
      c.setReason(
          ready ? "KubeletReady" : "Kubelet" + c.getType().replace("Pressure", "HasNoPressure"));
      c.setMessage(ready ? "kubelet is posting ready status" : "kubelet is healthy");
      c.setLastTransitionTime(t);
    }
    sim.api.updateStatus(n);
    if (n.getSpec().getTaints() != null) {
      List<Taint> taints = new ArrayList<>(n.getSpec().getTaints());
      taints.removeIf(x -> UNREACHABLE.equals(x.getKey()));
      n.getSpec().setTaints(taints);
      sim.api.update(n);
    }
    sim.events.normal(n, "kubelet", "NodeReady", "Node " + name + " status is now: NodeReady");
  }
}
