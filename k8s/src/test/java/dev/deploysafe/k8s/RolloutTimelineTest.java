package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Objs.T0;
import static dev.deploysafe.k8s.testing.Objs.deployment;
import static dev.deploysafe.k8s.testing.Objs.pod;
import static dev.deploysafe.k8s.testing.Objs.replicaSet;
import static dev.deploysafe.k8s.testing.Timeline.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.k8s.testing.Objs;
import dev.deploysafe.k8s.testing.Timeline;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timeline tests: sequences of (t, objects) through observe + evaluate, for the rules whose verdict
 * depends on history (§5.9): the stability window, restart deltas and grace periods.
 */
class RolloutTimelineTest {

  private static final Deployment D1 = deployment("hub", 1, 1, 1, 1);
  private static final ReplicaSet NEW = replicaSet(D1, "2", "h2", "app:v2");

  private static Snapshot hub(Pod p) {
    return Snapshot.of(D1, ApplyRecord.unpinned(T0))
        .withReplicaSets(List.of(NEW))
        .withPods(List.of(p));
  }

  private static Objs.PodMaker hubPod() {
    return pod("hub-h2-x", NEW).hash("h2");
  }

  private static List<String> labels(Timeline t) {
    List<String> out = new ArrayList<>();
    for (Verdict v : t.verdicts()) {
      out.add(label(v));
    }
    return out;
  }

