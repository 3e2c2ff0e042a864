package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scheduler behaviour: filters and the FailedScheduling message shape kube-scheduler prints ({@code
 * 0/N nodes are available: <sorted histogram>. preemption: ...}).
 */
class SchedulingSimulationTest {

  private static Pod get(TestCluster c, String name) {
    return c.client().pods().inNamespace("default").withName(name).get();
  }

  private static String unschedulableMessage(Pod p) {
    PodCondition c = Kube.condition(p, "PodScheduled").orElseThrow();
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo("Unschedulable");
    return c.getMessage();
  }

  @Test
  void unschedulableMessageCountsEachReasonLikeKubeScheduler() {
    Scenario s =
        Scenario.builder()
            .nodePool(NodePool.of("ssd", 1).withCapacity("1", "4Gi").withLabel("disk", "ssd"))
            .nodePool(NodePool.of("hdd", 2))
            .build();
    try (TestCluster c = TestCluster.start(s)) {
      c.apply(
          pod(
              "p",
              "example/app:1",
              "resources: {requests: {cpu: \"2\"}}",
              "nodeSelector: {disk: ssd}"));
      c.advance(Duration.ofSeconds(5));
      assertThat(unschedulableMessage(get(c, "p")))
          .isEqualTo(
              "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node"
                  + " affinity/selector. preemption: 0/3 nodes are available: 1 No preemption"
                  + " victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
      assertThat(c.timeline())
          .anySatisfy(e -> assertThat(e.reason()).isEqualTo("FailedScheduling"));
    }
  }

  @Test
  void untoleratedTaintKeepsPodsOffAndTolerationLetsThemOn() {
    Scenario s =
        Scenario.builder()
            .nodePool(NodePool.of("gpu", 1).withTaint("nvidia.com/gpu=true:NoSchedule"))
            .build();
    try (TestCluster c = TestCluster.start(s)) {
      c.apply(pod("plain", "example/app:1", "", ""));
      c.apply(
          pod(
              "tolerant",
              "example/app:1",
              "",
              "tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]"));
      c.advance(Duration.ofSeconds(5));
      assertThat(unschedulableMessage(get(c, "plain")))
          .startsWith(
              "0/1 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: true}.");
      assertThat(get(c, "tolerant").getSpec().getNodeName()).isEqualTo("gpu-1");
    }
  }

  @Test
  void cordonedNodesAreUnschedulableUntilUncordoned() {
    try (TestCluster c =
        TestCluster.start(Scenario.builder().nodePool(NodePool.of("a", 1)).build())) {
      c.cordon("a-1");
      c.apply(pod("p", "example/app:1", "", ""));
      c.advance(Duration.ofSeconds(5));
      assertThat(unschedulableMessage(get(c, "p")))
          .startsWith("0/1 nodes are available: 1 node(s) were unschedulable.");
      c.uncordon("a-1");
      c.advance(Duration.ofSeconds(5));
      assertThat(get(c, "p").getSpec().getNodeName()).isEqualTo("a-1");
    }
  }

  @Test
  void pendingPodIsScheduledWhenANodeThatFitsIsAdded() {
    try (TestCluster c =
        TestCluster.start(
            Scenario.builder()
                .nodePool(NodePool.of("small", 1).withCapacity("1", "2Gi"))
                .build())) {
      c.apply(pod("p", "example/app:1", "resources: {requests: {memory: 8Gi}}", ""));
      c.advance(Duration.ofSeconds(5));
      assertThat(unschedulableMessage(get(c, "p"))).contains("1 Insufficient memory");
      c.addNodePool(NodePool.of("big", 1).withCapacity("8", "32Gi"));
      c.advance(Duration.ofSeconds(5));
      assertThat(get(c, "p").getSpec().getNodeName()).isEqualTo("big-1");
    }
  }
}
