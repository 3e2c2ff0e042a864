package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.deployment;
import static dev.deploysafe.testkit.testing.Manifests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node operations (drain, removal), saturation with eviction timings, and metrics.k8s.io. */
class NodeSimulationTest {

  private static List<Pod> pods(TestCluster c) {
    return c.client().pods().inNamespace("default").list().getItems();
  }

  private static NodeCondition ready(TestCluster c, String node) {
    Node n = c.client().nodes().withName(node).get();
    return n.getStatus().getConditions().stream()
        .filter(x -> x.getType().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void drainEvictsPodsAndTheirControllerRecreatesThemElsewhere() {
    try (TestCluster c = TestCluster.start()) {
      c.apply(deployment("web", "example/web:1", 3, ""));
      c.advance(Duration.ofMinutes(1));
      c.drain("default-1");
      c.advance(Duration.ofMinutes(1));
      assertThat(pods(c))
          .hasSize(3)
          .allSatisfy(
              p -> {
                assertThat(p.getSpec().getNodeName()).isNotEqualTo("default-1");
                assertThat(Kube.isReady(p)).isTrue();
              });
      assertThat(c.client().nodes().withName("default-1").get().getSpec().getUnschedulable())
          .isTrue();
    }
  }

  @Test
  void removedNodesPodsAreRecreatedOnRemainingNodes() {
    try (TestCluster c = TestCluster.start()) {
      c.apply(deployment("web", "example/web:1", 3, ""));
      c.advance(Duration.ofMinutes(1));
      c.removeNode("default-2");
      c.advance(Duration.ofMinutes(1));
      assertThat(c.nodeNames()).containsExactly("default-1", "default-3");
      assertThat(pods(c))
          .hasSize(3)
          .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotEqualTo("default-2"));
    }
  }

  @Test
  void saturatedNodeGoesUnknownAfterGracePeriodAndPodsAreEvictedAfterTolerationSeconds() {
    Scenario s = Scenario.builder().nodePool(NodePool.of("w", 2).withCapacity("2", "4Gi")).build();
    try (TestCluster c = TestCluster.start(s)) {
      c.image("example/hog:1", ImageBehaviour.runs().usesMemory("6Gi", Duration.ofSeconds(60)));
      c.apply(pod("hog", "example/hog:1", "", "nodeName: w-1"));
      c.advance(Duration.ofSeconds(62 + 39));
      assertThat(ready(c, "w-1").getStatus()).isEqualTo("True");
      c.advance(Duration.ofSeconds(2));
      assertThat(ready(c, "w-1").getStatus()).isEqualTo("Unknown");
      assertThat(ready(c, "w-1").getReason()).isEqualTo("NodeStatusUnknown");
      assertThat(c.client().nodes().withName("w-1").get().getSpec().getTaints())
          .extracting(t -> t.getKey() + ":" + t.getEffect())
          .contains(
              "node.kubernetes.io/unreachable:NoSchedule",
              "node.kubernetes.io/unreachable:NoExecute");
      c.advance(Duration.ofSeconds(295));
      assertThat(pods(c))
          .singleElement()
          .satisfies(p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNull());
      c.advance(Duration.ofSeconds(10));
      // evicted, but Terminating until the node's kubelet confirms
      assertThat(pods(c))
          .singleElement()
          .satisfies(p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull());
      c.restartNode("w-1");
      c.advance(Duration.ofSeconds(5));
      assertThat(ready(c, "w-1").getStatus()).isEqualTo("True");
      assertThat(pods(c)).isEmpty();
    }
  }

  @Test
  void metricsReportSimulatedUsageAndDisappearWhenMetricsServerIsOff() {
    try (TestCluster c = TestCluster.start()) {
      c.image("example/app:1", ImageBehaviour.runs().usesMemory("1Gi").usesCpu("250m"));
      c.apply(pod("p", "example/app:1", "", "nodeName: default-1"));
      c.advance(Duration.ofSeconds(30));
      var podMetrics = c.client().top().pods().metrics("default", "p");
      assertThat(podMetrics.getContainers().get(0).getUsage().get("memory").toString())
          .isEqualTo("1Gi");
      assertThat(podMetrics.getContainers().get(0).getUsage().get("cpu").toString())
          .isEqualTo("250m");
      NodeMetricsList nodes = c.client().top().nodes().metrics();
      assertThat(nodes.getItems()).hasSize(3);
      c.metricsEnabled(false);
      assertThat(c.client().top().nodes().metrics().getItems()).isEmpty();
    }
  }
}
