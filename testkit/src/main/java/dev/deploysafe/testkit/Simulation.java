package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The deterministic engine behind {@link TestCluster}: a virtual clock, a set of wake-up times,
 * timed actions, and level-triggered controllers.
 *
 * <p>How controllers observe changes: each <em>pass</em> re-lists every watched kind into a sorted
 * {@link World} snapshot (like an informer resync with period zero) and runs the controllers in a
 * fixed order (conventions, node lifecycle, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
 * scheduler, kubelets, metrics). Passes repeat until one makes no write (quiescence). Time then
 * jumps to the next wake-up a component asked for (back-off end, container exit, probe transition,
 * deadline) or the next scheduled action, never past the target. Because the snapshot is sorted and
 * every name and timestamp is derived from the virtual clock, the same inputs give the same
 * timeline on every run. All public entry points hold the simulation lock.
 */
final class Simulation {
  private static final int MAX_PASSES = 200;

  final SimClock clock;
  final SimModel model = new SimModel();
  final List<TimelineEntry> timeline = Collections.synchronizedList(new ArrayList<>());
  final SimApi api;
  final EventRecorder events;
  final Kubelet kubelet;
  final NodeLifecycle nodes;
  private final ApiConventions conventions;
  private final DeploymentController deployments;
  private final ReplicaSetController replicaSets;
  private final StatefulSetController statefulSets;
  private final DaemonSetController daemonSets;
  private final JobController jobs;
  private final SimScheduler scheduler;
  private final MetricsPublisher metrics;
  private final TreeSet<Instant> wakeups = new TreeSet<>();
  private final PriorityQueue<Timed> actions = new PriorityQueue<>();
  private long actionSeq;
  private World world;
  private long passes;
  private long settles;

