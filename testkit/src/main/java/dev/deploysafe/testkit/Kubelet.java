package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubelets of all simulated nodes: pulls images (with ImagePullBackOff), checks container
 * config, starts containers, applies their {@link ImageBehaviour} (exit, readiness, memory),
 * restarts them with CrashLoopBackOff, and writes pod status and Events.
 *
 * <p>Timings follow rollout-semantics.md §5.8: image pull back-off 10 s doubling to 300 s; the
 * first container restart is immediate, later ones back off 10 s, 20 s, ... 300 s. Not thread-safe:
 * driven by the simulation.
 */
final class Kubelet {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(300);
  private static final Duration BASE_BACKOFF = Duration.ofSeconds(10);

  private final Simulation sim;
  private final Map<String, PodRun> runs = new HashMap<>();
  private int podCounter;

  Kubelet(Simulation sim) {
    this.sim = sim;
  }

  enum Phase {
    WAITING,
    RUNNING,
    TERMINATED
  }

  static final class ContainerRun {
    final String name;
    final boolean init;
    Container spec;
    Phase phase = Phase.WAITING;
    String waitingReason = "PodInitializing";
    String waitingMessage = "";
    boolean imageReady;
    boolean pulling;
    Instant pullDoneAt = Instant.MIN;
    int pullFailures;
    Instant nextPullAt;
    Instant backOffShowAt;
    String configError = "";
    Instant startedAt;
    Instant exitAt;
    int exitCode;
    String exitReason = "";
    boolean everStarted;
    int restartCount;
    int crashes;
    Instant restartAt;
    ContainerStateTerminated lastTerminated;
    ContainerStateTerminated terminated;
    boolean ready;
    long nextTick;
    int probeSuccesses;
    int probeFailures;
    String containerId = "";

    ContainerRun(Container spec, boolean init) {
      this.spec = spec;
      this.name = spec.getName();
      this.init = init;
      this.waitingReason = init ? "PodInitializing" : "ContainerCreating";
    }
  }

  static final class PodRun {
    final String uid;
    final String node;
    Pod last;
    final List<ContainerRun> inits = new ArrayList<>();
    final List<ContainerRun> mains = new ArrayList<>();
    int initIndex;
    Instant startTime;
    String podIp;
    String finalPhase = "";
    String volumeError = "";

    PodRun(String uid, String node) {
      this.uid = uid;
      this.node = node;
    }

    boolean initDone() {
      return initIndex >= inits.size();
    }
  }

  /** Returns the memory and cpu in use on {@code node}: [millicores, bytes]. */
  long[] usage(String node, Instant now) {
    long cpu = 0;
    long mem = 0;
    for (PodRun r : runs.values()) {
      if (!r.node.equals(node)) {
        continue;
      }
      long[] u = podUsage(r, now);
      cpu += u[0];
      mem += u[1];
    }
    return new long[] {cpu, mem};
  }

  /** Returns per-container usage of a pod: [millicores, bytes] summed. */
  long[] podUsage(PodRun r, Instant now) {
    long cpu = 0;
    long mem = 0;
    for (ContainerRun c : allOf(r)) {
      if (c.phase == Phase.RUNNING) {
        ImageBehaviour b = sim.model.behaviourOf(c.spec.getImage());
        long cpuUse = b.cpuMillis();
        Optional<Quantity> cpuLimit = limit(c.spec, "cpu");
        if (cpuLimit.isPresent()) {
          cpuUse = Math.min(cpuUse, Quantities.millicores(cpuLimit.get()));
        }
        cpu += cpuUse;
        mem += b.memoryAt(Duration.between(c.startedAt, now));
      }
    }
    return new long[] {cpu, mem};
  }

  Optional<PodRun> run(String uid) {
    return Optional.ofNullable(runs.get(uid));
  }

