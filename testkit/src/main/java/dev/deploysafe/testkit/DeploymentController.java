package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Deployment controller (pkg/controller/deployment): new ReplicaSets named {@code
 * <deployment>-<pod-template-hash>} with the {@code deployment.kubernetes.io/revision} annotation,
 * RollingUpdate with maxSurge (rounded up) and maxUnavailable (rounded down), Recreate, paused,
 * progressDeadlineSeconds and the Progressing/Available/ReplicaFailure conditions with the real
 * reasons and messages. Not thread-safe.
 */
final class DeploymentController {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  static final String MAX = "deployment.kubernetes.io/max-replicas";
  static final String HASH = "pod-template-hash";

  private final Simulation sim;

  DeploymentController(Simulation sim) {
    this.sim = sim;
  }

  void sync(World w) {
    for (Deployment d : new ArrayList<>(w.deployments.values())) {
      if (d.getMetadata().getDeletionTimestamp() == null && d.getSpec() != null) {
        syncOne(d, w);
      }
    }
  }

  static String templateKey(PodTemplateSpec t) {
    PodTemplateSpec c = Kube.copy(t);
    if (c.getMetadata() != null && c.getMetadata().getLabels() != null) {
      Map<String, String> l = new LinkedHashMap<>(c.getMetadata().getLabels());
      l.remove(HASH);
      c.getMetadata().setLabels(l);
    }
    return Kube.canonicalJson(c);
  }

