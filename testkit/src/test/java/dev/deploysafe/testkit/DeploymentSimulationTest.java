package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deployment controller behaviour; expectations from rollout-semantics.md §1.1, §1.2, §5.3, §5.5.
 */
class DeploymentSimulationTest {
  private TestCluster cluster;

  @BeforeEach
  void start() {
    cluster = TestCluster.start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static String deployment(String name, String image, int replicas, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: default
        spec:
          replicas: %d
        %s
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: app
                image: %s
                readinessProbe:
                  httpGet: {path: /ready, port: 8080}
                  periodSeconds: 5
        """
        .formatted(name, replicas, extraSpec.indent(2).stripTrailing(), name, name, image);
  }

  private Deployment get(String name) {
    return cluster.client().apps().deployments().inNamespace("default").withName(name).get();
  }

  private DeploymentCondition condition(Deployment d, String type) {
    return d.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void rolloutCompletesWithNewReplicaSetAvailable() {
    cluster.apply(deployment("web", "example/web:1", 3, ""));
    cluster.advance(Duration.ofMinutes(1));
    Deployment d = get("web");
    assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
    assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(condition(d, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(condition(d, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "1");
  }

  @Test
  void newReplicaSetCarriesPodTemplateHashAndRevision() {
    cluster.apply(deployment("web", "example/web:1", 2, ""));
    cluster.advance(Duration.ofMinutes(1));
    cluster.apply(deployment("web", "example/web:2", 2, ""));
    cluster.advance(Duration.ofMinutes(1));
    List<ReplicaSet> rss =
        cluster.client().apps().replicaSets().inNamespace("default").list().getItems();
    assertThat(rss).hasSize(2);
    ReplicaSet newest =
        rss.stream()
            .filter(
                rs ->
                    "2"
                        .equals(
                            rs.getMetadata()
                                .getAnnotations()
                                .get("deployment.kubernetes.io/revision")))
            .findFirst()
            .orElseThrow();
    String hash = newest.getMetadata().getLabels().get("pod-template-hash");
    assertThat(newest.getMetadata().getName()).isEqualTo("web-" + hash);
    List<Pod> pods = cluster.client().pods().inNamespace("default").list().getItems();
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            p -> assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash));
    assertThat(get("web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
  }

  @Test
  void crashLoopingImageEndsInProgressDeadlineExceeded() {
    cluster.image("example/web:bad", ImageBehaviour.crashLoops(Duration.ofSeconds(2), 1));
    cluster.apply(deployment("web", "example/web:bad", 2, "progressDeadlineSeconds: 120"));
    cluster.advance(Duration.ofMinutes(5));
    Deployment d = get("web");
    assertThat(condition(d, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(condition(d, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(d, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
  }
}
