package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API-server conventions the simulation needs but a bare CRUD server may not provide: {@code
 * metadata.generation} set on create and bumped on every spec change. It adapts by itself: when the
 * server already maintains generation, the observed generation moves with the spec and this layer
 * writes nothing. Set {@link #ENABLED} to false to switch it off entirely.
 */
final class ApiConventions {
  /** Whether the simulation maintains metadata.generation itself where the server does not. */
  static volatile boolean ENABLED = true;

  private final SimApi api;
  private final Map<String, String> lastSpec = new HashMap<>();
  private final Map<String, Long> lastGeneration = new HashMap<>();

  ApiConventions(SimApi api) {
    this.api = api;
  }

  void admit(World w) {
    if (!ENABLED) {
      return;
    }
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(w.deployments.values());
    objects.addAll(w.statefulSets.values());
    objects.addAll(w.daemonSets.values());
    objects.addAll(w.jobs.values());
    for (HasMetadata o : objects) {
      String uid = o.getMetadata().getUid();
      String spec = Kube.canonicalJson(specOf(o));
      Long gen = o.getMetadata().getGeneration();
      if (gen == null || gen == 0) {
        o.getMetadata().setGeneration(1L);
        api.update(o);
      } else if (lastSpec.containsKey(uid)
          && !lastSpec.get(uid).equals(spec)
          && gen.equals(lastGeneration.get(uid))) {
        o.getMetadata().setGeneration(gen + 1);
        api.update(o);
      }
      lastSpec.put(uid, spec);
      lastGeneration.put(uid, o.getMetadata().getGeneration());
    }
  }

  private static Object specOf(HasMetadata o) {
    Object spec = null;
    if (o instanceof Deployment d) {
      spec = d.getSpec();
    } else if (o instanceof StatefulSet s) {
      spec = s.getSpec();
    } else if (o instanceof DaemonSet d) {
      spec = d.getSpec();
    } else if (o instanceof Job j) {
      spec = j.getSpec();
    }
    return spec == null ? Map.of() : spec;
  }
}
