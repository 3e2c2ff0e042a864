package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job controller: runs up to {@code parallelism} pods until {@code completions} succeed, counts
 * failed pods (and container restarts under OnFailure) against {@code backoffLimit} with the pod
 * re-creation back-off (10 s doubling, capped at 6 min), and sets Complete or Failed (reason {@code
 * BackoffLimitExceeded}). Not thread-safe.
 */
final class JobController {
  private final Simulation sim;
  private final ReplicaSetController names;
  private final Map<String, Instant> lastFailure = new HashMap<>();

  JobController(Simulation sim, ReplicaSetController names) {
    this.sim = sim;
    this.names = names;
  }

  void sync(World w) {
    for (Job j : new ArrayList<>(w.jobs.values())) {
      if (j.getMetadata().getDeletionTimestamp() == null && j.getSpec() != null) {
        syncOne(j, w);
      }
    }
  }

  private static boolean finished(JobStatus s) {
    return s != null
        && s.getConditions() != null
        && s.getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  private void syncOne(Job j, World w) {
    if (finished(j.getStatus())) {
      return;
    }
    int parallelism = Kube.intOr(j.getSpec().getParallelism(), 1);
    int completions = Kube.intOr(j.getSpec().getCompletions(), parallelism == 0 ? 0 : 1);
    int backoffLimit = Kube.intOr(j.getSpec().getBackoffLimit(), 6);
    boolean onFailure = "OnFailure".equals(j.getSpec().getTemplate().getSpec().getRestartPolicy());
    List<Pod> owned = World.ownedBy(w.pods, j);
    List<Pod> active = new ArrayList<>();
    int succeeded = 0;
    int failed = 0;
    int ready = 0;
    Instant latestFailure = null;
    for (Pod p : owned) {
      String ph = Kube.phase(p);
      if (ph.equals("Succeeded")) {
        succeeded++;
      } else if (ph.equals("Failed")) {
        failed++;
        Instant at = finishedAt(p);
        if (latestFailure == null || at.isAfter(latestFailure)) {
          latestFailure = at;
        }
      } else if (Kube.isActive(p)) {
        active.add(p);
        if (Kube.isReady(p)) {
          ready++;
        }
        if (onFailure) {
          failed += restarts(p);
        }
      }
    }
    JobStatus old = j.getStatus();
    JobStatus s = new JobStatus();
    s.setStartTime(
        old != null && old.getStartTime() != null ? old.getStartTime() : Kube.time(w.now));
    List<JobCondition> conds = new ArrayList<>();
    String key = World.key(j);
    if (failed > backoffLimit) {
      for (Pod p : active) {
        sim.api.delete(p);
      }
      active.clear();
      conds.add(
          cond(
              "FailureTarget",
              "BackoffLimitExceeded",
              "Job has reached the specified backoff limit",
              w.now));
      conds.add(
          cond(
              "Failed",
              "BackoffLimitExceeded",
              "Job has reached the specified backoff limit",
              w.now));
      sim.events.warning(
          j,
          "job-controller",
          "BackoffLimitExceeded",
          "Job has reached the specified backoff limit");
    } else if (succeeded >= completions) {
      conds.add(
          cond(
              "SuccessCriteriaMet",
              "CompletionsReached",
              "Reached expected number of succeeded pods",
              w.now));
      conds.add(
          cond(
              "Complete",
              "CompletionsReached",
              "Reached expected number of succeeded pods",
              w.now));
      s.setCompletionTime(Kube.time(w.now));
      sim.events.normal(j, "job-controller", "Completed", "Job completed");
    } else {
      int want = Math.min(parallelism, completions - succeeded) - active.size();
      Instant notBefore = latestFailure == null ? w.now : latestFailure.plus(backoff(failed));
      if (want > 0 && w.now.isBefore(notBefore)) {
        sim.wakeAt(notBefore);
        want = 0;
      }
      for (int i = 0; i < want; i++) {
        String name =
            names.nextName(j.getMetadata().getNamespace(), j.getMetadata().getName() + "-", w);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("batch.kubernetes.io/controller-uid", j.getMetadata().getUid());
        extra.put("batch.kubernetes.io/job-name", j.getMetadata().getName());
        extra.put("controller-uid", j.getMetadata().getUid());
        extra.put("job-name", j.getMetadata().getName());
        Pod p = ReplicaSetController.newPod(j, j.getSpec().getTemplate(), name, extra);
        String err = sim.api.tryCreate(p);
        if (!err.isEmpty()) {
          sim.events.warning(j, "job-controller", "FailedCreate", "Error creating: " + err);
          break;
        }
        active.add(p);
        sim.events.normal(j, "job-controller", "SuccessfulCreate", "Created pod: " + name);
      }
    }
    s.setActive(active.size());
    s.setSucceeded(succeeded);
    s.setFailed(failed);
    s.setReady(ready);
    s.setTerminating(0);
    if (!conds.isEmpty()) {
      s.setConditions(conds);
    }
    lastFailure.put(key, latestFailure == null ? SimClock.EPOCH : latestFailure);
    if (old == null || !Kube.canonicalJson(s).equals(Kube.canonicalJson(old))) {
      j.setStatus(s);
      sim.api.updateStatus(j);
    }
  }

  /** Pod re-creation back-off after failures: 10 s doubling, capped at 6 minutes. */
  static Duration backoff(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration d = Duration.ofSeconds(10);
    for (int i = 1; i < failures && d.compareTo(Duration.ofMinutes(6)) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(Duration.ofMinutes(6)) > 0 ? Duration.ofMinutes(6) : d;
  }

  private static JobCondition cond(String type, String reason, String message, Instant now) {
    JobCondition c = new JobCondition();
    c.setType(type);
    c.setStatus("True");
    c.setReason(reason);
    c.setMessage(message);
    c.setLastProbeTime(Kube.time(now));
    c.setLastTransitionTime(Kube.time(now));
    return c;
  }

  private static Instant finishedAt(Pod p) {
    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
        if (c.getState() != null
            && c.getState().getTerminated() != null
            && c.getState().getTerminated().getFinishedAt() != null) {
          return Kube.parseTime(c.getState().getTerminated().getFinishedAt());
        }
      }
    }
    return SimClock.EPOCH;
  }

  private static int restarts(Pod p) {
    int n = 0;
    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
        n += Kube.intOr(c.getRestartCount(), 0);
      }
    }
    return n;
  }
}
