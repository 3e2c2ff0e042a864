package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.testkit.testing.Kubectl;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (v1.35, from the peer-install script) reads the simulated cluster the way it
 * reads a real one; skipped outside CI when kubectl is absent. Expected outputs follow
 * rollout-semantics.md §1.2 (kubectl rollout status viewers).
 */
class KubectlSimulationTest {
  @TempDir Path dir;

  @Test
  void rolloutStatusReportsSuccessForACompletedSimulatedRollout() throws Exception {
    try (TestCluster c = TestCluster.start()) {
      Kubectl kubectl = Kubectl.against(c.server(), dir);
      c.apply(deployment("web", "example/web:1", 3, ""));
      c.advance(Duration.ofMinutes(1));
      Kubectl.Result r =
          kubectl.run("rollout", "status", "deployment/web", "-n", "default", "--timeout=20s");
      assertThat(r.ok()).contains("deployment \"web\" successfully rolled out");
    }
  }

  @Test
  void rolloutStatusFailsOnTheSimulatedProgressDeadline() throws Exception {
    try (TestCluster c = TestCluster.start()) {
      Kubectl kubectl = Kubectl.against(c.server(), dir);
      c.image("example/web:bad", ImageBehaviour.neverReady());
      c.apply(deployment("web", "example/web:bad", 2, "progressDeadlineSeconds: 60"));
      c.advance(Duration.ofMinutes(3));
      Kubectl.Result r =
          kubectl.run("rollout", "status", "deployment/web", "-n", "default", "--timeout=20s");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stderr()).contains("deployment \"web\" exceeded its progress deadline");
    }
  }

  @Test
  void kubectlSeesCrashLoopBackOffAndTopShowsSimulatedUsage() throws Exception {
    try (TestCluster c = TestCluster.start()) {
      Kubectl kubectl = Kubectl.against(c.server(), dir);
      c.image("example/web:crash", ImageBehaviour.crashLoops(Duration.ofSeconds(2), 1));
      c.image("example/web:1", ImageBehaviour.runs().usesMemory("700Mi"));
      c.apply(deployment("crash", "example/web:crash", 1, ""));
      c.apply(deployment("web", "example/web:1", 1, ""));
      c.advance(Duration.ofMinutes(1));
      String reasons =
          kubectl
              .run(
                  "get",
                  "pods",
                  "-n",
                  "default",
                  "-l",
                  "app=crash",
                  "-o",
                  "jsonpath={.items[*].status.containerStatuses[*].state.waiting.reason}")
              .ok();
      assertThat(reasons).isEqualTo("CrashLoopBackOff");
      String top = kubectl.run("top", "pods", "-n", "default", "-l", "app=web").ok();
      assertThat(top).contains("700Mi");
    }
  }
}
