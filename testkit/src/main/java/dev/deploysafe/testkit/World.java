package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One consistent, sorted snapshot of the cluster objects the simulation reads during a pass.
 *
 * <p>Writes made during the pass update the snapshot too, so later controllers in the same pass see
 * them. Not thread-safe: used by the simulation thread only.
 */
final class World {
  final Instant now;
  final TreeMap<String, Node> nodes = new TreeMap<>();
  final TreeMap<String, Pod> pods = new TreeMap<>();
  final TreeMap<String, ReplicaSet> replicaSets = new TreeMap<>();
  final TreeMap<String, Deployment> deployments = new TreeMap<>();
  final TreeMap<String, StatefulSet> statefulSets = new TreeMap<>();
  final TreeMap<String, DaemonSet> daemonSets = new TreeMap<>();
  final TreeMap<String, Job> jobs = new TreeMap<>();
  final TreeMap<String, ControllerRevision> revisions = new TreeMap<>();
  final TreeMap<String, ResourceQuota> quotas = new TreeMap<>();
  private final KubernetesClient client;
  private final Map<String, Optional<Secret>> secrets = new HashMap<>();
  private final Map<String, Optional<ConfigMap>> configMaps = new HashMap<>();
  private final Map<String, Optional<ServiceAccount>> serviceAccounts = new HashMap<>();
  boolean changed;

  private World(KubernetesClient client, Instant now) {
    this.client = client;
    this.now = now;
  }

  static World load(KubernetesClient c, Instant now, SimApi api) {
    World w = new World(c, now);
    c.nodes().list().getItems().forEach(w::put);
    c.pods().inAnyNamespace().list().getItems().forEach(w::put);
    c.apps().replicaSets().inAnyNamespace().list().getItems().forEach(w::put);
    c.apps().deployments().inAnyNamespace().list().getItems().forEach(w::put);
    c.apps().statefulSets().inAnyNamespace().list().getItems().forEach(w::put);
    c.apps().daemonSets().inAnyNamespace().list().getItems().forEach(w::put);
    c.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(w::put);
    c.apps().controllerRevisions().inAnyNamespace().list().getItems().forEach(w::put);
    c.resourceQuotas().inAnyNamespace().list().getItems().forEach(w::put);
    if (ApiConventions.ENABLED) {
      w.deployments.values().forEach(api::restoreStatus);
      w.statefulSets.values().forEach(api::restoreStatus);
      w.daemonSets.values().forEach(api::restoreStatus);
      w.jobs.values().forEach(api::restoreStatus);
      w.replicaSets.values().forEach(api::restoreStatus);
      w.pods.values().forEach(api::restoreStatus);
      w.nodes.values().forEach(api::restoreStatus);
    }
    return w;
  }

  static String key(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return (ns == null ? "" : ns) + "/" + o.getMetadata().getName();
  }

  void put(HasMetadata o) {
    String k = key(o);
    if (o instanceof Node n) {
      nodes.put(o.getMetadata().getName(), n);
    } else if (o instanceof Pod p) {
      pods.put(k, p);
    } else if (o instanceof ReplicaSet rs) {
      replicaSets.put(k, rs);
    } else if (o instanceof Deployment d) {
      deployments.put(k, d);
    } else if (o instanceof StatefulSet s) {
      statefulSets.put(k, s);
    } else if (o instanceof DaemonSet d) {
      daemonSets.put(k, d);
    } else if (o instanceof Job j) {
      jobs.put(k, j);
    } else if (o instanceof ControllerRevision r) {
      revisions.put(k, r);
    } else if (o instanceof ResourceQuota q) {
      quotas.put(k, q);
    }
  }

  void remove(HasMetadata o) {
    String k = key(o);
    if (o instanceof Node) {
      nodes.remove(o.getMetadata().getName());
    } else if (o instanceof Pod) {
      pods.remove(k);
    } else if (o instanceof ReplicaSet) {
      replicaSets.remove(k);
    } else if (o instanceof ControllerRevision) {
      revisions.remove(k);
    }
  }

  /** Returns the objects whose controller ownerReference points at {@code owner}, sorted by key. */
  static <T extends HasMetadata> List<T> ownedBy(Map<String, T> objects, HasMetadata owner) {
    List<T> out = new ArrayList<>();
    String uid = owner.getMetadata().getUid();
    for (T o : objects.values()) {
      Optional<OwnerReference> ref = controllerOf(o);
      if (ref.isPresent() && ref.get().getUid() != null && ref.get().getUid().equals(uid)) {
        out.add(o);
      }
    }
    return out;
  }

  static Optional<OwnerReference> controllerOf(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  List<Pod> podsOn(String nodeName) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods.values()) {
      if (nodeName.equals(p.getSpec().getNodeName())) {
        out.add(p);
      }
    }
    return out;
  }

  Optional<Secret> secret(String ns, String name) {
    return secrets.computeIfAbsent(
        ns + "/" + name,
        k -> Optional.ofNullable(client.secrets().inNamespace(ns).withName(name).get()));
  }

  Optional<ConfigMap> configMap(String ns, String name) {
    return configMaps.computeIfAbsent(
        ns + "/" + name,
        k -> Optional.ofNullable(client.configMaps().inNamespace(ns).withName(name).get()));
  }

  Optional<ServiceAccount> serviceAccount(String ns, String name) {
    return serviceAccounts.computeIfAbsent(
        ns + "/" + name,
        k -> Optional.ofNullable(client.serviceAccounts().inNamespace(ns).withName(name).get()));
  }
}
