package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** DaemonSet and Job controllers; DaemonSet success counts as in rollout-semantics.md §5.5. */
class WorkloadControllersSimulationTest {

  static String daemonSet(String image, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: default}
        spec:
        %s
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              nodeSelector: {role: worker}
              containers:
              - name: agent
                image: %s
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
        """
        .formatted(extraSpec.indent(2).stripTrailing(), image);
  }

  static String job(String image, int completions, int parallelism, int backoffLimit) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: task, namespace: default}
        spec:
          completions: %d
          parallelism: %d
          backoffLimit: %d
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: task
                image: %s
        """
        .formatted(completions, parallelism, backoffLimit, image);
  }

  private static Scenario workersAndTainted() {
    return Scenario.builder()
        .nodePool(NodePool.of("worker", 3).withLabel("role", "worker"))
        .nodePool(
            NodePool.of("infra", 1)
                .withLabel("role", "worker")
                .withTaint("dedicated=infra:NoSchedule"))
        .nodePool(NodePool.of("other", 1))
        .build();
  }

  private static DaemonSet ds(TestCluster c) {
    return c.client().apps().daemonSets().inNamespace("default").withName("agent").get();
  }

  private static List<Pod> pods(TestCluster c) {
    return c.client().pods().inNamespace("default").list().getItems();
  }

  @Test
  void daemonSetRunsOnePodPerEligibleNode() {
    try (TestCluster c = TestCluster.start(workersAndTainted())) {
      c.apply(daemonSet("example/agent:1", ""));
      c.advance(Duration.ofMinutes(1));
      DaemonSet d = ds(c);
      assertThat(d.getStatus().getDesiredNumberScheduled()).isEqualTo(3);
      assertThat(d.getStatus().getNumberAvailable()).isEqualTo(3);
      assertThat(d.getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
      assertThat(pods(c))
          .extracting(p -> p.getSpec().getNodeName())
          .containsExactlyInAnyOrder("worker-1", "worker-2", "worker-3");
    }
  }

  @Test
  void daemonSetRollingUpdateKeepsAtMostMaxUnavailableNodesWithoutAnAvailablePod() {
    try (TestCluster c = TestCluster.start(workersAndTainted())) {
      c.image("example/agent:2", ImageBehaviour.runs().startsAfter(Duration.ofSeconds(10)));
      c.apply(daemonSet("example/agent:1", ""));
      c.advance(Duration.ofMinutes(1));
      c.apply(daemonSet("example/agent:2", ""));
      AtomicInteger worst = new AtomicInteger();
      boolean done =
          c.runUntil(
              x -> {
                long available = pods(x).stream().filter(Kube::isReady).count();
                worst.accumulateAndGet((int) (3 - available), Math::max);
                DaemonSet d = ds(x);
                return d.getStatus().getUpdatedNumberScheduled() == 3
                    && d.getStatus().getNumberAvailable() == 3;
              },
              Duration.ofMinutes(5));
      assertThat(done).isTrue();
      assertThat(worst.get()).isEqualTo(1);
    }
  }

  @Test
  void daemonSetOnDeleteKeepsOldPods() {
    try (TestCluster c = TestCluster.start(workersAndTainted())) {
      c.apply(daemonSet("example/agent:1", "updateStrategy: {type: OnDelete}"));
      c.advance(Duration.ofMinutes(1));
      c.apply(daemonSet("example/agent:2", "updateStrategy: {type: OnDelete}"));
      c.advance(Duration.ofMinutes(2));
      assertThat(ds(c).getStatus().getUpdatedNumberScheduled()).isZero();
      assertThat(pods(c))
          .allSatisfy(
              p ->
                  assertThat(p.getSpec().getContainers().get(0).getImage())
                      .isEqualTo("example/agent:1"));
    }
  }

  private static Job getJob(TestCluster c) {
    return c.client().batch().v1().jobs().inNamespace("default").withName("task").get();
  }

  private static JobCondition cond(Job j, String type) {
    return j.getStatus().getConditions().stream()
        .filter(x -> x.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void jobCompletesAfterTheRequiredCompletions() {
    try (TestCluster c = TestCluster.start()) {
      c.image("example/task:1", ImageBehaviour.exitsAfter(Duration.ofSeconds(10), 0));
      c.apply(job("example/task:1", 3, 2, 6));
      c.advance(Duration.ofMinutes(2));
      Job j = getJob(c);
      assertThat(j.getStatus().getSucceeded()).isEqualTo(3);
      assertThat(cond(j, "Complete").getStatus()).isEqualTo("True");
    }
  }

  @Test
  void jobFailsWithBackoffLimitExceeded() {
    try (TestCluster c = TestCluster.start()) {
      c.image("example/task:bad", ImageBehaviour.exitsAfter(Duration.ofSeconds(1), 3));
      c.apply(job("example/task:bad", 1, 1, 2));
      c.advance(Duration.ofMinutes(5));
      Job j = getJob(c);
      assertThat(j.getStatus().getFailed()).isEqualTo(3);
      assertThat(cond(j, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
    }
  }
}
