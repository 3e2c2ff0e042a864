package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Timeline.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.k8s.testing.Background;
import dev.deploysafe.k8s.testing.FakeClock;
import dev.deploysafe.k8s.testing.MockCluster;
import dev.deploysafe.k8s.testing.Objs;
import dev.deploysafe.k8s.testing.Scenarios;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engine tests on the fabric8 mock server in CRUD mode; object and pod states are scripted by the
 * test (the testkit's simulated controllers are not merged yet). Time runs on a fake clock.
 */
class RolloutsTest {

  private MockCluster cluster;
  private final Background background = new Background();
  private KubernetesClient c;
  private FakeClock clock;
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    c = cluster.client();
    clock = new FakeClock(Instant.now());
  }

  @AfterEach
  void stop() {
    background.close();
    cluster.close();
  }

  private RolloutOptions auto() {
    return RolloutOptions.defaults()
        .withNamespace(Objs.NS)
        .withClock(clock)
        .withSleeper(clock.autoAdvance(Duration.ofMillis(500)))
        .withFetchLogs(false)
        .withListener(events::add);
  }

  private RolloutReport verify(RolloutOptions o, String... refs) throws InterruptedException {
    List<ResourceRef> list = new ArrayList<>();
    for (String r : refs) {
      list.add(ResourceRef.parse(r));
    }
    return Rollouts.verify(c, list, o);
  }

  @Test
  void readyDeploymentSucceedsOnlyAfterTheStabilityWindow() throws Exception {
    Scenarios.deployment(c, "api", 3, p -> p);
    RolloutReport r = verify(auto(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Succeeded");
    assertThat(r.results().get(0).timeToVerdict()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void crashLoopFailsAtTheFirstEvaluation() throws Exception {
    Scenarios.deployment(
        c,
        "hub",
        1,
        p -> p.waiting("CrashLoopBackOff", "back-off 20s").restarts(2).lastTerminated("Error", 1));
    RolloutReport r = verify(auto().withSleeper(clock.manual()), "deployment/hub");
    assertThat(label(r.verdict())).isEqualTo("Failed(CRASH_LOOP)");
    assertThat(r.results().get(0).timeToVerdict()).isLessThan(Duration.ofSeconds(2));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.report().errors()).extracting(f -> f.code()).containsExactly("rollout.crash-loop");
  }

  @Test
  void crashEvidenceCarriesThePreviousLogTailWithSecretsMasked() throws Exception {
    Scenarios.deployment(
        c,
        "hub",
        1,
        p -> p.waiting("CrashLoopBackOff", "back-off 20s").restarts(2).lastTerminated("Error", 1));
    cluster.log("hub-h2-0", "loading config\nDB_PASSWORD=hunter2\nfatal: invalid parameter x\n");
    RolloutReport r = verify(auto().withFetchLogs(true), "deployment/hub");
    PodEvidence e = ((Verdict.Failed) r.verdict()).evidence().get(0);
    assertThat(e.previousLogTail())
        .contains("fatal: invalid parameter x")
        .doesNotContain("hunter2");
    assertThat(r.apiRequests()).containsEntry("get pods/log", 1L);
    assertThat(cluster.count("/pods/hub-h2-0/log", "previous=true", "tailLines=50")).isEqualTo(1);
  }

  @Test
  void incidentThreeOnDeleteStatefulSetIsNotRolledOutWithinOneSecond() throws Exception {
    Scenarios.onDeleteStatefulSet(c, "boskos");
    RolloutReport r = verify(auto().withSleeper(clock.manual()), "statefulset/boskos");
    assertThat(label(r.verdict())).isEqualTo("NotRolledOut(ON_DELETE)");
    assertThat(r.results().get(0).timeToVerdict()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(((Verdict.NotRolledOut) r.verdict()).stalePods())
        .containsExactly("boskos-0@boskos-rev1");
  }

  @Test
  void incidentOneImagePullFailureIsGroupedByNodePool() throws Exception {
    Scenarios.imagePullOnNewPool(c, "api", clock.instant());
    RolloutReport r = verify(auto(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Failed(IMAGE_PULL)");
    Verdict.Failed f = (Verdict.Failed) r.verdict();
    assertThat(f.byNodePool())
        .containsExactly("fails on 2/2 pods on gke-nodepool=new", "0/2 pods on gke-nodepool=old");
    assertThat(f.evidence().get(0).lastPullError()).contains("403 Forbidden");
  }

  @Test
  void reportSurvivesJavaSerializationForJenkinsPipelines() throws Exception {
    Scenarios.imagePullOnNewPool(c, "api", clock.instant());
    RolloutReport r = verify(auto(), "deployment/api");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(r);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(r);
    }
  }

  @Test
  void pausedDeploymentIsNotRolledOut() throws Exception {
    Scenarios.pausedDeployment(c, "api");
    assertThat(label(verify(auto(), "deployment/api").verdict())).isEqualTo("NotRolledOut(PAUSED)");
  }

  @Test
  void partitionHoldingAllPodsIsNotRolledOut() throws Exception {
    Scenarios.partitionHoldsAll(c, "db");
    assertThat(label(verify(auto(), "sts/db").verdict()))
        .isEqualTo("NotRolledOut(PARTITION_HOLDS_ALL)");
  }

  @Test
  void readinessThatNeverPassesStallsAtTheBudget() throws Exception {
    Scenarios.deployment(c, "api", 2, Objs.PodMaker::notReady);
    RolloutReport r = verify(auto().withTimeout(Duration.ofSeconds(60)), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Stalled(READINESS)");
  }

  @Test
  void missingWorkloadIsUnknownNotFoundAfterTobs() throws Exception {
    RolloutReport r = verify(auto(), "deployment/ghost");
    assertThat(label(r.verdict())).isEqualTo("Unknown(NOT_FOUND)");
    assertThat(r.exitCode()).isEqualTo(3);
  }

  @Test
  void manyWorkloadsShareOneListAndWatchPerKind() throws Exception {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Scenarios.deployment(c, "svc" + i, 2, p -> p);
      refs.add("deployment/svc" + i);
    }
    Scenarios.deployment(c, "broken", 1, p -> p.waiting("InvalidImageName", "bad ref"));
    refs.add("deployment/broken");
    RolloutReport r = verify(auto(), refs.toArray(String[]::new));
    assertThat(label(r.verdict())).isEqualTo("Failed(IMAGE_CONFIG)");
    assertThat(r.results()).hasSize(26);
    assertThat(r.results().stream().filter(w -> w.verdict().isSucceeded())).hasSize(25);
    assertThat(cluster.count("GET /api/v1/namespaces/prod/pods?", "watch=true")).isEqualTo(1);
    assertThat(cluster.count("GET /apis/apps/v1/namespaces/prod/deployments?", "watch=true"))
        .isEqualTo(1);
    assertThat(r.apiRequests()).containsEntry("list pods", 1L).containsEntry("watch pods", 1L);
  }

  @Test
  void forbiddenPodsMakeTheVerdictUnknownForbidden() throws Exception {
    cluster.fault("GET", "/api/v1/namespaces/prod/pods", false, 403, -1);
    Scenarios.deployment(c, "api", 1, p -> p);
    RolloutReport r = verify(auto(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Unknown(FORBIDDEN)");
    assertThat(r.apiErrors()).anyMatch(e -> e.contains("403"));
  }

  @Test
  void forbiddenWatchFallsBackToPolling() throws Exception {
    cluster.fault("GET", "/api/v1/namespaces/prod/pods", true, 403, -1);
    Scenarios.deployment(c, "api", 1, p -> p);
    RolloutReport r = verify(auto(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Succeeded");
    assertThat(r.mode()).isEqualTo("watch+poll");
    assertThat(events).anyMatch(e -> e.type() == RolloutEvent.Type.POLLING_FALLBACK);
    assertThat(r.apiRequests().get("list pods")).isGreaterThan(1L);
  }

  @Test
  void pollOnlyModeReachesTheSameVerdict() throws Exception {
    Scenarios.onDeleteStatefulSet(c, "boskos");
    RolloutReport r = verify(auto().withWatch(false), "statefulset/boskos");
    assertThat(label(r.verdict())).isEqualTo("NotRolledOut(ON_DELETE)");
    assertThat(r.mode()).isEqualTo("poll");
  }

  @Test
  void serverErrorsOnListAreRetriedAndRecordedNotSwallowed() throws Exception {
    cluster.fault("GET", "/api/v1/namespaces/prod/pods?", false, 500, 3);
    Scenarios.deployment(c, "api", 1, p -> p);
    RolloutReport r = verify(auto(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Succeeded");
    assertThat(r.apiErrors()).anyMatch(e -> e.contains("500"));
  }

  @Test
  void transientReadyThenCrashIsFailedNotSucceeded() throws Exception {
    // kubectl rollout status exits 0 on the first Ready snapshot; the stability window holds.
    ReplicaSet rs = Scenarios.deployment(c, "hub", 1, p -> p);
    RolloutOptions o = auto().withSleeper(clock.manual()).withListener(events::add);
    CompletableFuture<RolloutReport> run =
        background.run(() -> Rollouts.verify(c, List.of(ResourceRef.parse("deployment/hub")), o));
    awaitEvent(e -> e.message().contains("stability window"));
    clock.advance(Duration.ofSeconds(5));
    Pod crashed =
        Objs.pod("hub-h2-0", rs)
            .hash("h2")
            .restarts(2)
            .lastTerminated("Error", 3)
            .notReady()
            .build();
    c.pods()
        .inNamespace(Objs.NS)
        .withName("hub-h2-0")
        .edit(
            p -> {
              p.setStatus(crashed.getStatus());
              return p;
            });
    RolloutReport r = run.get(20, TimeUnit.SECONDS);
    assertThat(label(r.verdict())).isEqualTo("Failed(CRASH_LOOP)");
  }

  @Test
  void workloadDeletedDuringVerificationIsUnknown() throws Exception {
    Scenarios.deployment(c, "api", 1, Objs.PodMaker::notReady);
    RolloutOptions o = auto().withSleeper(clock.manual());
    CompletableFuture<RolloutReport> run =
        background.run(() -> Rollouts.verify(c, List.of(ResourceRef.parse("deployment/api")), o));
    awaitEvent(e -> e.type() == RolloutEvent.Type.PROGRESS && e.message().contains("not Ready"));
    c.apps().deployments().inNamespace(Objs.NS).withName("api").delete();
    RolloutReport r = run.get(20, TimeUnit.SECONDS);
    assertThat(label(r.verdict())).isEqualTo("Unknown(NOT_FOUND)");
  }

  @Test
  void verifyAppliedDetectsAReplacedObject() throws Exception {
    Scenarios.deployment(c, "api", 1, p -> p);
    Deployment applied = c.apps().deployments().inNamespace(Objs.NS).withName("api").get();
    applied.getMetadata().setUid("uid-of-an-earlier-object");
    RolloutReport r = Rollouts.verifyApplied(c, List.of(applied), auto());
    assertThat(label(r.verdict())).isEqualTo("Unknown(REPLACED)");
  }

  @Test
  void progressEventsReachTheListener() throws Exception {
    Scenarios.deployment(c, "api", 1, p -> p);
    verify(auto(), "deployment/api");
    assertThat(events)
        .extracting(RolloutEvent::type)
        .contains(
            RolloutEvent.Type.STARTED,
            RolloutEvent.Type.PROGRESS,
            RolloutEvent.Type.VERDICT,
            RolloutEvent.Type.FINISHED);
  }

  private void awaitEvent(Predicate<RolloutEvent> p) throws InterruptedException {
    for (int i = 0; i < 2000; i++) {
      if (events.stream().anyMatch(p)) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no matching event in " + events);
  }
}
