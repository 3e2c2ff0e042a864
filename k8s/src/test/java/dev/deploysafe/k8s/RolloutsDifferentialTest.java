package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Timeline.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.k8s.testing.FakeClock;
import dev.deploysafe.k8s.testing.KubectlRun;
import dev.deploysafe.k8s.testing.Objs;
import dev.deploysafe.k8s.testing.Scenarios;
import dev.deploysafe.testkit.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scripted cluster states judged by the real {@code kubectl rollout status} (v1.35 peer
 * binary) and by deploysafe, on the testkit's API server: the differences are the intended ones of
 * docs/rollout-semantics.md §0 and §5.9.
 */
class RolloutsDifferentialTest {

  @TempDir Path dir;
  private EmbeddedApiServer api;
  private KubernetesClient c;
  private KubectlRun kubectl;
  private FakeClock clock;

  @BeforeEach
  void start() throws Exception {
    api = EmbeddedApiServer.start();
    c = api.client();
    c.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(Objs.NS).endMetadata().build())
        .create();
    kubectl = KubectlRun.against(api, dir);
    clock = new FakeClock(Instant.now());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private RolloutReport deploysafe(String ref) throws InterruptedException {
    return deploysafe(ref, clock.autoAdvance(Duration.ofMillis(100)));
  }

  private RolloutReport deploysafe(String ref, Sleeper sleeper) throws InterruptedException {
    return Rollouts.verify(
        c,
        List.of(ResourceRef.parse(ref)),
        RolloutOptions.defaults()
            .withNamespace(Objs.NS)
            .withClock(clock)
            .withSleeper(sleeper)
            .withFetchLogs(false));
  }

  @Test
  void incidentThreeKubectlGivesNoVerdictDeploysafeSaysNotRolledOut() throws Exception {
    Scenarios.onDeleteStatefulSet(c, "boskos");
    KubectlRun.Result k = kubectl.run("rollout", "status", "statefulset/boskos", "-n", Objs.NS);
    assertThat(k.exitCode()).isEqualTo(1);
    assertThat(k.stderr()).contains("only available for RollingUpdate");
    assertThat(label(deploysafe("statefulset/boskos").verdict()))
        .isEqualTo("NotRolledOut(ON_DELETE)");
  }

  @Test
  void transientReadyKubectlSaysSuccessDeploysafeWaitsAndCatchesTheCrash() throws Exception {
    ReplicaSet rs =
        Scenarios.deployment(c, "hub", 1, p -> p.restarts(1).lastTerminated("Error", 1));
    KubectlRun.Result k =
        kubectl.run("rollout", "status", "deployment/hub", "-n", Objs.NS, "--timeout=10s");
    assertThat(k.exitCode()).isZero();
    assertThat(k.stdout()).contains("successfully rolled out");
    // The container crashes a second time inside deploysafe's stability window.
    Pod crashed =
        Objs.pod("hub-h2-0", rs)
            .hash("h2")
            .waiting("CrashLoopBackOff", "back-off 10s")
            .restarts(2)
            .lastTerminated("Error", 1)
            .build();
    c.pods()
        .inNamespace(Objs.NS)
        .withName("hub-h2-0")
        .editStatus(
            p -> {
              p.setStatus(crashed.getStatus());
              return p;
            });
    assertThat(label(deploysafe("deployment/hub").verdict())).isEqualTo("Failed(CRASH_LOOP)");
  }

  @Test
  void crashLoopKubectlWaitsForItsTimeoutDeploysafeFailsAtOnce() throws Exception {
    Scenarios.deployment(
        c,
        "hub",
        1,
        p -> p.waiting("CrashLoopBackOff", "back-off").restarts(2).lastTerminated("Error", 1));
    c.apps()
        .deployments()
        .inNamespace(Objs.NS)
        .withName("hub")
        .editStatus(
            d -> {
              d.getStatus().setAvailableReplicas(0);
              d.getStatus().setReadyReplicas(0);
              return d;
            });
    KubectlRun.Result k =
        kubectl.run("rollout", "status", "deployment/hub", "-n", Objs.NS, "--timeout=1s");
    assertThat(k.exitCode()).isEqualTo(1);
    assertThat(k.stderr()).contains("timed out");
    // A clock that never moves: the verdict needs no grace period, only the first evaluation.
    RolloutReport r = deploysafe("deployment/hub", clock.manual());
    assertThat(label(r.verdict())).isEqualTo("Failed(CRASH_LOOP)");
    assertThat(r.results().get(0).timeToVerdict()).isZero();
  }

  @Test
  void pausedDeploymentKubectlWaitsDeploysafeSaysNotRolledOut() throws Exception {
    Scenarios.pausedDeployment(c, "api");
    KubectlRun.Result k =
        kubectl.run("rollout", "status", "deployment/api", "-n", Objs.NS, "--timeout=1s");
    assertThat(k.exitCode()).isEqualTo(1);
    assertThat(label(deploysafe("deployment/api").verdict())).isEqualTo("NotRolledOut(PAUSED)");
  }
}
