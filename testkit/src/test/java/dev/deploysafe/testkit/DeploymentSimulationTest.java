package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deployment controller behaviour. Expectations: rollout-semantics.md §1.1 (conditions and
 * reasons), §0.3 and §4 (a transient Ready disarms the deadline), §5.3 (revision annotation and
 * pod-template-hash), §5.5 (success counts), §5.6 (paused).
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

  private Deployment get(String name) {
    return cluster.client().apps().deployments().inNamespace("default").withName(name).get();
  }

  private static DeploymentCondition condition(Deployment d, String type) {
    return d.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private List<Pod> pods() {
    return cluster.client().pods().inNamespace("default").list().getItems();
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
  void newReplicaSetCarriesPodTemplateHashAndNextRevision() {
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
    assertThat(newest.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
    assertThat(pods())
        .hasSize(2)
        .allSatisfy(
            p -> assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash));
    assertThat(get("web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
  }

  @Test
  void neverReadyCrashLoopEndsInProgressDeadlineExceeded() {
    cluster.image(
        "example/web:bad",
        ImageBehaviour.crashLoops(Duration.ofSeconds(2), 1).startsAfter(Duration.ofSeconds(30)));
    cluster.apply(deployment("web", "example/web:bad", 2, "progressDeadlineSeconds: 120"));
    cluster.advance(Duration.ofMinutes(5));
    Deployment d = get("web");
    assertThat(condition(d, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(d, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(condition(d, "Progressing").getMessage()).endsWith("has timed out progressing.");
    assertThat(condition(d, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
  }

  @Test
  void transientReadinessOfACrashLoopDisarmsTheProgressDeadline() {
    cluster.image("example/web:flaky", ImageBehaviour.crashLoops(Duration.ofSeconds(8), 1));
    cluster.apply(deployment("web", "example/web:flaky", 1, "progressDeadlineSeconds: 60"));
    cluster.advance(Duration.ofMinutes(10));
    assertThat(condition(get("web"), "Progressing").getReason())
        .isEqualTo("NewReplicaSetAvailable");
  }

  @Test
  void rollingUpdateStaysWithinMaxSurgeAndMaxUnavailable() {
    String strategy =
        """
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
        """;
    cluster.image("example/web:2", ImageBehaviour.runs().startsAfter(Duration.ofSeconds(10)));
    cluster.apply(deployment("web", "example/web:1", 4, strategy));
    cluster.advance(Duration.ofMinutes(1));
    cluster.apply(deployment("web", "example/web:2", 4, strategy));
    AtomicInteger maxPods = new AtomicInteger();
    AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
    boolean done =
        cluster.runUntil(
            c -> {
              List<Pod> ps = pods();
              maxPods.accumulateAndGet(ps.size(), Math::max);
              int ready = (int) ps.stream().filter(Kube::isReady).count();
              minReady.accumulateAndGet(ready, Math::min);
              Deployment d = get("web");
              return d.getStatus().getUpdatedReplicas() == 4 && ps.size() == 4 && ready == 4;
            },
            Duration.ofMinutes(5));
    assertThat(done).isTrue();
    assertThat(maxPods.get()).isEqualTo(5);
    assertThat(minReady.get()).isEqualTo(4);
  }

  @ParameterizedTest(name = "replicas {0}, surge {1}, unavailable {2} -> {3}/{4}")
  @CsvSource({
    "4, 25%, 25%, 1, 1",
    "3, 25%, 25%, 1, 0",
    "10, 25%, 25%, 3, 2",
    "1, 0, 0, 0, 1",
    "5, 2, 1, 2, 1",
    "3, 50%, 50%, 2, 1"
  })
  void surgeRoundsUpAndUnavailableRoundsDown(
      int replicas, String surge, String unavailable, int wantSurge, int wantUnavailable) {
    Deployment d =
        new DeploymentBuilder()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withMaxSurge(intOrPercent(surge))
            .withMaxUnavailable(intOrPercent(unavailable))
            .endRollingUpdate()
            .endStrategy()
            .endSpec()
            .build();
    assertThat(DeploymentController.fenceposts(d)).containsExactly(wantSurge, wantUnavailable);
  }

  private static IntOrString intOrPercent(String v) {
    return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
  }

  @Test
  void pausedDeploymentCreatesNoReplicaSetAndSaysDeploymentPaused() {
    cluster.apply(deployment("web", "example/web:1", 2, ""));
    cluster.advance(Duration.ofMinutes(1));
    cluster.apply(deployment("web", "example/web:2", 2, "paused: true"));
    cluster.advance(Duration.ofMinutes(1));
    Deployment d = get("web");
    assertThat(cluster.client().apps().replicaSets().inNamespace("default").list().getItems())
        .hasSize(1);
    assertThat(condition(d, "Progressing").getStatus()).isEqualTo("Unknown");
    assertThat(condition(d, "Progressing").getReason()).isEqualTo("DeploymentPaused");
    assertThat(d.getStatus().getUpdatedReplicas()).isZero();
  }

  @Test
  void recreateNeverRunsOldAndNewPodsTogether() {
    String strategy = "strategy: {type: Recreate}";
    cluster.apply(deployment("web", "example/web:1", 3, strategy));
    cluster.advance(Duration.ofMinutes(1));
    cluster.apply(deployment("web", "example/web:2", 3, strategy));
    AtomicInteger mixed = new AtomicInteger();
    cluster.runUntil(
        c -> {
          long images =
              pods().stream()
                  .map(p -> p.getSpec().getContainers().get(0).getImage())
                  .distinct()
                  .count();
          if (images > 1) {
            mixed.incrementAndGet();
          }
          return false;
        },
        Duration.ofMinutes(2));
    assertThat(mixed.get()).isZero();
    assertThat(get("web").getStatus().getUpdatedReplicas()).isEqualTo(3);
  }

  @Test
  void minReadySecondsDelaysAvailability() {
    cluster.apply(deployment("web", "example/web:1", 2, "minReadySeconds: 30"));
    cluster.advance(Duration.ofSeconds(15));
    assertThat(get("web").getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(get("web").getStatus().getAvailableReplicas()).isZero();
    cluster.advance(Duration.ofSeconds(30));
    assertThat(get("web").getStatus().getAvailableReplicas()).isEqualTo(2);
  }

  @Test
  void quotaDenialShowsAsReplicaFailureFailedCreate() {
    cluster.apply(
        """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: compute, namespace: default}
        spec:
          hard: {pods: "1"}
        """);
    cluster.apply(deployment("web", "example/web:1", 3, ""));
    cluster.advance(Duration.ofSeconds(30));
    Deployment d = get("web");
    DeploymentCondition failure = condition(d, "ReplicaFailure");
    assertThat(failure.getReason()).isEqualTo("FailedCreate");
    assertThat(failure.getMessage()).contains("is forbidden: exceeded quota: compute");
    assertThat(pods()).hasSize(1);
  }

  @Test
  void observedGenerationFollowsEachSpecChange() {
    cluster.apply(deployment("web", "example/web:1", 1, ""));
    cluster.advance(Duration.ofSeconds(30));
    long first = get("web").getMetadata().getGeneration();
    cluster.apply(deployment("web", "example/web:2", 1, ""));
    cluster.advance(Duration.ofSeconds(30));
    Deployment d = get("web");
    assertThat(d.getMetadata().getGeneration()).isGreaterThan(first);
    assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
  }
}