  static long revision(ReplicaSet rs) {
    Map<String, String> a = rs.getMetadata().getAnnotations();
    if (a == null || a.get(REVISION) == null) {
      return 0;
    }
    try {
      return Long.parseLong(a.get(REVISION));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static int replicas(Deployment d) {
    return Kube.intOr(d.getSpec().getReplicas(), 1);
  }

  static boolean isRolling(Deployment d) {
    return d.getSpec().getStrategy() == null
        || d.getSpec().getStrategy().getType() == null
        || d.getSpec().getStrategy().getType().equals("RollingUpdate");
  }

  /** Returns [maxSurge, maxUnavailable] as ResolveFenceposts does. */
  static int[] fenceposts(Deployment d) {
    int replicas = replicas(d);
    IntOrString surge = new IntOrString("25%");
    IntOrString unavailable = new IntOrString("25%");
    var s = d.getSpec().getStrategy();
    if (s != null && s.getRollingUpdate() != null) {
      if (s.getRollingUpdate().getMaxSurge() != null) {
        surge = s.getRollingUpdate().getMaxSurge();
      }
      if (s.getRollingUpdate().getMaxUnavailable() != null) {
        unavailable = s.getRollingUpdate().getMaxUnavailable();
      }
    }
    int su = Kube.scaled(surge, replicas, true);
    int un = Kube.scaled(unavailable, replicas, false);
    if (su == 0 && un == 0) {
      un = 1;
    }
    return new int[] {su, un};
  }

  static int maxUnavailable(Deployment d) {
    if (!isRolling(d) || replicas(d) == 0) {
      return 0;
    }
    return Math.min(fenceposts(d)[1], replicas(d));
  }

  private void syncOne(Deployment d, World w) {
    List<ReplicaSet> all = new ArrayList<>(World.ownedBy(w.replicaSets, d));
    all.sort(
        Comparator.comparing(DeploymentController::revision)
            .thenComparing(rs -> String.valueOf(rs.getMetadata().getCreationTimestamp()))
            .thenComparing(rs -> rs.getMetadata().getName()));
    String key = templateKey(d.getSpec().getTemplate());
    ReplicaSet newRs = null;
    for (ReplicaSet rs : all) {
      if (templateKey(rs.getSpec().getTemplate()).equals(key)) {
        newRs = rs;
        break;
      }
    }
    List<ReplicaSet> olds = new ArrayList<>(all);
    if (newRs != null) {
      olds.remove(newRs);
    }
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    List<DeploymentCondition> conds = conditions(d);
    if (paused) {
      List<ReplicaSet> activeRs =
          all.stream().filter(rs -> Kube.intOr(rs.getSpec().getReplicas(), 1) > 0).toList();
      if (activeRs.size() == 1) {
        scale(activeRs.get(0), replicas(d), d);
      } else if (activeRs.isEmpty() && newRs != null) {
        scale(newRs, replicas(d), d);
      }
      setCondition(
          conds,
          "Progressing",
          "Unknown",
          "DeploymentPaused",
          "Deployment is paused",
          w.now,
          false);
      writeStatus(d, newRs, all, conds, w);
      return;
    }
    Optional<DeploymentCondition> prog = find(conds, "Progressing");
    if (prog.isPresent() && "DeploymentPaused".equals(prog.get().getReason())) {
      setCondition(
          conds,
          "Progressing",
          "Unknown",
          "DeploymentResumed",
          "Deployment is resumed",
          w.now,
          false);
    }
    long maxOld = olds.stream().mapToLong(DeploymentController::revision).max().orElse(0);
    if (newRs != null) {
      syncRevision(d, newRs, maxOld);
      if (find(conds, "Progressing").isEmpty()) {
        setCondition(
            conds,
            "Progressing",
            "True",
            "FoundNewReplicaSet",
            "Found new replica set \"" + newRs.getMetadata().getName() + "\"",
            w.now,
            false);
      }
    }
    if (isRolling(d)) {
      if (newRs == null) {
        newRs = createNewRs(d, all, maxOld, initialRollingReplicas(d, all), w, conds);
        if (newRs == null) {
          return;
        }
        all.add(newRs);
      }
      rolling(d, newRs, olds, all);
    } else {
      boolean oldsActive = false;
      for (ReplicaSet rs : olds) {
        if (Kube.intOr(rs.getSpec().getReplicas(), 1) > 0) {
          scale(rs, 0, d);
          oldsActive = true;
        }
      }
      boolean oldPodsRunning = false;
      for (ReplicaSet rs : olds) {
        for (Pod p : World.ownedBy(w.pods, rs)) {
          if (!Kube.isTerminal(p)) {
            oldPodsRunning = true;
          }
        }
      }
      if (!oldsActive && !oldPodsRunning) {
        if (newRs == null) {
          newRs = createNewRs(d, all, maxOld, replicas(d), w, conds);
          if (newRs == null) {
            return;
          }
          all.add(newRs);
        } else {
          scale(newRs, replicas(d), d);
        }
      }
    }
    if (isComplete(d, d.getStatus())) {
      cleanup(d, olds, w);
    }
    writeStatus(d, newRs, all, conds, w);
  }

  private void syncRevision(Deployment d, ReplicaSet newRs, long maxOld) {
    long rev = revision(newRs);
    if (rev <= maxOld) {
      rev = maxOld + 1;
      annotations(newRs).put(REVISION, Long.toString(rev));
      sim.api.update(newRs);
    }
    String want = Long.toString(Math.max(rev, 1));
    if (!want.equals(annotations(d).get(REVISION))) {
      annotations(d).put(REVISION, want);
      sim.api.update(d);
    }
  }

  private static Map<String, String> annotations(io.fabric8.kubernetes.api.model.HasMetadata o) {
    if (o.getMetadata().getAnnotations() == null) {
      o.getMetadata().setAnnotations(new LinkedHashMap<>());
    } else if (!(o.getMetadata().getAnnotations() instanceof LinkedHashMap)) {
      o.getMetadata().setAnnotations(new LinkedHashMap<>(o.getMetadata().getAnnotations()));
    }
    return o.getMetadata().getAnnotations();
  }

  private static int sumSpec(List<ReplicaSet> rss) {
    int n = 0;
    for (ReplicaSet rs : rss) {
      n += Kube.intOr(rs.getSpec().getReplicas(), 1);
    }
    return n;
  }

  private static int initialRollingReplicas(Deployment d, List<ReplicaSet> all) {
    int replicas = replicas(d);
    int maxTotal = replicas + fenceposts(d)[0];
    int current = sumSpec(all);
    if (current >= maxTotal) {
      return 0;
    }
    return Math.min(maxTotal - current, replicas);
  }

  private ReplicaSet createNewRs(
      Deployment d,
      List<ReplicaSet> all,
      long maxOld,
      int initial,
      World w,
      List<DeploymentCondition> conds) {
    String ns = d.getMetadata().getNamespace();
    int collisions = d.getStatus() == null ? 0 : Kube.intOr(d.getStatus().getCollisionCount(), 0);
    String key = templateKey(d.getSpec().getTemplate());
    String hash = Kube.hash(key, collisions);
    String name = d.getMetadata().getName() + "-" + hash;
    while (w.replicaSets.containsKey(ns + "/" + name)) {
      collisions++;
      hash = Kube.hash(key, collisions);
      name = d.getMetadata().getName() + "-" + hash;
    }
    ReplicaSet rs = new ReplicaSet();
    ObjectMeta m = new ObjectMeta();
    m.setName(name);
    m.setNamespace(ns);
    PodTemplateSpec tpl = Kube.copy(d.getSpec().getTemplate());
    if (tpl.getMetadata() == null) {
      tpl.setMetadata(new ObjectMeta());
    }
    Map<String, String> labels =
        tpl.getMetadata().getLabels() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(tpl.getMetadata().getLabels());
    labels.put(HASH, hash);
    tpl.getMetadata().setLabels(labels);
    m.setLabels(new LinkedHashMap<>(labels));
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(DESIRED, Integer.toString(replicas(d)));
    ann.put(MAX, Integer.toString(replicas(d) + (isRolling(d) ? fenceposts(d)[0] : 0)));
    ann.put(REVISION, Long.toString(maxOld + 1));
    m.setAnnotations(ann);
    m.setOwnerReferences(List.of(Kube.controllerRef(d)));
    rs.setMetadata(m);
    ReplicaSetSpec spec = new ReplicaSetSpec();
    spec.setReplicas(initial);
    spec.setMinReadySeconds(d.getSpec().getMinReadySeconds());
    LabelSelector sel = Kube.copy(d.getSpec().getSelector());
    Map<String, String> ml =
        sel.getMatchLabels() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(sel.getMatchLabels());
    ml.put(HASH, hash);
    sel.setMatchLabels(ml);
    spec.setSelector(sel);
    spec.setTemplate(tpl);
    rs.setSpec(spec);
    if (!sim.api.create(rs)) {
      return null;
    }
    if (initial > 0) {
      sim.events.normal(
          d,
          "deployment-controller",
          "ScalingReplicaSet",
          "Scaled up replica set " + name + " from 0 to " + initial);
    }
    setCondition(
        conds,
        "Progressing",
        "True",
        "NewReplicaSetCreated",
        "Created new replica set \"" + name + "\"",
        w.now,
        false);
    String rev = Long.toString(maxOld + 1);
    if (!rev.equals(annotations(d).get(REVISION))) {
      annotations(d).put(REVISION, rev);
      sim.api.update(d);
    }
    return rs;
  }

  private void rolling(
      Deployment d, ReplicaSet newRs, List<ReplicaSet> olds, List<ReplicaSet> all) {
    int replicas = replicas(d);
    int[] fp = fenceposts(d);
    int newReplicas = Kube.intOr(newRs.getSpec().getReplicas(), 1);
    if (newReplicas > replicas) {
      scale(newRs, replicas, d);
      return;
    }
    if (newReplicas < replicas) {
      int maxTotal = replicas + fp[0];
      int current = sumSpec(all);
      if (current < maxTotal) {
        int up = Math.min(maxTotal - current, replicas - newReplicas);
        scale(newRs, newReplicas + up, d);
        return;
      }
    }
    // reconcileOldReplicaSets
    List<ReplicaSet> activeOld = new ArrayList<>();
    for (ReplicaSet rs : olds) {
      if (Kube.intOr(rs.getSpec().getReplicas(), 1) > 0) {
        activeOld.add(rs);
      }
    }
    if (activeOld.isEmpty()) {
      return;
    }
    activeOld.sort(
        Comparator.comparing(
                (ReplicaSet rs) -> String.valueOf(rs.getMetadata().getCreationTimestamp()))
            .thenComparing(DeploymentController::revision));
    int allPods = sumSpec(all);
    int minAvailable = replicas - fp[1];
    int newUnavailable = Kube.intOr(newRs.getSpec().getReplicas(), 1) - available(newRs);
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return;
    }
    int cleaned = 0;
    for (ReplicaSet rs : activeOld) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int spec = Kube.intOr(rs.getSpec().getReplicas(), 1);
      int unhealthy = spec - available(rs);
      if (spec == 0 || unhealthy <= 0) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      scale(rs, spec - down, d);
      cleaned += down;
    }
    int availableAll = 0;
    for (ReplicaSet rs : all) {
      availableAll += available(rs);
    }
    if (availableAll <= minAvailable) {
      return;
    }
    int total = availableAll - minAvailable;
    int done = 0;
    for (ReplicaSet rs : activeOld) {
      if (done >= total) {
        break;
      }
      int spec = Kube.intOr(rs.getSpec().getReplicas(), 1);
      if (spec == 0) {
        continue;
      }
      int down = Math.min(spec, total - done);
      scale(rs, spec - down, d);
      done += down;
    }
  }

