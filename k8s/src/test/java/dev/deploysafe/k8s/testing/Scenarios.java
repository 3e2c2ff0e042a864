package dev.deploysafe.k8s.testing;

import static dev.deploysafe.k8s.testing.Objs.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Writes scripted cluster states into a mock server, the way the controllers and the kubelet would
 * have left them (the testkit's simulated controllers will replace this).
 */
public final class Scenarios {

  private Scenarios() {}

  /**
   * Creates {@code o}; when it carries a status and the server dropped it (a real API server
   * ignores status on create), writes the status through the status subresource.
   */
  public static <T extends HasMetadata> T create(KubernetesClient c, T o) {
    T created = c.resource(o).create();
    JsonNode want = JSON.valueToTree(o).path("status");
    JsonNode got = JSON.valueToTree(created).path("status");
    if (want.isObject() && !want.isEmpty() && !want.equals(got)) {
      o.setMetadata(created.getMetadata());
      return c.resource(o).updateStatus();
    }
    return created;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A rolled-out Deployment: status done, its new ReplicaSet, and {@code replicas} pods. */
  public static ReplicaSet deployment(
      KubernetesClient c, String name, int replicas, UnaryOperator<Objs.PodMaker> podState) {
    Deployment d = create(c, Objs.deployment(name, replicas, replicas, replicas, replicas));
    return replicaSetWithPods(c, d, replicas, podState);
  }

  public static ReplicaSet replicaSetWithPods(
      KubernetesClient c, Deployment d, int replicas, UnaryOperator<Objs.PodMaker> podState) {
    ReplicaSet rs = create(c, Objs.replicaSet(d, "2", "h2", "app:v2"));
    for (int i = 0; i < replicas; i++) {
      create(c, podState.apply(pod(d.getMetadata().getName() + "-h2-" + i, rs).hash("h2")).build());
    }
    return rs;
  }

  public static void pausedDeployment(KubernetesClient c, String name) {
    Deployment d =
        new DeploymentBuilder(Objs.deployment(name, 1, 0, 1, 1))
            .editSpec()
            .withPaused(true)
            .endSpec()
            .build();
    create(c, d);
  }

  /**
   * Incident 3: OnDelete StatefulSet whose template changed; its pod still runs the old revision.
   */
  public static StatefulSet onDeleteStatefulSet(KubernetesClient c, String name) {
    StatefulSet s = create(c, Objs.statefulSet(name, 1, "OnDelete", null, name + "-rev2", 0));
    create(c, Objs.revision(s, name + "-rev1", 1, Objs.BEFORE));
    ControllerRevision r2 = Objs.revision(s, name + "-rev2", 2, Objs.AFTER);
    create(c, r2);
    create(c, pod(name + "-0", s).revision(name + "-rev1").image("app:v1").build());
    return s;
  }

  /** A StatefulSet whose partition holds every pod back. */
  public static void partitionHoldsAll(KubernetesClient c, String name) {
    StatefulSet s = create(c, Objs.statefulSet(name, 2, "RollingUpdate", 2, name + "-rev2", 0));
    create(c, pod(name + "-0", s).revision(name + "-rev1").build());
    create(c, pod(name + "-1", s).revision(name + "-rev1").build());
  }

  /** Incident 1: new pods on pool=new cannot pull; the ones on pool=old run. */
  public static void imagePullOnNewPool(KubernetesClient c, String name, Instant at) {
    create(
        c,
        new NodeBuilder()
            .withNewMetadata()
            .withName("new-1")
            .addToLabels("cloud.google.com/gke-nodepool", "new")
            .endMetadata()
            .build());
    create(
        c,
        new NodeBuilder()
            .withNewMetadata()
            .withName("new-2")
            .addToLabels("cloud.google.com/gke-nodepool", "new")
            .endMetadata()
            .build());
    create(
        c,
        new NodeBuilder()
            .withNewMetadata()
            .withName("old-1")
            .addToLabels("cloud.google.com/gke-nodepool", "old")
            .endMetadata()
            .build());
    Deployment d = create(c, Objs.deployment(name, 4, 4, 4, 2));
    ReplicaSet rs = create(c, Objs.replicaSet(d, "2", "h2", "app:v2"));
    String err = "failed to pull and unpack image \"reg/app:v2\": 403 Forbidden";
    for (int i = 0; i < 2; i++) {
      var p =
          create(
              c,
              pod(name + "-h2-new" + i, rs)
                  .hash("h2")
                  .node("new-" + (i + 1))
                  .waiting("ErrImagePull", err)
                  .build());
      create(c, Objs.event(p, "Failed", "Failed to pull image \"reg/app:v2\": " + err, 2, at));
    }
    create(c, pod(name + "-h2-old0", rs).hash("h2").node("old-1").build());
    create(c, pod(name + "-h2-old1", rs).hash("h2").node("old-1").build());
  }
}