  Map<String, long[]> containerUsage(PodRun r, Instant now) {
    Map<String, long[]> out = new java.util.LinkedHashMap<>();
    for (ContainerRun c : r.mains) {
      if (c.phase == Phase.RUNNING) {
        ImageBehaviour b = sim.model.behaviourOf(c.spec.getImage());
        long cpuUse = b.cpuMillis();
        Optional<Quantity> cpuLimit = limit(c.spec, "cpu");
        if (cpuLimit.isPresent()) {
          cpuUse = Math.min(cpuUse, Quantities.millicores(cpuLimit.get()));
        }
        out.put(c.name, new long[] {cpuUse, b.memoryAt(Duration.between(c.startedAt, now))});
      }
    }
    return out;
  }

  private static List<ContainerRun> allOf(PodRun r) {
    List<ContainerRun> all = new ArrayList<>(r.inits);
    all.addAll(r.mains);
    return all;
  }

  /** Forgets every container of {@code node} (node removed or restarted). */
  void forgetNode(String node) {
    runs.values().removeIf(r -> r.node.equals(node));
  }

  void sync(World w) {
    Instant now = w.now;
    // Pods deleted from the API: the kubelet stops their containers.
    Iterator<Map.Entry<String, PodRun>> it = runs.entrySet().iterator();
    java.util.Set<String> live = new java.util.HashSet<>();
    for (Pod p : w.pods.values()) {
      live.add(p.getMetadata().getUid());
    }
    while (it.hasNext()) {
      PodRun r = it.next().getValue();
      if (!live.contains(r.uid) && !sim.nodes.isDown(r.node)) {
        if (!sim.nodes.isDown(r.node) && w.nodes.containsKey(r.node)) {
          for (ContainerRun c : r.mains) {
            if (c.phase == Phase.RUNNING) {
              sim.events.normal(r.last, "kubelet", "Killing", "Stopping container " + c.name);
            }
          }
        }
        it.remove();
      }
    }
    for (Pod pod : new ArrayList<>(w.pods.values())) {
      String nodeName = pod.getSpec().getNodeName();
      if (nodeName == null || nodeName.isEmpty()) {
        continue;
      }
      Node node = w.nodes.get(nodeName);
      if (node == null || sim.nodes.isDown(nodeName)) {
        continue;
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        // Terminating: stop the containers, then confirm the deletion (grace period 0).
        PodRun dying = runs.remove(pod.getMetadata().getUid());
        if (dying != null) {
          for (ContainerRun c : dying.mains) {
            if (c.phase == Phase.RUNNING) {
              sim.events.normal(pod, "kubelet", "Killing", "Stopping container " + c.name);
            }
          }
        }
        sim.api.forceDelete(pod);
        continue;
      }
      PodRun run = runs.get(pod.getMetadata().getUid());
      if (run == null) {
        if (Kube.isTerminal(pod)) {
          continue;
        }
        run = newRun(pod, node, now);
        runs.put(run.uid, run);
      }
      run.last = pod;
      for (int i = 0; i < 20 && step(run, pod, w, now); i++) {
        // repeat: several transitions can happen at the same instant
      }
      PodStatus status = assemble(run, pod, node, now);
      if (!Kube.canonicalJson(status).equals(Kube.canonicalJson(orEmpty(pod.getStatus())))) {
        pod.setStatus(status);
        sim.api.updateStatus(pod);
      }
    }
  }

  private static PodStatus orEmpty(PodStatus s) {
    return s == null ? new PodStatus() : s;
  }

  private PodRun newRun(Pod pod, Node node, Instant now) {
    PodRun r = new PodRun(pod.getMetadata().getUid(), node.getMetadata().getName());
    if (pod.getSpec().getInitContainers() != null) {
      for (Container c : pod.getSpec().getInitContainers()) {
        r.inits.add(new ContainerRun(c, true));
      }
    }
    for (Container c : pod.getSpec().getContainers()) {
      r.mains.add(new ContainerRun(c, false));
    }
    r.startTime = now;
    int idx = sim.model.nodeIndex.getOrDefault(node.getMetadata().getName(), 0);
    podCounter++;
    r.podIp = "10.244." + idx + "." + (2 + podCounter % 250);
    return r;
  }

  private static String restartPolicy(Pod pod) {
    String p = pod.getSpec().getRestartPolicy();
    return p == null ? "Always" : p;
  }

