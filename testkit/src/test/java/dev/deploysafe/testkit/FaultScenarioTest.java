package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** API faults reach the simulated controllers too; they report them and retry, like real ones. */
class FaultScenarioTest {

  @Test
  void podCreateFailuresShowAsFailedCreateAndTheRolloutRecovers() {
    Scenario s =
        Scenario.parse(
            """
            name: flaky-api
            duration: 2m
            timeline:
              - {at: 0s, fault: {failNext: {verb: create, resource: pods, status: 500, times: 2}}}
            """,
            "flaky.yaml");
    try (TestCluster c = TestCluster.start(s)) {
      c.apply(deployment("web", "example/web:1", 2, ""));
      c.runScenario();
      Deployment d = c.client().apps().deployments().inNamespace("default").withName("web").get();
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
      assertThat(c.timeline())
          .filteredOn(e -> e.reason().equals("FailedCreate"))
          .hasSize(2)
          .allSatisfy(e -> assertThat(e.message()).startsWith("Error creating: "));
    }
  }
}
