package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The StatefulSet controller: ControllerRevisions named {@code <sts>-<hash>}, pods {@code
 * <sts>-<ordinal>} labelled {@code controller-revision-hash} and {@code
 * statefulset.kubernetes.io/pod-name}, OrderedReady or Parallel creation, RollingUpdate with
 * partition (highest ordinal first, one pod at a time, waiting for Running and Ready), and OnDelete
 * (pods only replaced when deleted). As in Kubernetes, {@code status.currentRevision} only moves
 * when a RollingUpdate completes, so it never moves under OnDelete. Not thread-safe.
 */
final class StatefulSetController {
  static final String REVISION_LABEL = "controller-revision-hash";
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  private final Simulation sim;

  StatefulSetController(Simulation sim) {
    this.sim = sim;
  }

  void sync(World w) {
    for (StatefulSet s : new ArrayList<>(w.statefulSets.values())) {
      if (s.getMetadata().getDeletionTimestamp() == null && s.getSpec() != null) {
        syncOne(s, w);
      }
    }
  }

  /** Revision data as the controller stores it: the template under spec with $patch: replace. */
  static Map<String, Object> revisionData(PodTemplateSpec template) {
    @SuppressWarnings("unchecked")
    Map<String, Object> t = Kube.SERIALIZATION.convertValue(template, Map.class);
    Map<String, Object> tpl = new TreeMap<>(t);
    tpl.put("$patch", "replace");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("template", tpl);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("spec", spec);
    return data;
  }

  @SuppressWarnings("unchecked")
  static PodTemplateSpec templateOf(ControllerRevision r) {
    Map<String, Object> data = Kube.SERIALIZATION.convertValue(r.getData(), Map.class);
    Map<String, Object> tpl =
        new LinkedHashMap<>(
            (Map<String, Object>) ((Map<String, Object>) data.get("spec")).get("template"));
    tpl.remove("$patch");
    return Kube.SERIALIZATION.convertValue(tpl, PodTemplateSpec.class);
  }

  static List<ControllerRevision> revisions(HasMetadata owner, World w) {
    List<ControllerRevision> out = new ArrayList<>(World.ownedBy(w.revisions, owner));
    out.sort(Comparator.comparing(ControllerRevision::getRevision));
    return out;
  }

