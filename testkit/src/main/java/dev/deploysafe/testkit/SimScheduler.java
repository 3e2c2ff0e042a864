package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default scheduler, reduced to the filters that matter for rollouts (NodeUnschedulable,
 * TaintToleration, NodeAffinity, NodeResourcesFit) and a least-allocated score. Pods that fit
 * nowhere get {@code PodScheduled=False/Unschedulable} and a FailedScheduling Event with the real
 * message shape ({@code 0/3 nodes are available: 1 Insufficient cpu, ... preemption: ...}). Not
 * thread-safe.
 */
final class SimScheduler {
  static final String UNSCHEDULABLE = "node(s) were unschedulable";
  static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
  private static final long DEFAULT_CPU_REQUEST = 100;
  private static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  private final Simulation sim;

  SimScheduler(Simulation sim) {
    this.sim = sim;
  }

  /** Pod resource requests as the API server defaults them: [millicores, bytes]. */
  static long[] requests(Pod pod, boolean nonZero) {
    long cpu = 0;
    long mem = 0;
    for (Container c : pod.getSpec().getContainers()) {
      long[] r = containerRequests(c, nonZero);
      cpu += r[0];
      mem += r[1];
    }
    if (pod.getSpec().getInitContainers() != null) {
      for (Container c : pod.getSpec().getInitContainers()) {
        long[] r = containerRequests(c, nonZero);
        cpu = Math.max(cpu, r[0]);
        mem = Math.max(mem, r[1]);
      }
    }
    return new long[] {cpu, mem};
  }

  private static long[] containerRequests(Container c, boolean nonZero) {
    Map<String, Quantity> req =
        c.getResources() == null || c.getResources().getRequests() == null
            ? Map.of()
            : c.getResources().getRequests();
    Map<String, Quantity> lim =
        c.getResources() == null || c.getResources().getLimits() == null
            ? Map.of()
            : c.getResources().getLimits();
    Quantity cpu = req.getOrDefault("cpu", lim.get("cpu"));
    Quantity mem = req.getOrDefault("memory", lim.get("memory"));
    long cpuM = cpu == null ? (nonZero ? DEFAULT_CPU_REQUEST : 0) : Quantities.millicores(cpu);
    long memB = mem == null ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : Quantities.bytes(mem);
    return new long[] {cpuM, memB};
  }

  static long[] allocatable(Node n) {
    Map<String, Quantity> a = n.getStatus().getAllocatable();
    return new long[] {
      Quantities.millicores(a.get("cpu")),
      Quantities.bytes(a.get("memory")),
      a.containsKey("pods") ? Quantities.bytes(a.get("pods")) : 110
    };
  }

  void sync(World w) {
    List<Pod> pending = new ArrayList<>();
    for (Pod p : w.pods.values()) {
      String sched = p.getSpec().getSchedulerName();
      if ((p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty())
          && Kube.isActive(p)
          && (sched == null || sched.equals("default-scheduler"))) {
        pending.add(p);
      }
    }
    pending.sort(
        Comparator.comparing((Pod p) -> -Kube.intOr(p.getSpec().getPriority(), 0))
            .thenComparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(World::key));
    for (Pod pod : pending) {
      schedule(pod, w);
    }
  }

  private void schedule(Pod pod, World w) {
    Map<String, Integer> reasons = new TreeMap<>();
    int resolvable = 0;
    int unresolvable = 0;
    Node best = null;
    double bestScore = -1;
    for (Node n : w.nodes.values()) {
      List<String> why = filter(pod, n, w);
      if (why.isEmpty()) {
        double score = score(pod, n, w);
        if (score > bestScore) {
          best = n;
          bestScore = score;
        }
        continue;
      }
      for (String r : why) {
        reasons.merge(r, 1, Integer::sum);
      }
      if (why.get(0).startsWith("Insufficient") || why.get(0).equals("Too many pods")) {
        resolvable++;
      } else {
        unresolvable++;
      }
    }
    if (best != null) {
      bind(pod, best);
      return;
    }
    int total = w.nodes.size();
    List<String> parts = new ArrayList<>();
    reasons.forEach((r, n) -> parts.add(n + " " + r));
    parts.sort(null);
    List<String> pre = new ArrayList<>();
    if (resolvable > 0) {
      pre.add(resolvable + " No preemption victims found for incoming pod");
    }
    if (unresolvable > 0) {
      pre.add(unresolvable + " Preemption is not helpful for scheduling");
    }
    pre.sort(null);
    String message =
        total == 0
            ? "no nodes available to schedule pods"
            : "0/"
                + total
                + " nodes are available: "
                + String.join(", ", parts)
                + ". preemption: 0/"
                + total
                + " nodes are available: "
                + String.join(", ", pre)
                + ".";
    PodCondition old = Kube.condition(pod, "PodScheduled").orElse(null);
    if (old != null && "False".equals(old.getStatus()) && message.equals(old.getMessage())) {
      return;
    }
    setScheduled(pod, false, message);
    sim.api.updateStatus(pod);
    sim.events.warning(pod, "default-scheduler", "FailedScheduling", message);
  }

