package dev.deploysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.testkit.Scenario;
import dev.deploysafe.testkit.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout command against the testkit's simulated cluster (incident 3 replay). */
class RolloutCommandTest {

  @Test
  void onDeleteStatefulSetThatNeverRolledIsNotRolledOutWithExitOne(@TempDir Path dir)
      throws Exception {
    try (TestCluster cluster =
        TestCluster.start(Scenario.bundled("incident-3-ondelete-never-rolled"))) {
      // The image change is applied at 5m; the drain that starts the broken image is at 21m.
      cluster.runFor(Duration.ofMinutes(10));
      Path kubeconfig = cluster.server().writeKubeconfig(dir.resolve("kubeconfig"));
      CliTest.Run r =
          CliTest.run(
              dir,
              "",
              "rollout",
              "--kubeconfig",
              kubeconfig.toString(),
              "--namespace",
              "test-pods",
              "statefulset/boskos",
              "--timeout",
              "20s");
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED);
      // Either NotRolledOut reason is right here, depending on what the informers saw first: the
      // OnDelete strategy holding the new revision, or the pod left at the old revision.
      assertThat(r.out()).containsAnyOf("rollout.not-rolled-out", "rollout.stale-pods");
      assertThat(r.out()).containsIgnoringCase("OnDelete");
    }
  }

  @Test
  void unreachableClusterIsUndecidedNeverPassed(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    java.nio.file.Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
        users: [{name: u, user: {}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """);
    CliTest.Run r =
        CliTest.run(
            dir,
            "",
            "rollout",
            "--kubeconfig",
            kubeconfig.toString(),
            "-n",
            "default",
            "deployment/api",
            "--timeout",
            "3s");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.UNDECIDED);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void badUsageIsExitTwo(@TempDir Path dir) {
    assertThat(CliTest.run(dir, "", "rollout", "deployment/api").err()).contains("--namespace");
    assertThat(
            CliTest.run(dir, "", "rollout", "-n", "x", "--timeout", "soon", "deployment/a").err())
        .contains("bad duration");
    assertThat(
            CliTest.run(dir, "", "rollout", "-n", "x", "--kubeconfig", "nope", "deployment/a")
                .code())
        .isEqualTo(ExitCode.USAGE);
  }
}