  /**
   * Finds or creates the ControllerRevision for the owner's current template; an equal older
   * revision is re-used with its number bumped (history.FindEqualRevisions).
   */
  static Optional<ControllerRevision> updateRevision(
      Simulation sim,
      HasMetadata owner,
      PodTemplateSpec template,
      Map<String, String> selectorLabels,
      World w) {
    List<ControllerRevision> revs = revisions(owner, w);
    String key = Kube.canonicalJson(template);
    long max = revs.isEmpty() ? 0 : revs.get(revs.size() - 1).getRevision();
    for (ControllerRevision r : revs) {
      if (Kube.canonicalJson(templateOf(r)).equals(key)) {
        if (r.getRevision() != max) {
          r.setRevision(max + 1);
          sim.api.update(r);
        }
        return Optional.of(r);
      }
    }
    String ns = owner.getMetadata().getNamespace();
    int collisions = 0;
    String hash = Kube.hash(key, collisions);
    while (w.revisions.containsKey(ns + "/" + owner.getMetadata().getName() + "-" + hash)) {
      collisions++;
      hash = Kube.hash(key, collisions);
    }
    ControllerRevision r = new ControllerRevision();
    ObjectMeta m = new ObjectMeta();
    m.setName(owner.getMetadata().getName() + "-" + hash);
    m.setNamespace(ns);
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels);
    labels.put("controller.kubernetes.io/hash", hash);
    m.setLabels(labels);
    m.setOwnerReferences(List.of(Kube.controllerRef(owner)));
    r.setMetadata(m);
    r.setRevision(max + 1);
    r.setData(revisionData(template));
    if (!sim.api.create(r)) {
      return Optional.empty();
    }
    return Optional.of(r);
  }

  static int ordinal(Pod p, String setName) {
    String n = p.getMetadata().getName();
    String prefix = setName + "-";
    if (!n.startsWith(prefix)) {
      return -1;
    }
    try {
      return Integer.parseInt(n.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean onDelete(StatefulSet s) {
    return s.getSpec().getUpdateStrategy() != null
        && "OnDelete".equals(s.getSpec().getUpdateStrategy().getType());
  }

  private static int partition(StatefulSet s) {
    var u = s.getSpec().getUpdateStrategy();
    if (u == null || u.getRollingUpdate() == null) {
      return 0;
    }
    return Kube.intOr(u.getRollingUpdate().getPartition(), 0);
  }

  private void syncOne(StatefulSet s, World w) {
    String name = s.getMetadata().getName();
    Map<String, String> sel =
        s.getSpec().getSelector() != null && s.getSpec().getSelector().getMatchLabels() != null
            ? s.getSpec().getSelector().getMatchLabels()
            : Map.of();
    Optional<ControllerRevision> upd = updateRevision(sim, s, s.getSpec().getTemplate(), sel, w);
    if (upd.isEmpty()) {
      return;
    }
    ControllerRevision update = upd.get();
    String currentName =
        s.getStatus() != null && s.getStatus().getCurrentRevision() != null
            ? s.getStatus().getCurrentRevision()
            : update.getMetadata().getName();
    ControllerRevision current =
        Optional.ofNullable(w.revisions.get(s.getMetadata().getNamespace() + "/" + currentName))
            .orElse(update);
    int replicas = Kube.intOr(s.getSpec().getReplicas(), 1);
    boolean ordered = !"Parallel".equals(s.getSpec().getPodManagementPolicy());
    TreeMap<Integer, Pod> pods = new TreeMap<>();
    List<Pod> condemned = new ArrayList<>();
    for (Pod p : World.ownedBy(w.pods, s)) {
      int o = ordinal(p, name);
      if (o >= 0 && o < replicas) {
        pods.put(o, p);
      } else if (o >= 0) {
        condemned.add(p);
      }
    }
    boolean blocked = false;
    for (int i = 0; i < replicas && !blocked; i++) {
      Pod p = pods.get(i);
      if (p != null && "Failed".equals(Kube.phase(p))) {
        if (sim.api.delete(p)) {
          sim.events.normal(
              s,
              "statefulset-controller",
              "SuccessfulDelete",
              "delete Pod "
                  + p.getMetadata().getName()
                  + " in StatefulSet "
                  + name
                  + " successful");
        }
        pods.remove(i);
        p = null;
        if (ordered) {
          blocked = true;
          continue;
        }
      }
      if (p == null) {
        boolean useCurrent =
            !onDelete(s)
                && (s.getSpec().getUpdateStrategy() != null
                        && s.getSpec().getUpdateStrategy().getRollingUpdate() != null
                    ? i < partition(s)
                    : i
                        < (s.getStatus() == null
                            ? 0
                            : Kube.intOr(s.getStatus().getCurrentReplicas(), 0)));
        ControllerRevision rev = useCurrent ? current : update;
        Pod created = newPod(s, rev, i);
        String err = SimAdmission.admit(created, w);
        if (err.isEmpty()) {
          err = sim.api.tryCreate(created);
        }
        if (!err.isEmpty()) {
          sim.events.warning(
              s,
              "statefulset-controller",
              "FailedCreate",
              "create Pod "
                  + created.getMetadata().getName()
                  + " in StatefulSet "
                  + name
                  + " failed error: "
                  + err);
          sim.retrySoon();
          blocked = true;
          continue;
        }
        sim.events.normal(
            s,
            "statefulset-controller",
            "SuccessfulCreate",
            "create Pod "
                + created.getMetadata().getName()
                + " in StatefulSet "
                + name
                + " successful");
        pods.put(i, created);
        if (ordered) {
          blocked = true;
        }
        continue;
      }
      if (ordered && !Kube.isRunningAndReady(p)) {
        blocked = true;
      }
    }
    if (!blocked && !condemned.isEmpty()) {
      condemned.sort(Comparator.comparing((Pod p) -> ordinal(p, name)).reversed());
      for (Pod p : condemned) {
        if (sim.api.delete(p)) {
          sim.events.normal(
              s,
              "statefulset-controller",
              "SuccessfulDelete",
              "delete Pod "
                  + p.getMetadata().getName()
                  + " in StatefulSet "
                  + name
                  + " successful");
        }
        if (ordered) {
          blocked = true;
          break;
        }
      }
    }
    if (!blocked && !onDelete(s)) {
      int partition = partition(s);
      for (int i = replicas - 1; i >= partition; i--) {
        Pod p = pods.get(i);
        if (p == null) {
          break;
        }
        String rev =
            p.getMetadata().getLabels() == null
                ? null
                : p.getMetadata().getLabels().get(REVISION_LABEL);
        if (!update.getMetadata().getName().equals(rev)) {
          if (sim.api.delete(p)) {
            sim.events.normal(
                s,
                "statefulset-controller",
                "SuccessfulDelete",
                "delete Pod "
                    + p.getMetadata().getName()
                    + " in StatefulSet "
                    + name
                    + " successful");
          }
          break;
        }
        if (!Kube.isRunningAndReady(p)) {
          break;
        }
      }
    }
    writeStatus(s, update, current, w);
  }

  private Pod newPod(StatefulSet s, ControllerRevision rev, int ordinal) {
    String podName = s.getMetadata().getName() + "-" + ordinal;
    PodTemplateSpec tpl = templateOf(rev);
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(REVISION_LABEL, rev.getMetadata().getName());
    extra.put(POD_NAME_LABEL, podName);
    extra.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    Pod p = ReplicaSetController.newPod(s, tpl, podName, extra);
    p.getSpec().setHostname(podName);
    if (s.getSpec().getServiceName() != null) {
      p.getSpec().setSubdomain(s.getSpec().getServiceName());
    }
    return p;
  }

  private void writeStatus(
      StatefulSet s, ControllerRevision update, ControllerRevision current, World w) {
    int minReady = Kube.intOr(s.getSpec().getMinReadySeconds(), 0);
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int cur = 0;
    int upd = 0;
    for (Pod p : World.ownedBy(w.pods, s)) {
      if (!Kube.isActive(p)) {
        continue;
      }
      replicas++;
      if (Kube.isReady(p)) {
        ready++;
        if (Kube.isAvailable(p, minReady, w.now)) {
          available++;
        } else {
          Kube.availableFrom(p, minReady).ifPresent(sim::wakeAt);
        }
      }
      String rev =
          p.getMetadata().getLabels() == null
              ? ""
              : p.getMetadata().getLabels().get(REVISION_LABEL);
      if (current.getMetadata().getName().equals(rev)) {
        cur++;
      }
      if (update.getMetadata().getName().equals(rev)) {
        upd++;
      }
    }
    StatefulSetStatus st = new StatefulSetStatus();
    st.setObservedGeneration(s.getMetadata().getGeneration());
    st.setReplicas(replicas);
    st.setReadyReplicas(ready);
    st.setAvailableReplicas(available);
    st.setCurrentReplicas(cur);
    st.setUpdatedReplicas(upd);
    st.setCurrentRevision(current.getMetadata().getName());
    st.setUpdateRevision(update.getMetadata().getName());
    st.setCollisionCount(0);
    // completeRollingUpdate: only RollingUpdate ever advances currentRevision.
    if (!onDelete(s) && upd == replicas && ready == replicas) {
      st.setCurrentRevision(update.getMetadata().getName());
      st.setCurrentReplicas(upd);
    }
    StatefulSetStatus old = s.getStatus();
    if (old == null || !Kube.canonicalJson(st).equals(Kube.canonicalJson(old))) {
      s.setStatus(st);
      sim.api.updateStatus(s);
    }
  }
}