  /** Advances one pod by one transition; returns whether anything changed. */
  private boolean step(PodRun run, Pod pod, World w, Instant now) {
    if (!run.finalPhase.isEmpty()) {
      return false;
    }
    String volumeError = volumeError(pod, w);
    if (!volumeError.isEmpty()) {
      if (!volumeError.equals(run.volumeError)) {
        run.volumeError = volumeError;
        sim.events.warning(pod, "kubelet", "FailedMount", volumeError);
      }
      return false;
    }
    run.volumeError = "";
    boolean changed = false;
    if (!run.initDone()) {
      ContainerRun c = run.inits.get(run.initIndex);
      changed = stepContainer(c, run, pod, w, now);
      if (c.phase == Phase.TERMINATED) {
        if (c.terminated != null && c.terminated.getExitCode() == 0) {
          run.initIndex++;
          return true;
        }
        run.finalPhase = "Failed";
        return true;
      }
      return changed;
    }
    for (ContainerRun c : run.mains) {
      changed |= stepContainer(c, run, pod, w, now);
    }
    boolean allDone = run.mains.stream().allMatch(c -> c.phase == Phase.TERMINATED);
    if (allDone) {
      boolean ok = run.mains.stream().allMatch(c -> c.terminated.getExitCode() == 0);
      run.finalPhase = ok ? "Succeeded" : "Failed";
      return true;
    }
    return changed;
  }

  private boolean stepContainer(ContainerRun c, PodRun run, Pod pod, World w, Instant now) {
    switch (c.phase) {
      case TERMINATED:
        return false;
      case RUNNING:
        return stepRunning(c, run, pod, now);
      default:
        break;
    }
    if (c.restartAt != null) {
      if (now.isBefore(c.restartAt)) {
        sim.wakeAt(c.restartAt);
        return false;
      }
      start(c, run, pod, now);
      return true;
    }
    String cfg = configError(pod, c.spec, w);
    if (!cfg.isEmpty()) {
      if (!cfg.equals(c.configError)) {
        c.configError = cfg;
        c.waitingReason = "CreateContainerConfigError";
        c.waitingMessage = cfg;
        sim.events.warning(pod, "kubelet", "Failed", "Error: " + cfg);
        return true;
      }
      return false;
    }
    c.configError = "";
    if (!c.imageReady) {
      return stepImage(c, run, pod, w, now);
    }
    start(c, run, pod, now);
    return true;
  }

