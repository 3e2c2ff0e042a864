package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Timeline.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.testkit.FaultTarget;
import dev.deploysafe.testkit.ImageBehaviour;
import dev.deploysafe.testkit.NodePool;
import dev.deploysafe.testkit.Scenario;
import dev.deploysafe.testkit.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario tests on the testkit's simulated cluster (controllers, scheduler, kubelets on a virtual
 * clock): the verifier's sleeper advances the simulation, so minutes of rollout take milliseconds.
 */
class RolloutsOnTestClusterTest {

  private TestCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private RolloutOptions options(String namespace) {
    TestCluster cl = cluster;
    return RolloutOptions.defaults()
        .withNamespace(namespace)
        .withClock(cl.clock())
        .withIdle(Duration.ofSeconds(2))
        .withSleeper(
            d -> {
              cl.advance(d);
              // Let watch events reach the informers before virtual time moves on. 2 ms was too
              // little on a loaded machine: a 30 s virtual observation timeout (15 idle ticks)
              // then passed in ~30 ms of real time, before the status write was delivered.
              Thread.sleep(15);
            })
        .withFetchLogs(false)
        .withTimeout(Duration.ofMinutes(10));
  }

  private RolloutReport verify(RolloutOptions o, String... refs) throws InterruptedException {
    List<ResourceRef> list = new ArrayList<>();
    for (String r : refs) {
      list.add(ResourceRef.parse(r));
    }
    return Rollouts.verify(cluster.client(), list, o);
  }

