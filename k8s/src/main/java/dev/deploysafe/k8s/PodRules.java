package dev.deploysafe.k8s;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies one new-revision pod by the table of rollout-semantics §5.4 (init containers
 * included). Stateless and thread-safe.
 */
final class PodRules {

  /** Label keys that name a node pool, most specific first. */
  static final List<String> POOL_LABELS =
      List.of(
          "cloud.google.com/gke-nodepool",
          "eks.amazonaws.com/nodegroup",
          "karpenter.sh/nodepool",
          "kubernetes.azure.com/agentpool",
          "agentpool",
          "node.kubernetes.io/pool",
          "nodepool",
          "pool");

  private static final Set<String> TRANSIENT_POD_FAILURES =
      Set.of("Evicted", "Preempting", "Shutdown", "NodeShutdown", "Terminated", "NodeAffinity");

  private PodRules() {}

  /** What one pod contributes to the verdict. */
  record Assessment(
      Pod pod,
      Optional<Verdict.Failed.Reason> failure,
      PodEvidence evidence,
      List<String> blockers,
      Optional<Verdict.Stalled.Reason> blockerClass,
      boolean ready,
      boolean stable,
      boolean evicted) {}

  static Assessment assess(
      Pod pod,
      PodHistory h,
      List<Event> events,
      RolloutPolicy p,
      Instant now,
      ApplyRecord apply,
      Duration window,
      Map<String, Map<String, String>> nodeLabels) {
    String name = K8s.name(pod);
    String node = K8s.node(pod);
    String pool = pool(node, nodeLabels);
    boolean preExisting = K8s.createdBefore(pod, apply.startedAt());
    List<String> blockers = new ArrayList<>();
    Optional<Verdict.Stalled.Reason> blockerClass = Optional.empty();
    Optional<Verdict.Failed.Reason> failure = Optional.empty();
    PodEvidence evidence = base(name, node, pool, "", "", "", 0, -1, "", h.lastPullError());

    String phase = K8s.phase(pod);
    if ("Failed".equals(phase)) {
      String reason = pod.getStatus() == null ? "" : nz(pod.getStatus().getReason());
      String msg = pod.getStatus() == null ? "" : nz(pod.getStatus().getMessage());
      PodEvidence e =
          base(name, node, pool, "", reason.isEmpty() ? "Failed" : reason, msg, 0, -1, "", "");
      boolean transientFailure =
          TRANSIENT_POD_FAILURES.contains(reason) || reason.startsWith("OutOf");
      return new Assessment(
          pod, Optional.empty(), e, List.of(), Optional.empty(), false, false, transientFailure);
    }

    for (K8s.Cs c : K8s.containerStatuses(pod)) {
      ContainerStatus cs = c.status();
      String reason = K8s.waitingReason(cs);
      String msg = K8s.waitingMessage(cs);
      int restarts = K8s.orZero(cs.getRestartCount());
      int delta = preExisting ? Math.max(0, restarts - h.restartsAtFirstSeen()) : restarts;
      ContainerStateTerminated last =
          cs.getLastState() == null ? null : cs.getLastState().getTerminated();
      ContainerStateTerminated term = cs.getState() == null ? null : cs.getState().getTerminated();
      boolean lastOom = last != null && "OOMKilled".equals(last.getReason());
      PodEvidence e = containerEvidence(name, node, pool, c, h.lastPullError());
      Optional<Verdict.Failed.Reason> f = Optional.empty();
      switch (reason) {
        case "InvalidImageName", "ErrImageNeverPull" ->
            f = Optional.of(Verdict.Failed.Reason.IMAGE_CONFIG);
        case "CrashLoopBackOff" ->
            f =
                Optional.of(
                    lastOom ? Verdict.Failed.Reason.OOM_KILLED : Verdict.Failed.Reason.CRASH_LOOP);
        case "ErrImagePull", "ImagePullBackOff" -> {
          String pullMsg =
              "ErrImagePull".equals(reason) && !msg.isEmpty() ? msg : h.lastPullError();
          int attempts = Math.max(1, h.pullAttempts());
          if (!pullMsg.isEmpty() && p.isDefinitivePullError(pullMsg)) {
            if (attempts >= p.definitivePullAttempts()) {
              f = Optional.of(Verdict.Failed.Reason.IMAGE_PULL);
            } else {
              blockers.add(name + ": image pull failed (attempt " + attempts + "): " + pullMsg);
              blockerClass = worse(blockerClass, Verdict.Stalled.Reason.IMAGE_PULL_RETRYING);
            }
          } else {
            Duration since = Duration.between(h.pullErrorSince().orElse(now), now);
            if (attempts >= p.pullRetryAttempts() || since.compareTo(p.pullRetryBudget()) >= 0) {
              f = Optional.of(Verdict.Failed.Reason.IMAGE_PULL_RETRYING);
            } else {
              blockers.add(
                  name
                      + ": image pull retrying (attempt "
                      + attempts
                      + "): "
                      + (pullMsg.isEmpty() ? msg : pullMsg));
              blockerClass = worse(blockerClass, Verdict.Stalled.Reason.IMAGE_PULL_RETRYING);
            }
          }
        }
        case "CreateContainerConfigError" -> {
          Duration since = Duration.between(h.configErrorSince().orElse(now), now);
          if (!K8s.isCacheSyncMessage(msg) && since.compareTo(p.containerConfigGrace()) >= 0) {
            f = Optional.of(Verdict.Failed.Reason.CONTAINER_CONFIG);
          } else {
            blockers.add(name + ": CreateContainerConfigError: " + msg);
            blockerClass = worse(blockerClass, Verdict.Stalled.Reason.PENDING);
          }
        }
        case "CreateContainerError",
            "RunContainerError",
            "PreStartHookError",
            "PostStartHookError" -> {
          if (h.startErrorSightings() >= p.containerStartSightings()) {
            f = Optional.of(Verdict.Failed.Reason.CONTAINER_START);
          } else {
            blockers.add(name + ": " + reason + ": " + msg);
            blockerClass = worse(blockerClass, Verdict.Stalled.Reason.PENDING);
          }
        }
        case "ContainerCreating", "PodInitializing" -> {
          boolean volume = false;
          for (Event ev : events) {
            String r = nz(ev.getReason());
            if (r.equals("FailedMount") || r.equals("FailedAttachVolume")) {
              volume = true;
              blockers.add(name + ": " + r + ": " + nz(ev.getMessage()));
            }
          }
          if (!volume) {
            blockers.add(name + ": " + reason);
          }
          blockerClass =
              worse(
                  blockerClass,
                  volume ? Verdict.Stalled.Reason.VOLUME : Verdict.Stalled.Reason.PENDING);
        }
        default -> {}
      }
      if (f.isEmpty()) {
        if (term != null && "OOMKilled".equals(term.getReason())) {
          f = Optional.of(Verdict.Failed.Reason.OOM_KILLED);
        } else if (lastOom && delta >= p.oomKilledRestarts()) {
          f = Optional.of(Verdict.Failed.Reason.OOM_KILLED);
        } else if (isStartFailure(term) || isStartFailure(last)) {
          int sightings = delta + (isStartFailure(term) ? 1 : 0);
          if (sightings >= p.containerStartSightings()) {
            f = Optional.of(Verdict.Failed.Reason.CONTAINER_START);
          }
        }
        if (f.isEmpty() && delta >= p.crashLoopRestarts()) {
          f = Optional.of(Verdict.Failed.Reason.CRASH_LOOP);
        }
      }
      if (f.isPresent() && failure.isEmpty()) {
        failure = f;
        evidence = e;
      }
    }

    if (failure.isEmpty() && K8s.isUnschedulable(pod)) {
      String msg = K8s.podCondition(pod, "PodScheduled").map(c -> nz(c.getMessage())).orElse("");
      Instant triggered = Instant.MIN;
      Instant refused = Instant.MIN;
      for (Event ev : events) {
        if ("TriggeredScaleUp".equals(ev.getReason())) {
          triggered = max(triggered, K8s.eventTime(ev));
        } else if ("NotTriggerScaleUp".equals(ev.getReason())) {
          refused = max(refused, K8s.eventTime(ev));
        }
      }
      Duration since = Duration.between(h.unschedulableSince().orElse(now), now);
      boolean scaleUpPending = triggered.isAfter(refused);
      boolean autoscalerRefused = refused.isAfter(triggered);
      if (autoscalerRefused || (!scaleUpPending && since.compareTo(p.unschedulableGrace()) >= 0)) {
        failure = Optional.of(Verdict.Failed.Reason.UNSCHEDULABLE);
        evidence = base(name, "", "", "", "Unschedulable", msg, 0, -1, "", "");
      } else {
        blockers.add(
            name
                + ": Unschedulable"
                + (scaleUpPending ? " (scale-up triggered)" : "")
                + ": "
                + msg);
        blockerClass = worse(blockerClass, Verdict.Stalled.Reason.UNSCHEDULABLE);
      }
    }

    boolean ready = K8s.isPodReady(pod);
    boolean stable =
        ready
            && h.readySince().isPresent()
            && Duration.between(h.readySince().get(), now).compareTo(window) >= 0;
    if (failure.isEmpty() && blockers.isEmpty() && !ready) {
      String probe = "";
      for (Event ev : events) {
        if ("Unhealthy".equals(ev.getReason())) {
          probe = nz(ev.getMessage());
        }
      }
      if ("Running".equals(phase)) {
        blockers.add(name + ": not Ready" + (probe.isEmpty() ? "" : ": " + probe));
        blockerClass = worse(blockerClass, Verdict.Stalled.Reason.READINESS);
      } else if (!"Succeeded".equals(phase)) {
        blockers.add(name + ": " + (phase.isEmpty() ? "Pending" : phase));
        blockerClass = worse(blockerClass, Verdict.Stalled.Reason.PENDING);
      }
    }
    return new Assessment(pod, failure, evidence, blockers, blockerClass, ready, stable, false);
  }