  private boolean stepImage(ContainerRun c, PodRun run, Pod pod, World w, Instant now) {
    String image = c.spec.getImage() == null ? "" : c.spec.getImage();
    if (ImageRefs.invalid(image)) {
      if (!c.waitingReason.equals("InvalidImageName")) {
        c.waitingReason = "InvalidImageName";
        c.waitingMessage =
            "Failed to apply default image tag \""
                + image
                + "\": couldn't parse image name \""
                + image
                + "\": invalid reference format";
        sim.events.warning(pod, "kubelet", "InspectFailed", c.waitingMessage);
        sim.events.warning(pod, "kubelet", "Failed", "Error: InvalidImageName");
        return true;
      }
      return false;
    }
    String policy = c.spec.getImagePullPolicy();
    if (policy == null || policy.isEmpty()) {
      policy = ImageRefs.hasLatestOrNoTag(image) ? "Always" : "IfNotPresent";
    }
    boolean cached = sim.model.cached(run.node, image);
    if (policy.equals("Never") || (policy.equals("IfNotPresent") && cached)) {
      if (cached) {
        c.imageReady = true;
        sim.events.normal(
            pod,
            "kubelet",
            "Pulled",
            "Container image \"" + image + "\" already present on machine");
        return true;
      }
      if (!c.waitingReason.equals("ErrImageNeverPull")) {
        c.waitingReason = "ErrImageNeverPull";
        c.waitingMessage =
            "Container image \"" + image + "\" is not present with pull policy of Never";
        sim.events.warning(pod, "kubelet", "ErrImageNeverPull", c.waitingMessage);
        sim.events.warning(pod, "kubelet", "Failed", "Error: ErrImageNeverPull");
        return true;
      }
      return false;
    }
    if (c.pulling) {
      if (now.isBefore(c.pullDoneAt)) {
        sim.wakeAt(c.pullDoneAt);
        return false;
      }
      c.pulling = false;
      Optional<String> error = sim.model.pull(image, run.node, pod, w);
      if (error.isEmpty()) {
        c.imageReady = true;
        sim.model.cache(run.node, image);
        Duration took = sim.model.pullTime(image);
        sim.events.normal(
            pod,
            "kubelet",
            "Pulled",
            "Successfully pulled image \""
                + image
                + "\" in "
                + Durations.format(took)
                + " ("
                + Durations.format(took)
                + " including waiting). Image size: "
                + (10_000_000 + Math.abs(image.hashCode() % 90_000_000))
                + " bytes.");
        return true;
      }
      c.pullFailures++;
      c.waitingReason = "ErrImagePull";
      c.waitingMessage = error.get();
      sim.events.warning(
          pod, "kubelet", "Failed", "Failed to pull image \"" + image + "\": " + error.get());
      sim.events.warning(pod, "kubelet", "Failed", "Error: ErrImagePull");
      Duration backoff = backoff(c.pullFailures);
      c.nextPullAt = now.plus(backoff);
      c.backOffShowAt = now.plusSeconds(1);
      sim.wakeAt(c.backOffShowAt);
      sim.wakeAt(c.nextPullAt);
      return true;
    }
    if (c.nextPullAt != null && now.isBefore(c.nextPullAt)) {
      if (!now.isBefore(c.backOffShowAt) && !c.waitingReason.equals("ImagePullBackOff")) {
        c.waitingReason = "ImagePullBackOff";
        c.waitingMessage = "Back-off pulling image \"" + image + "\"";
        sim.events.normal(pod, "kubelet", "BackOff", c.waitingMessage);
        sim.events.warning(pod, "kubelet", "Failed", "Error: ImagePullBackOff");
        sim.wakeAt(c.nextPullAt);
        return true;
      }
      sim.wakeAt(now.isBefore(c.backOffShowAt) ? c.backOffShowAt : c.nextPullAt);
      return false;
    }
    if (c.pullFailures == 0) {
      List<String> missing = new ArrayList<>();
      for (String s : SimModel.pullSecretNames(pod, w)) {
        if (w.secret(pod.getMetadata().getNamespace(), s).isEmpty()) {
          missing.add(s);
        }
      }
      if (!missing.isEmpty()) {
        sim.events.warning(
            pod,
            "kubelet",
            "FailedToRetrieveImagePullSecret",
            "Unable to retrieve some image pull secrets ("
                + String.join(", ", missing)
                + "); attempting to pull the image may not succeed.");
      }
    }
    c.pulling = true;
    c.pullDoneAt = now.plus(sim.model.pullTime(image));
    sim.events.normal(pod, "kubelet", "Pulling", "Pulling image \"" + image + "\"");
    if (c.pullDoneAt.isAfter(now)) {
      sim.wakeAt(c.pullDoneAt);
    }
    return true;
  }

