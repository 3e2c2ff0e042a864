package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays of the bundled incident scenarios; the expected signals are those rollout-semantics.md
 * names for incidents (a) OnDelete (§0.2, §5.6) and (b) image pull on new nodes (§5.4), plus
 * incident 5's node cascade.
 */
class IncidentReplayTest {

  private static ContainerStatus status(Pod p) {
    return p.getStatus().getContainerStatuses().get(0);
  }

  @Test
  void incident3OnDeleteImageChangeDoesNotRollUntilDrainStartsBrokenImage() {
    try (TestCluster cluster =
        TestCluster.start(Scenario.bundled("incident-3-ondelete-never-rolled"))) {
      cluster.advance(Duration.ofMinutes(6));
      StatefulSet sts =
          cluster.client().apps().statefulSets().inNamespace("test-pods").withName("boskos").get();
      Pod pod = cluster.client().pods().inNamespace("test-pods").withName("boskos-0").get();
      String podRevision = pod.getMetadata().getLabels().get("controller-revision-hash");
      String oldRevision = sts.getStatus().getCurrentRevision();
      assertThat(sts.getStatus().getUpdateRevision()).isNotEqualTo(podRevision);
      assertThat(oldRevision).isEqualTo(podRevision);
      assertThat(sts.getStatus().getUpdatedReplicas()).isZero();
      assertThat(sts.getStatus().getObservedGeneration())
          .isEqualTo(sts.getMetadata().getGeneration());
      assertThat(pod.getSpec().getContainers().get(0).getImage()).endsWith(":v20180405-12e892d69");
      assertThat(status(pod).getReady()).isTrue();

      cluster.runScenario();

      Pod replaced = cluster.client().pods().inNamespace("test-pods").withName("boskos-0").get();
      sts =
          cluster.client().apps().statefulSets().inNamespace("test-pods").withName("boskos").get();
      assertThat(replaced.getSpec().getNodeName()).isNotEqualTo("v111-1");
      assertThat(replaced.getMetadata().getLabels().get("controller-revision-hash"))
          .isEqualTo(sts.getStatus().getUpdateRevision());
      assertThat(replaced.getSpec().getContainers().get(0).getImage())
          .endsWith(":v20190320-7a3f9c2");
      assertThat(status(replaced).getState().getWaiting().getReason())
          .isEqualTo("CrashLoopBackOff");
      assertThat(status(replaced).getLastState().getTerminated().getExitCode()).isEqualTo(1);
      assertThat(status(replaced).getRestartCount()).isGreaterThanOrEqualTo(2);
      // The real quirk: currentRevision never moves under OnDelete (rollout-semantics.md §4).
      assertThat(sts.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "incident-1-new-pool-cannot-pull",
        "incident-3-ondelete-never-rolled",
        "incident-5-no-limits-cascade"
      })
  void replayIsDeterministic(String name) {
    String first;
    try (TestCluster cluster = TestCluster.start(Scenario.bundled(name))) {
      first = cluster.runScenario().timelineText();
    }
    try (TestCluster cluster = TestCluster.start(Scenario.bundled(name))) {
      assertThat(withoutUids(cluster.runScenario().timelineText())).isEqualTo(withoutUids(first));
    }
  }

  @Test
  void incident1PodsOnTheNewNodeFailToPullWhileCachedNodesRun() {
    try (TestCluster cluster =
        TestCluster.start(Scenario.bundled("incident-1-new-pool-cannot-pull"))) {
      cluster.advance(Duration.ofMinutes(11));
      List<Pod> pending =
          pods(cluster, "jhub").stream().filter(p -> p.getSpec().getNodeName() == null).toList();
      assertThat(pending).hasSize(2);
      assertThat(pending.get(0).getStatus().getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getReason()).isEqualTo("Unschedulable");
                assertThat(c.getMessage())
                    .isEqualTo(
                        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.");
              });

      cluster.runScenario();

      List<Pod> all = pods(cluster, "jhub");
      assertThat(all).hasSize(10);
      List<Pod> onNew =
          all.stream().filter(p -> "new-1".equals(p.getSpec().getNodeName())).toList();
      List<Pod> onOld =
          all.stream().filter(p -> p.getSpec().getNodeName().startsWith("old-")).toList();
      assertThat(onOld).hasSize(8).allSatisfy(p -> assertThat(status(p).getReady()).isTrue());
      assertThat(onNew)
          .hasSize(2)
          .allSatisfy(
              p -> {
                assertThat(status(p).getState().getWaiting().getReason())
                    .isIn("ImagePullBackOff", "ErrImagePull");
                assertThat(Kube.phase(p)).isEqualTo("Pending");
              });
      assertThat(cluster.timeline())
          .anySatisfy(
              e -> {
                assertThat(e.reason()).isEqualTo("Failed");
                assertThat(e.message())
                    .startsWith(
                        "Failed to pull image \"registry.example.com/utoronto/user-image:2021-02-16\"")
                    .endsWith("401 Unauthorized");
              })
          .anySatisfy(
              e ->
                  assertThat(e.message())
                      .isEqualTo(
                          "Back-off pulling image \"registry.example.com/utoronto/user-image:2021-02-16\""));
    }
  }

  @Test
  void incident5PodWithoutLimitsTakesDownEveryNodeInTurn() {
    try (TestCluster cluster =
        TestCluster.start(Scenario.bundled("incident-5-no-limits-cascade"))) {
      cluster.runScenario();
      List<String> saturated =
          cluster.timeline().stream()
              .filter(e -> e.reason().equals("NodeSaturated"))
              .map(TimelineEntry::object)
              .collect(Collectors.toList());
      assertThat(saturated).hasSize(3).doesNotHaveDuplicates();
      for (Node n : cluster.client().nodes().list().getItems()) {
        assertThat(n.getStatus().getConditions())
            .anySatisfy(
                c -> {
                  assertThat(c.getType()).isEqualTo("Ready");
                  assertThat(c.getStatus()).isEqualTo("Unknown");
                });
      }
      assertThat(cluster.timeline())
          .anySatisfy(e -> assertThat(e.reason()).isEqualTo("TaintManagerEviction"));
      Pod diff =
          pods(cluster, "production").stream()
              .filter(p -> p.getMetadata().getName().startsWith("diff-"))
              .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
              .findFirst()
              .orElseThrow();
      // evicted pods stay Terminating on the dead nodes; the replacement cannot be scheduled
      assertThat(pods(cluster, "production"))
          .anySatisfy(p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull());
      assertThat(diff.getStatus().getConditions())
          .anySatisfy(
              c ->
                  assertThat(c.getMessage())
                      .contains(
                          "node(s) had untolerated taint {node.kubernetes.io/unreachable: }"));
    }
  }

  /** The API server assigns uids from a JVM-wide counter; everything else must be identical. */
  private static String withoutUids(String timeline) {
    return timeline.replaceAll("\\([0-9a-f-]{36}\\)", "(uid)");
  }

  private static List<Pod> pods(TestCluster cluster, String ns) {
    return cluster.client().pods().inNamespace(ns).list().getItems();
  }
}