  private void setScheduled(Pod pod, boolean ok, String message) {
    if (pod.getStatus() == null) {
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    }
    if (pod.getStatus().getPhase() == null) {
      pod.getStatus().setPhase("Pending");
    }
    List<PodCondition> conds =
        pod.getStatus().getConditions() == null
            ? new ArrayList<>()
            : new ArrayList<>(pod.getStatus().getConditions());
    conds.removeIf(c -> "PodScheduled".equals(c.getType()));
    PodCondition c = new PodCondition();
    c.setType("PodScheduled");
    c.setStatus(ok ? "True" : "False");
    if (!ok) {
      c.setReason("Unschedulable");
      c.setMessage(message);
    }
    c.setLastTransitionTime(Kube.time(sim.now()));
    conds.add(c);
    pod.getStatus().setConditions(conds);
  }

  private void bind(Pod pod, Node node) {
    pod.getSpec().setNodeName(node.getMetadata().getName());
    if (!sim.api.update(pod)) {
      return;
    }
    setScheduled(pod, true, "");
    sim.api.updateStatus(pod);
    sim.events.normal(
        pod,
        "default-scheduler",
        "Scheduled",
        "Successfully assigned "
            + pod.getMetadata().getNamespace()
            + "/"
            + pod.getMetadata().getName()
            + " to "
            + node.getMetadata().getName());
  }

  /** Returns why the pod does not fit the node (empty when it fits), in filter-plugin order. */
  static List<String> filter(Pod pod, Node n, World w) {
    List<Toleration> tols =
        pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    if (Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
      Taint t = SimTaints.parse("node.kubernetes.io/unschedulable:NoSchedule");
      if (!SimTaints.tolerated(tols, t)) {
        return List.of(UNSCHEDULABLE);
      }
    }
    if (n.getSpec().getTaints() != null) {
      for (Taint t : n.getSpec().getTaints()) {
        if (t.getEffect().equals("PreferNoSchedule")) {
          continue;
        }
        if (!SimTaints.tolerated(tols, t)) {
          return List.of("node(s) had untolerated taint " + SimTaints.describe(t));
        }
      }
    }
    if (!matchesAffinity(pod, n)) {
      return List.of(AFFINITY);
    }
    long[] alloc = allocatable(n);
    long[] want = requests(pod, false);
    long cpu = 0;
    long mem = 0;
    int count = 0;
    for (Pod other : w.podsOn(n.getMetadata().getName())) {
      if (Kube.isTerminal(other) || other == pod) {
        continue;
      }
      long[] r = requests(other, false);
      cpu += r[0];
      mem += r[1];
      count++;
    }
    List<String> out = new ArrayList<>();
    if (count + 1 > alloc[2]) {
      out.add("Too many pods");
    }
    if (want[0] > 0 && cpu + want[0] > alloc[0]) {
      out.add("Insufficient cpu");
    }
    if (want[1] > 0 && mem + want[1] > alloc[1]) {
      out.add("Insufficient memory");
    }
    return out;
  }

  static boolean matchesAffinity(Pod pod, Node n) {
    Map<String, String> labels =
        n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
    if (pod.getSpec().getNodeSelector() != null) {
      for (Map.Entry<String, String> e : pod.getSpec().getNodeSelector().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    var aff = pod.getSpec().getAffinity();
    if (aff == null
        || aff.getNodeAffinity() == null
        || aff.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return true;
    }
    List<NodeSelectorTerm> terms =
        aff.getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms();
    if (terms == null || terms.isEmpty()) {
      return true;
    }
    for (NodeSelectorTerm term : terms) {
      if (termMatches(term, n, labels)) {
        return true;
      }
    }
    return false;
  }

  private static boolean termMatches(NodeSelectorTerm term, Node n, Map<String, String> labels) {
    if (term.getMatchExpressions() != null) {
      for (NodeSelectorRequirement r : term.getMatchExpressions()) {
        if (!requirement(r, labels.get(r.getKey()))) {
          return false;
        }
      }
    }
    if (term.getMatchFields() != null) {
      for (NodeSelectorRequirement r : term.getMatchFields()) {
        String v = r.getKey().equals("metadata.name") ? n.getMetadata().getName() : null;
        if (!requirement(r, v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean requirement(NodeSelectorRequirement r, String v) {
    List<String> vals = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> v != null && vals.contains(v);
      case "NotIn" -> v == null || !vals.contains(v);
      case "Exists" -> v != null;
      case "DoesNotExist" -> v == null;
      case "Gt" -> v != null && !vals.isEmpty() && Long.parseLong(v) > Long.parseLong(vals.get(0));
      case "Lt" -> v != null && !vals.isEmpty() && Long.parseLong(v) < Long.parseLong(vals.get(0));
      default -> false;
    };
  }

  /** Least-allocated score using the scheduler's non-zero default requests (100m, 200Mi). */
  private static double score(Pod pod, Node n, World w) {
    long[] alloc = allocatable(n);
    long[] want = requests(pod, true);
    long cpu = want[0];
    long mem = want[1];
    for (Pod other : w.podsOn(n.getMetadata().getName())) {
      if (Kube.isTerminal(other)) {
        continue;
      }
      long[] r = requests(other, true);
      cpu += r[0];
      mem += r[1];
    }
    double c = alloc[0] == 0 ? 0 : Math.max(0, (double) (alloc[0] - cpu) / alloc[0]);
    double m = alloc[1] == 0 ? 0 : Math.max(0, (double) (alloc[1] - mem) / alloc[1]);
    return (c + m) / 2;
  }
}