  /** Image pull and container restart back-off: 10 s doubling to 300 s. */
  static Duration backoff(int failures) {
    Duration d = BASE_BACKOFF;
    for (int i = 1; i < failures && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private ImageBehaviour behaviour(ContainerRun c) {
    ImageBehaviour b = sim.model.behaviourOf(c.spec.getImage());
    if (c.init && b.exitAfter().isEmpty()) {
      // An init container that never exits would block forever; images without a declared exit
      // complete successfully once "started".
      return b.withExit(b.startDelay(), 0);
    }
    return b;
  }

  private void start(ContainerRun c, PodRun run, Pod pod, Instant now) {
    if (c.everStarted) {
      c.restartCount++;
      sim.events.normal(
          pod,
          "kubelet",
          "Pulled",
          "Container image \"" + c.spec.getImage() + "\" already present on machine");
    }
    c.everStarted = true;
    c.phase = Phase.RUNNING;
    c.startedAt = now;
    c.restartAt = null;
    c.waitingReason = "";
    c.waitingMessage = "";
    c.containerId =
        "containerd://" + Kube.suffix(run.uid + c.name + c.restartCount) + "0123456789abcdef";
    c.ready = false;
    c.nextTick = 0;
    c.probeSuccesses = 0;
    c.probeFailures = 0;
    sim.events.normal(pod, "kubelet", "Created", "Created container: " + c.name);
    sim.events.normal(pod, "kubelet", "Started", "Started container " + c.name);
    ImageBehaviour b = behaviour(c);
    c.exitAt = null;
    if (b.exitAfter().isPresent()) {
      c.exitAt = now.plus(b.exitAfter().get());
      c.exitCode = b.exitCode();
      c.exitReason = b.exitCode() == 0 ? "Completed" : "Error";
    }
    Optional<Quantity> memLimit = limit(c.spec, "memory");
    if (memLimit.isPresent() && b.memoryBytes() > Quantities.bytes(memLimit.get())) {
      Instant oomAt = now.plus(b.memoryAfter());
      if (c.exitAt == null || oomAt.isBefore(c.exitAt)) {
        c.exitAt = oomAt;
        c.exitCode = 137;
        c.exitReason = "OOMKilled";
      }
    }
    if (c.exitAt != null) {
      sim.wakeAt(c.exitAt);
    }
    if (!b.memoryAfter().isZero()) {
      sim.wakeAt(now.plus(b.memoryAfter()));
    }
    if (!c.init && c.spec.getReadinessProbe() == null) {
      c.ready = true;
    }
  }

  private boolean stepRunning(ContainerRun c, PodRun run, Pod pod, Instant now) {
    boolean changed = false;
    if (!c.init && c.spec.getReadinessProbe() != null) {
      Instant until = c.exitAt != null && c.exitAt.isBefore(now) ? c.exitAt : now;
      changed |= probe(c, pod, until);
    }
    if (c.exitAt != null && !now.isBefore(c.exitAt)) {
      terminate(c, run, pod, c.exitAt);
      return true;
    }
    return changed;
  }

  /** Runs readiness probe ticks up to {@code until} and schedules the next state change. */
  private boolean probe(ContainerRun c, Pod pod, Instant until) {
    Probe p = c.spec.getReadinessProbe();
    long delay = Kube.intOr(p.getInitialDelaySeconds(), 0);
    long period = Math.max(1, Kube.intOr(p.getPeriodSeconds(), 10));
    int failureThreshold = Math.max(1, Kube.intOr(p.getFailureThreshold(), 3));
    int successThreshold = Math.max(1, Kube.intOr(p.getSuccessThreshold(), 1));
    ImageBehaviour b = behaviour(c);
    boolean before = c.ready;
    int failedTicks = 0;
    while (true) {
      Instant tick = c.startedAt.plusSeconds(delay + c.nextTick * period);
      if (tick.isAfter(until)) {
        break;
      }
      boolean ok = b.readyAt(Duration.between(c.startedAt, tick));
      if (ok) {
        c.probeSuccesses++;
        c.probeFailures = 0;
        if (!c.ready && c.probeSuccesses >= successThreshold) {
          c.ready = true;
        }
      } else {
        c.probeFailures++;
        c.probeSuccesses = 0;
        failedTicks++;
        if (c.ready && c.probeFailures >= failureThreshold) {
          c.ready = false;
        }
      }
      c.nextTick++;
    }
    if (failedTicks > 0) {
      sim.events.warning(
          pod,
          "kubelet",
          "Unhealthy",
          "Readiness probe failed: HTTP probe failed with statuscode: 503");
    }
    // Find the next tick at which the Ready state changes, and wake up then.
    boolean ready = c.ready;
    int s = c.probeSuccesses;
    int f = c.probeFailures;
    for (long k = c.nextTick; k < c.nextTick + 5000; k++) {
      Instant tick = c.startedAt.plusSeconds(delay + k * period);
      if (c.exitAt != null && tick.isAfter(c.exitAt)) {
        break;
      }
      boolean ok = b.readyAt(Duration.between(c.startedAt, tick));
      if (ok) {
        s++;
        f = 0;
      } else {
        f++;
        s = 0;
      }
      boolean next = ready ? !(f >= failureThreshold) : s >= successThreshold;
      if (next != ready) {
        sim.wakeAt(tick);
        break;
      }
    }
    return before != c.ready;
  }

  private void terminate(ContainerRun c, PodRun run, Pod pod, Instant at) {
    ContainerStateTerminated t =
        new ContainerStateTerminatedBuilder()
            .withExitCode(c.exitCode)
            .withReason(c.exitReason)
            .withStartedAt(Kube.time(c.startedAt))
            .withFinishedAt(Kube.time(at))
            .withContainerID(c.containerId)
            .build();
    c.ready = false;
    if (c.exitReason.equals("OOMKilled")) {
      Node node = sim.currentWorld().nodes.get(run.node);
      if (node != null) {
        sim.events.warning(
            node,
            "kubelet",
            "OOMKilling",
            "Memory cgroup out of memory: Killed process "
                + (1000 + Math.abs(c.containerId.hashCode() % 30000))
                + " ("
                + c.name
                + ")");
      }
    }
    String policy = restartPolicy(pod);
    boolean restart =
        c.init
            ? c.exitCode != 0 && !policy.equals("Never")
            : policy.equals("Always") || (policy.equals("OnFailure") && c.exitCode != 0);
    if (!restart) {
      c.phase = Phase.TERMINATED;
      c.terminated = t;
      return;
    }
    if (Duration.between(c.startedAt, at).compareTo(Duration.ofMinutes(10)) >= 0) {
      c.crashes = 0;
    }
    c.crashes++;
    c.lastTerminated = t;
    c.phase = Phase.WAITING;
    if (c.crashes == 1) {
      // First exit: restarted at once (rollout-semantics.md §5.8).
      c.restartAt = at;
      return;
    }
    Duration delay = backoff(c.crashes - 1);
    c.restartAt = at.plus(delay);
    c.waitingReason = "CrashLoopBackOff";
    String podRef =
        pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + run.uid + ")";
    c.waitingMessage =
        "back-off "
            + Durations.format(delay)
            + " restarting failed container="
            + c.name
            + " pod="
            + podRef;
    sim.events.warning(
        pod,
        "kubelet",
        "BackOff",
        "Back-off restarting failed container " + c.name + " in pod " + podRef);
    sim.wakeAt(c.restartAt);
  }

  static Optional<Quantity> limit(Container c, String resource) {
    if (c.getResources() == null || c.getResources().getLimits() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(c.getResources().getLimits().get(resource));
  }

  /** Returns the CreateContainerConfigError message for missing Secrets/ConfigMaps/keys, or "". */
  static String configError(Pod pod, Container c, World w) {
    String ns = pod.getMetadata().getNamespace();
    if (c.getEnv() != null) {
      for (EnvVar e : c.getEnv()) {
        if (e.getValueFrom() == null) {
          continue;
        }
        var sk = e.getValueFrom().getSecretKeyRef();
        if (sk != null && !Boolean.TRUE.equals(sk.getOptional())) {
          var s = w.secret(ns, sk.getName());
          if (s.isEmpty()) {
            return "secret \"" + sk.getName() + "\" not found";
          }
          boolean has =
              (s.get().getData() != null && s.get().getData().containsKey(sk.getKey()))
                  || (s.get().getStringData() != null
                      && s.get().getStringData().containsKey(sk.getKey()));
          if (!has) {
            return "couldn't find key " + sk.getKey() + " in Secret " + ns + "/" + sk.getName();
          }
        }
        var ck = e.getValueFrom().getConfigMapKeyRef();
        if (ck != null && !Boolean.TRUE.equals(ck.getOptional())) {
          var m = w.configMap(ns, ck.getName());
          if (m.isEmpty()) {
            return "configmap \"" + ck.getName() + "\" not found";
          }
          boolean has =
              (m.get().getData() != null && m.get().getData().containsKey(ck.getKey()))
                  || (m.get().getBinaryData() != null
                      && m.get().getBinaryData().containsKey(ck.getKey()));
          if (!has) {
            return "couldn't find key " + ck.getKey() + " in ConfigMap " + ns + "/" + ck.getName();
          }
        }
      }
    }
    if (c.getEnvFrom() != null) {
      for (EnvFromSource e : c.getEnvFrom()) {
        if (e.getSecretRef() != null
            && !Boolean.TRUE.equals(e.getSecretRef().getOptional())
            && w.secret(ns, e.getSecretRef().getName()).isEmpty()) {
          return "secret \"" + e.getSecretRef().getName() + "\" not found";
        }
        if (e.getConfigMapRef() != null
            && !Boolean.TRUE.equals(e.getConfigMapRef().getOptional())
            && w.configMap(ns, e.getConfigMapRef().getName()).isEmpty()) {
          return "configmap \"" + e.getConfigMapRef().getName() + "\" not found";
        }
      }
    }
    return "";
  }

  /** Returns the FailedMount message for a missing Secret/ConfigMap volume, or "". */
  static String volumeError(Pod pod, World w) {
    if (pod.getSpec().getVolumes() == null) {
      return "";
    }
    String ns = pod.getMetadata().getNamespace();
    for (Volume v : pod.getSpec().getVolumes()) {
      if (v.getSecret() != null
          && !Boolean.TRUE.equals(v.getSecret().getOptional())
          && w.secret(ns, v.getSecret().getSecretName()).isEmpty()) {
        return "MountVolume.SetUp failed for volume \""
            + v.getName()
            + "\" : secret \""
            + v.getSecret().getSecretName()
            + "\" not found";
      }
      if (v.getConfigMap() != null
          && !Boolean.TRUE.equals(v.getConfigMap().getOptional())
          && w.configMap(ns, v.getConfigMap().getName()).isEmpty()) {
        return "MountVolume.SetUp failed for volume \""
            + v.getName()
            + "\" : configmap \""
            + v.getConfigMap().getName()
            + "\" not found";
      }
    }
    return "";
  }

  private PodStatus assemble(PodRun run, Pod pod, Node node, Instant now) {
    PodStatus old = orEmpty(pod.getStatus());
    PodStatus s = new PodStatus();
    boolean allStarted = run.mains.stream().allMatch(c -> c.everStarted);
    String phase =
        !run.finalPhase.isEmpty()
            ? run.finalPhase
            : run.initDone() && allStarted ? "Running" : "Pending";
    s.setPhase(phase);
    s.setHostIP(internalIp(node));
    s.setHostIPs(List.of(new io.fabric8.kubernetes.api.model.HostIP(internalIp(node))));
    s.setPodIP(run.podIp);
    s.setPodIPs(List.of(new PodIP(run.podIp)));
    s.setStartTime(Kube.time(run.startTime));
    s.setQosClass(qos(pod));
    List<String> incomplete = new ArrayList<>();
    for (int i = run.initIndex; i < run.inits.size(); i++) {
      incomplete.add(run.inits.get(i).name);
    }
    List<String> unready = new ArrayList<>();
    for (ContainerRun c : run.mains) {
      if (!c.ready) {
        unready.add(c.name);
      }
    }
    boolean terminal = !run.finalPhase.isEmpty();
    List<PodCondition> conds = new ArrayList<>();
    conds.add(cond(old, "PodReadyToStartContainers", !terminal, "", "", now));
    conds.add(
        cond(
            old,
            "Initialized",
            incomplete.isEmpty(),
            incomplete.isEmpty() ? "" : "ContainersNotInitialized",
            incomplete.isEmpty() ? "" : "containers with incomplete status: " + list(incomplete),
            now));
    boolean ready = unready.isEmpty() && !terminal;
    String unreadyMsg = "containers with unready status: " + list(unready);
    String notReadyReason = terminal ? "PodCompleted" : "ContainersNotReady";
    conds.add(
        cond(
            old,
            "Ready",
            ready,
            ready ? "" : notReadyReason,
            ready || terminal ? "" : unreadyMsg,
            now));
    conds.add(
        cond(
            old,
            "ContainersReady",
            ready,
            ready ? "" : notReadyReason,
            ready || terminal ? "" : unreadyMsg,
            now));
    Kube.condition(pod, "PodScheduled").ifPresent(conds::add);
    s.setConditions(conds);
    List<ContainerStatus> initStatuses = new ArrayList<>();
    for (ContainerRun c : run.inits) {
      initStatuses.add(containerStatus(c, run, now));
    }
    if (!initStatuses.isEmpty()) {
      s.setInitContainerStatuses(initStatuses);
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    for (ContainerRun c : run.mains) {
      statuses.add(containerStatus(c, run, now));
    }
    s.setContainerStatuses(statuses);
    return s;
  }

  private static String list(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }

  private static PodCondition cond(
      PodStatus old, String type, boolean status, String reason, String message, Instant now) {
    PodCondition c = new PodCondition();
    c.setType(type);
    c.setStatus(status ? "True" : "False");
    if (!reason.isEmpty()) {
      c.setReason(reason);
    }
    if (!message.isEmpty()) {
      c.setMessage(message);
    }
    String since = Kube.time(now);
    if (old.getConditions() != null) {
      for (PodCondition o : old.getConditions()) {
        if (type.equals(o.getType())
            && c.getStatus().equals(o.getStatus())
            && o.getLastTransitionTime() != null) {
          since = o.getLastTransitionTime();
        }
      }
    }
    c.setLastTransitionTime(since);
    return c;
  }

  private ContainerStatus containerStatus(ContainerRun c, PodRun run, Instant now) {
    ContainerState state;
    if (c.phase == Phase.RUNNING) {
      state =
          new ContainerStateBuilder()
              .withNewRunning()
              .withStartedAt(Kube.time(c.startedAt))
              .endRunning()
              .build();
    } else if (c.phase == Phase.TERMINATED) {
      state = new ContainerStateBuilder().withTerminated(c.terminated).build();
    } else {
      String reason = c.waitingReason.isEmpty() ? "ContainerCreating" : c.waitingReason;
      var wb = new ContainerStateBuilder().withNewWaiting().withReason(reason);
      if (!c.waitingMessage.isEmpty()) {
        wb = wb.withMessage(c.waitingMessage);
      }
      state = wb.endWaiting().build();
    }
    ContainerStatusBuilder b =
        new ContainerStatusBuilder()
            .withName(c.name)
            .withImage(c.spec.getImage())
            .withImageID(
                c.imageReady
                    ? ImageRefs.normalize(c.spec.getImage()).replaceFirst(":[^:/]*$", "")
                        + "@sha256:"
                        + String.format("%064x", Math.abs((long) c.spec.getImage().hashCode()))
                    : "")
            .withReady(c.ready)
            .withStarted(c.phase == Phase.RUNNING)
            .withRestartCount(c.restartCount)
            .withState(state);
    if (!c.containerId.isEmpty()) {
      b.withContainerID(c.containerId);
    }
    if (c.lastTerminated != null) {
      b.withLastState(new ContainerStateBuilder().withTerminated(c.lastTerminated).build());
    } else {
      b.withLastState(new ContainerState());
    }
    return b.build();
  }

  static String internalIp(Node node) {
    if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
      for (NodeAddress a : node.getStatus().getAddresses()) {
        if ("InternalIP".equals(a.getType())) {
          return a.getAddress();
        }
      }
    }
    return "10.0.0.1";
  }

  static String qos(Pod pod) {
    boolean any = false;
    boolean guaranteed = true;
    for (Container c : pod.getSpec().getContainers()) {
      var r = c.getResources();
      Map<String, Quantity> req = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
      Map<String, Quantity> lim = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
      if (!req.isEmpty() || !lim.isEmpty()) {
        any = true;
      }
      for (String res : List.of("cpu", "memory")) {
        Quantity l = lim.get(res);
        Quantity q = req.getOrDefault(res, l);
        if (l == null
            || q == null
            || l.getNumericalAmount().compareTo(q.getNumericalAmount()) != 0) {
          guaranteed = false;
        }
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }
}