  @Test
  void stabilityWindowHoldsSuccessUntilTenSecondsOfReady() {
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    t.at(1, hub(hubPod().build()));
    t.at(6, hub(hubPod().build()));
    t.at(10.9, hub(hubPod().build()));
    t.at(11, hub(hubPod().build()));
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "InProgress", "Succeeded");
  }

  @Test
  void transientReadyThenSecondCrashIsFailedWhereKubectlSaidSuccess() {
    // kubectl rollout status exits 0 at t=1 (available == updated); Helm --wait says deployed.
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    t.at(1, hub(hubPod().build()));
    t.at(4, hub(hubPod().restarts(1).lastTerminated("Error", 1).notReady().rv("2").build()));
    t.at(6, hub(hubPod().restarts(1).lastTerminated("Error", 1).rv("3").build()));
    Verdict v = t.at(9, hub(hubPod().restarts(2).lastTerminated("Error", 1).rv("4").build()));
    assertThat(labels(t))
        .containsExactly("InProgress", "InProgress", "InProgress", "Failed(CRASH_LOOP)");
    assertThat(((Verdict.Failed) v).evidence().get(0).lastExitCode()).isEqualTo(1);
  }

  @Test
  void restartWhileReadyRestartsTheStabilityWindow() {
    Timeline t = Timeline.start(RolloutPolicy.defaults().withCrashLoopRestarts(3));
    t.at(1, hub(hubPod().build()));
    t.at(8, hub(hubPod().restarts(1).lastTerminated("Error", 1).rv("2").build()));
    t.at(15, hub(hubPod().restarts(1).lastTerminated("Error", 1).rv("2").build()));
    t.at(18, hub(hubPod().restarts(1).lastTerminated("Error", 1).rv("2").build()));
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "InProgress", "Succeeded");
  }

  @Test
  void notReadyObservationResetsTheStabilityWindow() {
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    t.at(1, hub(hubPod().build()));
    t.at(5, hub(hubPod().notReady().rv("2").build()));
    t.at(6, hub(hubPod().rv("3").build()));
    t.at(12, hub(hubPod().rv("3").build()));
    t.at(16, hub(hubPod().rv("3").build()));
    assertThat(labels(t))
        .containsExactly("InProgress", "InProgress", "InProgress", "InProgress", "Succeeded");
  }

  @Test
  void minReadySecondsLongerThanTheWindowWins() {
    Deployment slow =
        new DeploymentBuilder(D1).editSpec().withMinReadySeconds(30).endSpec().build();
    Snapshot s = hub(hubPod().build()).withWorkload(java.util.Optional.of(slow));
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    t.at(1, s);
    t.at(20, s);
    t.at(31, s);
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "Succeeded");
  }

  @Test
  void zeroWindowReproducesKubectlSemantics() {
    Timeline t = Timeline.start(RolloutPolicy.defaults().withStabilityWindow(Duration.ZERO));
    assertThat(label(t.at(1, hub(hubPod().build())))).isEqualTo("Succeeded");
  }

  @Test
  void configErrorGraceCountsFromFirstSightingNotFromApply() {
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    Pod bad = hubPod().waiting("CreateContainerConfigError", "configmap \"hub\" not found").build();
    t.at(30, hub(bad));
    t.at(49, hub(bad));
    t.at(50, hub(bad));
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "Failed(CONTAINER_CONFIG)");
  }

  @Test
  void configErrorThatClearsInsideTheGraceNeverFails() {
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    Pod bad = hubPod().waiting("CreateContainerConfigError", "secret \"db\" not found").build();
    t.at(1, hub(bad));
    t.at(10, hub(hubPod().rv("2").build()));
    t.at(25, hub(hubPod().rv("2").build()));
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "Succeeded");
  }

  @Test
  void unschedulableGraceIsNinetySecondsFromFirstSighting() {
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    Pod pending = hubPod().unschedulable("0/3 nodes: insufficient memory").build();
    t.at(1, hub(pending));
    t.at(90, hub(pending));
    t.at(91, hub(pending));
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "Failed(UNSCHEDULABLE)");
  }

  @Test
  void pullAttemptsCountDistinctStatusUpdatesAcrossBackOff() {
    String notFound = "manifest unknown: manifest unknown";
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    t.at(2, hub(hubPod().waiting("ErrImagePull", notFound).rv("2").build()));
    t.at(3, hub(hubPod().waiting("ErrImagePull", notFound).rv("2").build()));
    t.at(5, hub(hubPod().waiting("ImagePullBackOff", "Back-off pulling image").rv("3").build()));
    Verdict v = t.at(15, hub(hubPod().waiting("ImagePullBackOff", "Back-off").rv("4").build()));
    assertThat(labels(t)).containsExactly("InProgress", "InProgress", "InProgress", "InProgress");
    v = t.at(16, hub(hubPod().waiting("ErrImagePull", notFound).rv("5").build()));
    assertThat(label(v)).isEqualTo("Failed(IMAGE_PULL)");
    assertThat(((Verdict.Failed) v).evidence().get(0).lastPullError()).isEqualTo(notFound);
  }

  @Test
  void noProgressClockRestartsWhenAPodBecomesReady() {
    Deployment d3 = deployment("api", 2, 2, 2, 1);
    ReplicaSet rs = replicaSet(d3, "2", "n", "app:v2");
    RolloutPolicy p = RolloutPolicy.defaults().withNoProgressDeadline(Duration.ofSeconds(60));
    Timeline t = Timeline.start(p);
    Snapshot oneReady =
        Snapshot.of(d3, ApplyRecord.unpinned(T0))
            .withReplicaSets(List.of(rs))
            .withPods(
                List.of(
                    pod("api-n-a", rs).hash("n").build(),
                    pod("api-n-b", rs).hash("n").notReady().build()));
    Snapshot neither =
        oneReady.withPods(
            List.of(
                pod("api-n-a", rs).hash("n").notReady().build(),
                pod("api-n-b", rs).hash("n").notReady().build()));
    t.at(1, neither);
    t.at(50, oneReady);
    t.at(100, oneReady);
    t.at(111, oneReady);
    assertThat(labels(t))
        .containsExactly("InProgress", "InProgress", "InProgress", "Stalled(READINESS)");
  }

  @Test
  void controllerNotObservingBecomesUnknownOnlyAfterTobs() {
    Deployment unobserved =
        new DeploymentBuilder(D1).editStatus().withObservedGeneration(1L).endStatus().build();
    Snapshot s = hub(hubPod().build()).withWorkload(java.util.Optional.of(unobserved));
    Timeline t = Timeline.start(RolloutPolicy.defaults());
    t.at(1, s);
    t.at(29, s);
    t.at(30, s);
    assertThat(labels(t))
        .containsExactly("InProgress", "InProgress", "Unknown(CONTROLLER_NOT_OBSERVING)");
  }
}
