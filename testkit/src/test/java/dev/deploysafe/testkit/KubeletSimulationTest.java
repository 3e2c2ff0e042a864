package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubelet behaviour. Expectations: rollout-semantics.md §5.4 (waiting reasons and messages) and
 * §5.8 (image pull back-off 10 s doubling; first restart immediate, then CrashLoopBackOff 10 s, 20
 * s, ...).
 */
class KubeletSimulationTest {
  private static final String PROBE =
      "readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}";
  private TestCluster cluster;

  @BeforeEach
  void start() {
    cluster = TestCluster.start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private Pod get(String name) {
    return cluster.client().pods().inNamespace("default").withName(name).get();
  }

  private ContainerStatus status(String name) {
    return get(name).getStatus().getContainerStatuses().get(0);
  }

  private List<Long> secondsOf(String reason) {
    return cluster.timeline().stream()
        .filter(e -> e.reason().equals(reason))
        .map(e -> e.at().toSeconds())
        .toList();
  }

  @Test
  void missingImageGoesFromErrImagePullToImagePullBackOffWithDoublingBackOff() {
    cluster.unknownImagesExist(false);
    cluster.apply(pod("p", "example/missing:1", "", ""));
    cluster.advance(Duration.ofSeconds(2));
    assertThat(status("p").getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
    assertThat(status("p").getState().getWaiting().getMessage())
        .endsWith("docker.io/example/missing:1: not found");
    cluster.advance(Duration.ofMinutes(2));
    assertThat(status("p").getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
    assertThat(status("p").getState().getWaiting().getMessage())
        .isEqualTo("Back-off pulling image \"example/missing:1\"");
    // pull takes 2 s; retries after 10 s, 20 s, 40 s of back-off
    assertThat(secondsOf("Pulling")).containsExactly(0L, 12L, 34L, 76L);
  }

  @Test
  void malformedReferenceIsInvalidImageName() {
    cluster.apply(pod("p", "Example/Bad::tag", "", ""));
    cluster.advance(Duration.ofSeconds(5));
    assertThat(status("p").getState().getWaiting().getReason()).isEqualTo("InvalidImageName");
  }

  @Test
  void neverPullPolicyWithoutCachedImageIsErrImageNeverPull() {
    cluster.apply(pod("p", "example/app:1", "imagePullPolicy: Never", ""));
    cluster.advance(Duration.ofSeconds(5));
    assertThat(status("p").getState().getWaiting().getReason()).isEqualTo("ErrImageNeverPull");
    assertThat(status("p").getState().getWaiting().getMessage())
        .isEqualTo("Container image \"example/app:1\" is not present with pull policy of Never");
  }

  @Test
  void missingSecretIsCreateContainerConfigErrorUntilTheSecretAppears() {
    String env =
        """
        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
        """;
    cluster.apply(pod("p", "example/app:1", env, ""));
    cluster.advance(Duration.ofSeconds(10));
    assertThat(status("p").getState().getWaiting().getReason())
        .isEqualTo("CreateContainerConfigError");
    assertThat(status("p").getState().getWaiting().getMessage())
        .isEqualTo("secret \"db\" not found");
    cluster.apply(
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: default}
        stringData: {password: hunter2}
        """);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(status("p").getState().getRunning()).isNotNull();
  }

  @Test
  void missingConfigMapKeyNamesTheKey() {
    cluster.apply(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg, namespace: default}
        data: {other: x}
        """);
    String env =
        """
        env:
        - name: MODE
          valueFrom:
            configMapKeyRef: {name: cfg, key: mode}
        """;
    cluster.apply(pod("p", "example/app:1", env, ""));
    cluster.advance(Duration.ofSeconds(10));
    assertThat(status("p").getState().getWaiting().getMessage())
        .isEqualTo("couldn't find key mode in ConfigMap default/cfg");
  }

  @Test
  void crashingContainerRestartsAtOnceThenBacksOffTenAndTwentySeconds() {
    cluster.image("example/crash:1", ImageBehaviour.crashLoops(Duration.ofSeconds(1), 2));
    cluster.apply(pod("p", "example/crash:1", "", ""));
    cluster.advance(Duration.ofSeconds(40));
    // pulled at 2 s; exits after 1 s each run
    assertThat(secondsOf("Started")).containsExactly(2L, 3L, 14L, 35L);
    ContainerStatus s = status("p");
    assertThat(s.getRestartCount()).isEqualTo(3);
    assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(2);
    assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("Error");
    cluster.advance(Duration.ofSeconds(1));
    assertThat(status("p").getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status("p").getState().getWaiting().getMessage())
        .startsWith("back-off 40s restarting failed container=app pod=p_default(");
  }

  @Test
  void memoryAboveTheLimitIsOomKilled() {
    cluster.image("example/hog:1", ImageBehaviour.runs().usesMemory("1Gi", Duration.ofSeconds(5)));
    cluster.apply(pod("p", "example/hog:1", "resources: {limits: {memory: 256Mi}}", ""));
    cluster.advance(Duration.ofSeconds(20));
    ContainerStatus s = status("p");
    assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(137);
  }

  @Test
  void neverReadyContainerRunsButIsNotReady() {
    cluster.image("example/slow:1", ImageBehaviour.neverReady());
    cluster.apply(pod("p", "example/slow:1", PROBE, ""));
    cluster.advance(Duration.ofMinutes(1));
    assertThat(Kube.phase(get("p"))).isEqualTo("Running");
    assertThat(Kube.isReady(get("p"))).isFalse();
    assertThat(cluster.timeline()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("Unhealthy"));
  }

  @Test
  void containerWithoutReadinessProbeIsReadyEvenIfTheAppIsNot() {
    cluster.image("example/slow:1", ImageBehaviour.neverReady());
    cluster.apply(pod("p", "example/slow:1", "", ""));
    cluster.advance(Duration.ofSeconds(10));
    assertThat(Kube.isReady(get("p"))).isTrue();
  }

  @Test
  void flappingReadinessGoesReadyUnreadyAndReadyAgain() {
    cluster.image(
        "example/flap:1",
        ImageBehaviour.flapsReadiness(Duration.ofSeconds(60), Duration.ofSeconds(60)));
    cluster.apply(pod("p", "example/flap:1", PROBE, ""));
    cluster.advance(Duration.ofSeconds(30));
    assertThat(Kube.isReady(get("p"))).isTrue();
    cluster.advance(Duration.ofSeconds(60));
    assertThat(Kube.isReady(get("p"))).isFalse();
    cluster.advance(Duration.ofSeconds(60));
    assertThat(Kube.isReady(get("p"))).isTrue();
  }

  @Test
  void initContainerRunsToCompletionBeforeTheMainContainer() {
    String init =
        """
        initContainers:
        - name: migrate
          image: example/migrate:1
        """;
    cluster.image("example/migrate:1", ImageBehaviour.exitsAfter(Duration.ofSeconds(20), 0));
    cluster.apply(pod("p", "example/app:1", "", init));
    cluster.advance(Duration.ofSeconds(10));
    assertThat(Kube.condition(get("p"), "Initialized").map(PodCondition::getStatus))
        .contains("False");
    assertThat(Kube.phase(get("p"))).isEqualTo("Pending");
    cluster.advance(Duration.ofSeconds(30));
    assertThat(Kube.phase(get("p"))).isEqualTo("Running");
    assertThat(
            get("p")
                .getStatus()
                .getInitContainerStatuses()
                .get(0)
                .getState()
                .getTerminated()
                .getReason())
        .isEqualTo("Completed");
  }

  @Test
  void completedContainerWithRestartPolicyNeverSucceeds() {
    cluster.image("example/task:1", ImageBehaviour.exitsAfter(Duration.ofSeconds(5), 0));
    cluster.apply(pod("p", "example/task:1", "", "restartPolicy: Never"));
    cluster.advance(Duration.ofSeconds(30));
    assertThat(Kube.phase(get("p"))).isEqualTo("Succeeded");
  }

  @Test
  void runningPodHasAllFourConditionsTrue() {
    cluster.apply(pod("p", "example/app:1", "", ""));
    cluster.advance(Duration.ofSeconds(10));
    for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
      assertThat(Kube.condition(get("p"), type).map(PodCondition::getStatus))
          .as(type)
          .contains("True");
    }
  }

  @Test
  void privateRegistryWithoutCredentialsFailsWith401AndPullSecretFixesIt() {
    cluster.privateRegistry("registry.example.com");
    cluster.apply(pod("nocreds", "registry.example.com/team/app:1", "", ""));
    cluster.apply(
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: regcred, namespace: default}
        type: kubernetes.io/dockerconfigjson
        stringData:
          .dockerconfigjson: '{"auths":{"registry.example.com":{"auth":"eDp5"}}}'
        """);
    cluster.apply(
        pod(
            "withcreds",
            "registry.example.com/team/app:1",
            "",
            "imagePullSecrets: [{name: regcred}]"));
    cluster.advance(Duration.ofSeconds(2));
    assertThat(status("nocreds").getState().getWaiting().getMessage()).endsWith("401 Unauthorized");
    assertThat(status("withcreds").getState().getRunning()).isNotNull();
  }
}