  private static int available(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : Kube.intOr(rs.getStatus().getAvailableReplicas(), 0);
  }

  private void scale(ReplicaSet rs, int to, Deployment d) {
    int from = Kube.intOr(rs.getSpec().getReplicas(), 1);
    String desired = Integer.toString(replicas(d));
    String max = Integer.toString(replicas(d) + (isRolling(d) ? fenceposts(d)[0] : 0));
    boolean annChanged =
        !desired.equals(annotations(rs).get(DESIRED)) || !max.equals(annotations(rs).get(MAX));
    if (from == to && !annChanged) {
      return;
    }
    rs.getSpec().setReplicas(to);
    annotations(rs).put(DESIRED, desired);
    annotations(rs).put(MAX, max);
    if (sim.api.update(rs) && from != to) {
      sim.events.normal(
          d,
          "deployment-controller",
          "ScalingReplicaSet",
          (to > from ? "Scaled up" : "Scaled down")
              + " replica set "
              + rs.getMetadata().getName()
              + " from "
              + from
              + " to "
              + to);
    }
  }

  private void cleanup(Deployment d, List<ReplicaSet> olds, World w) {
    int limit = Kube.intOr(d.getSpec().getRevisionHistoryLimit(), 10);
    List<ReplicaSet> cleanable = new ArrayList<>();
    for (ReplicaSet rs : olds) {
      if (Kube.intOr(rs.getSpec().getReplicas(), 1) == 0
          && (rs.getStatus() == null || Kube.intOr(rs.getStatus().getReplicas(), 0) == 0)
          && World.ownedBy(w.pods, rs).isEmpty()) {
        cleanable.add(rs);
      }
    }
    cleanable.sort(Comparator.comparing(DeploymentController::revision));
    for (int i = 0; i < cleanable.size() - limit; i++) {
      sim.api.delete(cleanable.get(i));
    }
  }