  static String deployment(String name, String image, int replicas, String extraContainerYaml) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: default}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
                - name: app
                  image: %s
        %s
        """
        .formatted(name, replicas, name, name, image, extraContainerYaml.strip().indent(10));
  }

  /** One failure class on the simulated cluster. */
  record Case(String name, Consumer<TestCluster> setup, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "healthy",
            c -> {
              c.image("example/api:2", ImageBehaviour.runs());
              c.apply(deployment("api", "example/api:2", 3, ""));
            },
            "Succeeded"),
        new Case(
            "image not found",
            c -> {
              c.unknownImagesExist(false);
              c.apply(deployment("api", "example/api:missing", 2, ""));
            },
            "Failed(IMAGE_PULL)"),
        new Case(
            "crash loop",
            c -> {
              c.image("example/api:2", ImageBehaviour.crashLoops(Duration.ofSeconds(3), 1));
              c.apply(deployment("api", "example/api:2", 2, ""));
            },
            "Failed(CRASH_LOOP)"),
        new Case(
            "missing secret",
            c -> {
              c.image("example/api:2", ImageBehaviour.runs());
              c.apply(
                  deployment(
                      "api",
                      "example/api:2",
                      1,
                      """
                                  env:
                                    - name: PASSWORD
                                      valueFrom: {secretKeyRef: {name: db, key: password}}
                      """));
            },
            "Failed(CONTAINER_CONFIG)"),
        new Case(
            "unschedulable",
            c -> {
              c.image("example/api:2", ImageBehaviour.runs());
              c.apply(
                  deployment(
                      "api",
                      "example/api:2",
                      1,
                      """
                                  resources: {requests: {cpu: "64"}}
                      """));
            },
            "Failed(UNSCHEDULABLE)"));
  }

  static Stream<Arguments> faultRuns() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : cases()) {
      out.add(Arguments.of(c, "no fault"));
    }
    // Fault-injected runs (the simulated cluster is slow in real time, so a subset here; the
    // embedded-server and mock-server tests run every scenario under every fault).
    out.add(Arguments.of(cases().get(0), "410 Gone"));
    out.add(Arguments.of(cases().get(2), "410 Gone"));
    // No 500-on-list run here: the simulation loads its world through the same API, so such a
    // fault stops the simulated kubelet from writing the crash at all (the API then shows a Ready
    // pod). 500/429 runs are on the embedded server and the mock server.
    out.add(Arguments.of(cases().get(2), "latency"));
    out.add(Arguments.of(cases().get(1), "latency"));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("faultRuns")
  void eachFailureClassGetsItsVerdictWithZeroFalseSuccess(Case c, String fault) throws Exception {
    cluster = TestCluster.start();
    c.setup().accept(cluster);
    switch (fault) {
      case "latency" -> cluster.server().faults().addLatency(Duration.ofMillis(5));
      case "500s" ->
          cluster.server().faults().failRandomly(FaultTarget.any().withVerb("list"), 500, 0.3);
      case "410 Gone" ->
          cluster.server().faults().goneOnNextWatches(FaultTarget.any().withVerb("watch"), 3);
      default -> {}
    }
    // Virtual time runs far ahead of real time, while an informer recovering from a 410 or a
    // dropped watch re-lists after a real-time back-off; a 30 s virtual observation timeout can
    // then expire before the controller's status write is delivered (seen in CI). The verdict
    // classes, not T_obs, are what these runs check, so T_obs is widened.
    RolloutReport r =
        verify(
            options("default")
                .withPolicy(RolloutPolicy.defaults().withObserveTimeout(Duration.ofMinutes(5)))
                .withTimeout(Duration.ofMinutes(6)),
            "deployment/api");
    if (!c.expected().equals("Succeeded")) {
      assertThat(r.verdict().isSucceeded()).as("false success: %s", r.toText()).isFalse();
    }
    assertThat(label(r.verdict())).as(r.toText() + cluster.timelineText()).isEqualTo(c.expected());
  }

  @Test
  void incidentThreeReplayIsNotRolledOutRightAfterTheApply() throws Exception {
    cluster = TestCluster.start(Scenario.bundled("incident-3-ondelete-never-rolled"));
    cluster.advance(Duration.ofMinutes(5).plusSeconds(1));
    RolloutReport r = verify(options("test-pods"), "statefulset/boskos");
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("NotRolledOut(ON_DELETE)");
    // Decided at the first evaluation after the caches synced (one 2 s simulation step at most).
    assertThat(r.results().get(0).timeToVerdict()).isLessThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  @org.junit.jupiter.api.Disabled(
      "passes, but takes about 290 s of real time on the simulated cluster; run it by hand")
  void incidentOneReplayFailsOnTheNewPoolOnly() throws Exception {
    cluster = TestCluster.start(Scenario.bundled("incident-1-new-pool-cannot-pull"));
    cluster.advance(Duration.ofMinutes(10).plusSeconds(1));
    // The autoscaler adds a node at 12m; give Unschedulable the time a scale-up takes.
    RolloutOptions o =
        options("jhub")
            .withPolicy(
                RolloutPolicy.defaults()
                    .withUnschedulableGrace(Duration.ofMinutes(5))
                    .withBudget(Duration.ofMinutes(10)));
    RolloutReport r = verify(o, "deployment/user-servers");
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("Failed(IMAGE_PULL)");
    Verdict.Failed f = (Verdict.Failed) r.verdict();
    assertThat(f.byNodePool().get(0)).as(f.toString()).startsWith("fails on").contains("=new");
  }

  @Test
  void pausedDeploymentIsNotRolledOut() throws Exception {
    cluster = TestCluster.start();
    cluster.image("example/api:2", ImageBehaviour.runs());
    cluster.apply(
        deployment("api", "example/api:2", 1, "")
            .replace("spec:\n  replicas", "spec:\n  paused: true\n  replicas"));
    RolloutReport r = verify(options("default"), "deployment/api");
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("NotRolledOut(PAUSED)");
  }

  @Test
  void flappingReadinessNeverSucceedsWithinTheBudget() throws Exception {
    cluster = TestCluster.start();
    cluster.image(
        "example/api:2",
        ImageBehaviour.flapsReadiness(Duration.ofSeconds(6), Duration.ofSeconds(6)));
    cluster.apply(
        deployment(
            "api",
            "example/api:2",
            1,
            """
                        readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
            """));
    RolloutReport r =
        verify(options("default").withTimeout(Duration.ofSeconds(60)), "deployment/api");
    assertThat(r.verdict().isSucceeded()).as(r.toText()).isFalse();
  }

  @Test
  void manyWorkloadsAggregateToTheWorstVerdict() throws Exception {
    cluster = TestCluster.start();
    cluster.addNodePool(NodePool.of("big", 10).withCapacity("64", "256Gi"));
    cluster.image("example/api:2", ImageBehaviour.runs());
    cluster.image("example/bad:2", ImageBehaviour.crashLoops(Duration.ofSeconds(2), 1));
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cluster.apply(deployment("svc" + i, "example/api:2", 1, ""));
      refs.add("deployment/svc" + i);
    }
    cluster.apply(deployment("bad", "example/bad:2", 1, ""));
    refs.add("deployment/bad");
    RolloutReport r = verify(options("default"), refs.toArray(String[]::new));
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("Failed(CRASH_LOOP)");
    assertThat(r.results().stream().filter(w -> w.verdict().isSucceeded())).hasSize(10);
    assertThat(r.apiRequests()).containsEntry("watch pods", 1L);
  }
}
