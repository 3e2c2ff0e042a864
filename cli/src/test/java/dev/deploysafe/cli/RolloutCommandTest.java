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

  @Test
  void badKubeconfigsAreUsageErrorsThatNeverQuoteTheFile(@TempDir Path dir) throws Exception {
    String token = "sekrit-token-abc123";
    String[][] cases = {
      {"scalar", token + "\n", "not a kubeconfig"},
      {
        "wrong-shape",
        "apiVersion: v1\nkind: Config\nclusters: \"" + token + "\"\n",
        "not a valid kubeconfig"
      },
      {
        "wrong-type",
        "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: "
            + token
            + "\n    exec: 5\n",
        "not a valid kubeconfig"
      },
      {"broken-yaml", "users: [\n  " + token + ":\n", "broken-yaml:"},
      {
        "no-context",
        "apiVersion: v1\nkind: Config\ncontexts: [{name: a, context: {cluster: c}}]\n",
        "has no context b (it has: a)"
      },
    };
    for (String[] c : cases) {
      Path kubeconfig = java.nio.file.Files.writeString(dir.resolve(c[0]), c[1]);
      CliTest.Run r =
          CliTest.run(
              dir,
              "",
              "rollout",
              "--kubeconfig",
              kubeconfig.toString(),
              "--context",
              "b",
              "-n",
              "x",
              "deployment/a");
      assertThat(r.code()).as(c[0] + ": " + r.err()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).as(c[0]).contains(c[2]).doesNotContain(token).doesNotContain("\tat ");
    }
  }
}