  private record Timed(Instant at, long seq, String label, Consumer<Simulation> action)
      implements Comparable<Timed> {
    @Override
    public int compareTo(Timed o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  Simulation(KubernetesClient client, SimClock clock) {
    this.clock = clock;
    this.api = new SimApi(client, this::retrySoon);
    this.events = new EventRecorder(api, clock, timeline);
    this.kubelet = new Kubelet(this);
    this.nodes = new NodeLifecycle(this);
    this.conventions = new ApiConventions(api);
    this.deployments = new DeploymentController(this);
    this.replicaSets = new ReplicaSetController(this);
    this.statefulSets = new StatefulSetController(this);
    this.daemonSets = new DaemonSetController(this, replicaSets);
    this.jobs = new JobController(this, replicaSets);
    this.scheduler = new SimScheduler(this);
    this.metrics = new MetricsPublisher(this);
  }

  Instant now() {
    return clock.instant();
  }

  Duration elapsed() {
    return Duration.between(SimClock.EPOCH, now());
  }

  long passes() {
    return passes;
  }

  /** Returns "steps/passes/writes" counters, for diagnostics. */
  String stats() {
    return settles + " steps, " + passes + " passes, " + api.writeCount + " writes";
  }

  World currentWorld() {
    return world;
  }

  /** Asks to be woken at {@code t}; times not after now are ignored (the pass loop covers them). */
  void wakeAt(Instant t) {
    if (t.isAfter(now())) {
      wakeups.add(t);
    }
  }

  /** A write failed: try again one simulated second later. */
  void retrySoon() {
    wakeups.add(now().plusSeconds(1));
  }

  void note(String object, String reason, String message) {
    timeline.add(new TimelineEntry(elapsed(), "Sim", object, reason, message));
  }

  synchronized void schedule(Duration at, String label, Consumer<Simulation> action) {
    Instant when = SimClock.EPOCH.plus(at);
    if (when.isBefore(now())) {
      when = now();
    }
    actions.add(new Timed(when, actionSeq++, label, action));
  }

  /**
   * Runs passes at the current time until nothing changes. The first pass re-lists the cluster
   * (picking up changes made through other clients); later passes reuse that snapshot, which every
   * simulation write keeps up to date, so a settled step costs one list per kind.
   */
  synchronized void settle() {
    settles++;
    try {
      World w = World.load(api.client(), now(), api);
      for (int i = 0; i < MAX_PASSES; i++) {
        w.changed = false;
        if (!pass(w)) {
          return;
        }
      }
    } catch (KubernetesClientException e) {
      // A read failed (API fault, dropped connection): like a real controller, retry shortly.
      note("Simulation", "ReadFailed", e.getCode() + " " + e.getMessage());
      retrySoon();
      return;
    }
    throw new IllegalStateException(
        "simulation did not settle after "
            + MAX_PASSES
            + " passes at "
            + Durations.format(elapsed())
            + "; recent writes: "
            + api.recentWrites()
            + "; recent write failures: "
            + api.recentFailures());
  }

  private boolean pass(World w) {
    passes++;
    world = w;
    api.use(w);
    conventions.admit(w);
    nodes.sync(w);
    deployments.sync(w);
    replicaSets.sync(w);
    statefulSets.sync(w);
    daemonSets.sync(w);
    jobs.sync(w);
    scheduler.sync(w);
    kubelet.sync(w);
    return w.changed;
  }

  /** Advances simulated time to {@code target}, processing everything due on the way. */
  synchronized void advanceTo(Instant target) {
    settle();
    while (true) {
      Instant next = nextEvent();
      if (next == null || next.isAfter(target)) {
        break;
      }
      clock.set(next);
      wakeups.headSet(next, true).clear();
      runDueActions();
      settle();
      metrics.publish(world);
    }
    if (target.isAfter(now())) {
      clock.set(target);
      settle();
    }
    metrics.publish(world);
  }

  /** Returns the next wake-up or action time, or {@code end} when there is none before it. */
  synchronized Instant nextEventOr(Instant end) {
    Instant n = nextEvent();
    return n == null || n.isAfter(end) ? end : n;
  }

  private Instant nextEvent() {
    Instant w = wakeups.isEmpty() ? null : wakeups.first();
    Instant a = actions.isEmpty() ? null : actions.peek().at();
    if (w == null) {
      return a;
    }
    if (a == null) {
      return w;
    }
    return w.isBefore(a) ? w : a;
  }

  private void runDueActions() {
    while (!actions.isEmpty() && !actions.peek().at().isAfter(now())) {
      Timed t = actions.poll();
      timeline.add(new TimelineEntry(elapsed(), "Action", "Scenario", t.label(), ""));
      t.action().accept(this);
      settle();
    }
  }

  synchronized void runDueActionsNow() {
    runDueActions();
  }

  boolean hasPendingWork() {
    return !wakeups.isEmpty() || !actions.isEmpty();
  }

  // ---- node operations -----------------------------------------------------------------------

  synchronized void addPool(NodePool pool) {
    model.pools.put(pool.name(), pool);
    int poolIndex = model.pools.size();
    KubernetesClient c = api.client();
    for (int i = 1; i <= pool.count(); i++) {
      Node n = NodeLifecycle.build(pool, i, poolIndex);
      String name = n.getMetadata().getName();
      model.nodeIndex.put(name, poolIndex * 16 + i);
      for (String img : pool.cachedImages()) {
        model.cache(name, img);
      }
      model.nodeCredentials.put(name, new TreeSet<>(pool.registryCredentials()));
      Node created = c.resource(n).create();
      if (created.getStatus() == null || created.getStatus().getCapacity() == null) {
        created.setStatus(n.getStatus());
        c.resource(created).updateStatus();
      }
      note(
          "Node " + name,
          "NodeAdded",
          "pool " + pool.name() + ": " + pool.cpu() + " cpu, " + pool.memory());
    }
  }

  synchronized void cordon(String node, boolean unschedulable) {
    Node n = requireNode(node);
    n.getSpec().setUnschedulable(unschedulable ? Boolean.TRUE : null);
    api.client().resource(n).update();
    note("Node " + node, unschedulable ? "Cordon" : "Uncordon", "");
  }

  /**
   * Cordons the node and evicts every pod on it except DaemonSet pods (kubectl drain
   * --ignore-daemonsets).
   */
  synchronized void drain(String node) {
    cordon(node, true);
    KubernetesClient c = api.client();
    for (Pod p : c.pods().inAnyNamespace().list().getItems()) {
      if (!node.equals(p.getSpec().getNodeName())) {
        continue;
      }
      boolean daemon =
          World.controllerOf(p).map(r -> "DaemonSet".equals(r.getKind())).orElse(false);
      if (daemon || Kube.isTerminal(p)) {
        continue;
      }
      if (p.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      note("Pod " + World.key(p), "Evicted", "drain of node " + node);
      c.resource(p).delete();
    }
  }

  synchronized void removeNode(String node) {
    Node n = requireNode(node);
    api.client().resource(n).delete();
    kubelet.forgetNode(node);
    note("Node " + node, "NodeRemoved", "");
  }

  synchronized void restartNode(String node) {
    requireNode(node);
    nodes.restart(node);
    note("Node " + node, "NodeRestarted", "");
  }

  private Node requireNode(String node) {
    Node n = api.client().nodes().withName(node).get();
    if (n == null) {
      throw new IllegalArgumentException("no such node: " + node);
    }
    return n;
  }

  synchronized void apply(List<HasMetadata> objects) {
    KubernetesClient c = api.client();
    for (HasMetadata o : objects) {
      if (o.getMetadata().getNamespace() == null && !(o instanceof Node) && namespaced(o)) {
        o.getMetadata().setNamespace("default");
      }
      c.resource(o).createOr(op -> op.update());
    }
  }

  private static boolean namespaced(HasMetadata o) {
    return !(o.getKind().equals("Namespace")
        || o.getKind().equals("Node")
        || o.getKind().startsWith("Cluster")
        || o.getKind().equals("PersistentVolume")
        || o.getKind().equals("StorageClass")
        || o.getKind().equals("CustomResourceDefinition"));
  }
}