  static boolean isStartFailure(ContainerStateTerminated t) {
    if (t == null) {
      return false;
    }
    String r = nz(t.getReason());
    return (r.equals("StartError") || r.equals("ContainerCannotRun"))
        && K8s.orZero(t.getExitCode()) != 128;
  }

  static String pool(String node, Map<String, Map<String, String>> nodeLabels) {
    Map<String, String> labels = nodeLabels.get(node);
    if (labels == null) {
      return "";
    }
    for (String k : POOL_LABELS) {
      String v = labels.get(k);
      if (v != null) {
        return k.substring(k.indexOf('/') + 1) + "=" + v;
      }
    }
    // Any other provider's pool label, such as example.com/node-pool or my.io/nodegroup.
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
      String name = e.getKey().substring(e.getKey().indexOf('/') + 1);
      if (name.equals("node-pool")
          || name.equals("nodepool")
          || name.equals("nodegroup")
          || name.equals("node-group")
          || name.equals("agentpool")) {
        return name + "=" + e.getValue();
      }
    }
    return "";
  }

  private static PodEvidence containerEvidence(
      String pod, String node, String pool, K8s.Cs c, String lastPullError) {
    ContainerStatus cs = c.status();
    String reason = K8s.waitingReason(cs);
    String msg = K8s.waitingMessage(cs);
    ContainerStateTerminated term = cs.getState() == null ? null : cs.getState().getTerminated();
    ContainerStateTerminated last =
        cs.getLastState() == null ? null : cs.getLastState().getTerminated();
    ContainerStateTerminated shown = last != null ? last : term;
    if (reason.isEmpty() && term != null) {
      reason = nz(term.getReason());
      msg = nz(term.getMessage());
    }
    if (reason.isEmpty()) {
      reason = "Restarted";
    }
    if (msg.isEmpty() && shown != null) {
      msg = nz(shown.getMessage());
    }
    return base(
        pod,
        node,
        pool,
        c.label(),
        reason,
        msg,
        K8s.orZero(cs.getRestartCount()),
        shown == null || shown.getExitCode() == null ? -1 : shown.getExitCode(),
        shown == null ? "" : nz(shown.getReason()),
        lastPullError);
  }

  private static PodEvidence base(
      String pod,
      String node,
      String pool,
      String container,
      String reason,
      String message,
      int restarts,
      int exit,
      String lastReason,
      String lastPull) {
    return new PodEvidence(
        pod, node, pool, container, reason, message, restarts, exit, lastReason, lastPull, "");
  }

  static Optional<Verdict.Stalled.Reason> worse(
      Optional<Verdict.Stalled.Reason> a, Verdict.Stalled.Reason b) {
    if (a.isEmpty()) {
      return Optional.of(b);
    }
    return Optional.of(priority(b) < priority(a.get()) ? b : a.get());
  }

  /** Lower is more specific. */
  private static int priority(Verdict.Stalled.Reason r) {
    return switch (r) {
      case UNSCHEDULABLE -> 0;
      case IMAGE_PULL_RETRYING -> 1;
      case VOLUME -> 2;
      case PENDING -> 3;
      case READINESS -> 4;
      case NO_PROGRESS -> 5;
    };
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static String nz(String s) {
    return Objects.requireNonNullElse(s, "");
  }
}