  static boolean isComplete(Deployment d, DeploymentStatus s) {
    if (s == null) {
      return false;
    }
    int replicas = replicas(d);
    return Kube.intOr(s.getUpdatedReplicas(), 0) == replicas
        && Kube.intOr(s.getReplicas(), 0) == replicas
        && Kube.intOr(s.getAvailableReplicas(), 0) == replicas
        && s.getObservedGeneration() != null
        && s.getObservedGeneration()
            >= Optional.ofNullable(d.getMetadata().getGeneration()).orElse(0L);
  }

  private static boolean isProgressing(DeploymentStatus old, DeploymentStatus now) {
    if (old == null) {
      return true;
    }
    int oldOld = Kube.intOr(old.getReplicas(), 0) - Kube.intOr(old.getUpdatedReplicas(), 0);
    int newOld = Kube.intOr(now.getReplicas(), 0) - Kube.intOr(now.getUpdatedReplicas(), 0);
    return Kube.intOr(now.getUpdatedReplicas(), 0) > Kube.intOr(old.getUpdatedReplicas(), 0)
        || newOld < oldOld
        || Kube.intOr(now.getReadyReplicas(), 0) > Kube.intOr(old.getReadyReplicas(), 0)
        || Kube.intOr(now.getAvailableReplicas(), 0) > Kube.intOr(old.getAvailableReplicas(), 0);
  }

  private void writeStatus(
      Deployment d,
      ReplicaSet newRs,
      List<ReplicaSet> all,
      List<DeploymentCondition> conds,
      World w) {
    DeploymentStatus old = d.getStatus();
    DeploymentStatus s = new DeploymentStatus();
    int replicas = 0;
    int ready = 0;
    int available = 0;
    for (ReplicaSet rs : all) {
      if (rs.getStatus() != null) {
        replicas += Kube.intOr(rs.getStatus().getReplicas(), 0);
        ready += Kube.intOr(rs.getStatus().getReadyReplicas(), 0);
        available += Kube.intOr(rs.getStatus().getAvailableReplicas(), 0);
      }
    }
    int updated =
        newRs == null || newRs.getStatus() == null
            ? 0
            : Kube.intOr(newRs.getStatus().getReplicas(), 0);
    s.setObservedGeneration(d.getMetadata().getGeneration());
    s.setReplicas(replicas);
    s.setUpdatedReplicas(updated);
    s.setReadyReplicas(ready);
    s.setAvailableReplicas(available);
    s.setUnavailableReplicas(Math.max(replicas(d) - available, 0));
    if (old != null && old.getCollisionCount() != null) {
      s.setCollisionCount(old.getCollisionCount());
    }
    if (available >= replicas(d) - maxUnavailable(d)) {
      setCondition(
          conds,
          "Available",
          "True",
          "MinimumReplicasAvailable",
          "Deployment has minimum availability.",
          w.now,
          false);
    } else {
      setCondition(
          conds,
          "Available",
          "False",
          "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.",
          w.now,
          false);
    }
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    int deadlineSeconds = deadline == null ? 600 : deadline;
    boolean hasDeadline = deadlineSeconds != Integer.MAX_VALUE;
    if (!paused && hasDeadline) {
      String rsName = newRs == null ? "" : newRs.getMetadata().getName();
      Optional<DeploymentCondition> current = find(conds, "Progressing");
      s.setConditions(conds);
      if (isComplete(d, s)) {
        setCondition(
            conds,
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            "ReplicaSet \"" + rsName + "\" has successfully progressed.",
            w.now,
            false);
      } else if (isProgressing(old, s)) {
        String msg =
            newRs == null
                ? "Deployment \"" + d.getMetadata().getName() + "\" is progressing."
                : "ReplicaSet \"" + rsName + "\" is progressing.";
        setCondition(conds, "Progressing", "True", "ReplicaSetUpdated", msg, w.now, true);
      } else if (current.isPresent()
          && !"NewReplicaSetAvailable".equals(current.get().getReason())
          && !"ProgressDeadlineExceeded".equals(current.get().getReason())) {
        Instant from = Kube.parseTime(current.get().getLastUpdateTime());
        Instant due = from.plusSeconds(deadlineSeconds);
        if (w.now.isAfter(due)) {
          setCondition(
              conds,
              "Progressing",
              "False",
              "ProgressDeadlineExceeded",
              "ReplicaSet \"" + rsName + "\" has timed out progressing.",
              w.now,
              false);
          sim.events.warning(
              d,
              "deployment-controller",
              "ProgressDeadlineExceeded",
              "Deployment \"" + d.getMetadata().getName() + "\" has timed out progressing.");
        } else {
          sim.wakeAt(due.plusSeconds(1));
        }
      }
    }
    Optional<ReplicaSetCondition> failure =
        newRs == null || newRs.getStatus() == null || newRs.getStatus().getConditions() == null
            ? Optional.empty()
            : newRs.getStatus().getConditions().stream()
                .filter(c -> "ReplicaFailure".equals(c.getType()))
                .findFirst();
    if (failure.isPresent()) {
      setCondition(
          conds,
          "ReplicaFailure",
          "True",
          failure.get().getReason(),
          failure.get().getMessage(),
          w.now,
          false);
    } else {
      conds.removeIf(c -> "ReplicaFailure".equals(c.getType()));
    }
    s.setConditions(conds);
    if (old == null || !Kube.canonicalJson(s).equals(Kube.canonicalJson(old))) {
      d.setStatus(s);
      sim.api.updateStatus(d);
    }
  }

  private static List<DeploymentCondition> conditions(Deployment d) {
    List<DeploymentCondition> out = new ArrayList<>();
    if (d.getStatus() != null && d.getStatus().getConditions() != null) {
      for (DeploymentCondition c : d.getStatus().getConditions()) {
        out.add(Kube.copy(c));
      }
    }
    return out;
  }

  private static Optional<DeploymentCondition> find(List<DeploymentCondition> conds, String type) {
    return conds.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * SetDeploymentCondition: same status and reason means no change; same status keeps the
   * transition time. With {@code touch}, a same-reason condition still gets a new lastUpdateTime
   * (the Progressing special case in syncRolloutStatus).
   */
  static void setCondition(
      List<DeploymentCondition> conds,
      String type,
      String status,
      String reason,
      String message,
      Instant now,
      boolean touch) {
    Optional<DeploymentCondition> cur = find(conds, type);
    String t = Kube.time(now);
    if (cur.isPresent()
        && cur.get().getStatus().equals(status)
        && reason.equals(cur.get().getReason())
        && !touch) {
      return;
    }
    DeploymentCondition c = new DeploymentCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastUpdateTime(t);
    c.setLastTransitionTime(
        cur.isPresent() && cur.get().getStatus().equals(status)
            ? cur.get().getLastTransitionTime()
            : t);
    int idx = cur.map(conds::indexOf).orElse(-1);
    if (idx >= 0) {
      conds.set(idx, c);
    } else {
      conds.add(c);
    }
  }
}
