package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Timeline.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.k8s.testing.Background;
import dev.deploysafe.k8s.testing.FakeClock;
import dev.deploysafe.k8s.testing.Objs;
import dev.deploysafe.k8s.testing.Scenarios;
import dev.deploysafe.testkit.EmbeddedApiServer;
import dev.deploysafe.testkit.FaultTarget;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario tests on the testkit's embedded API server (real watch streams, status subresources,
 * fault injection). Object and pod states are scripted by the test until the testkit's simulated
 * controllers land; time runs on a fake clock.
 */
class RolloutsOnApiServerTest {

  private EmbeddedApiServer api;
  private final Background background = new Background();
  private KubernetesClient c;
  private FakeClock clock;
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start();
    c = api.client();
    c.namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(Objs.NS)
                .endMetadata()
                .build())
        .create();
    clock = new FakeClock(Instant.now());
  }

  @AfterEach
  void stop() {
    background.close();
    api.close();
  }

  private RolloutOptions options() {
    return RolloutOptions.defaults()
        .withNamespace(Objs.NS)
        .withClock(clock)
        .withSleeper(clock.autoAdvance(Duration.ofMillis(100)))
        .withFetchLogs(false)
        .withTimeout(Duration.ofSeconds(120))
        .withListener(events::add);
  }

  private RolloutReport verify(RolloutOptions o, String... refs) throws InterruptedException {
    List<ResourceRef> list = new ArrayList<>();
    for (String r : refs) {
      list.add(ResourceRef.parse(r));
    }
    return Rollouts.verify(c, list, o);
  }

  /** A fault injected into the testkit server before verification. */
  record Fault(String name, Consumer<EmbeddedApiServer> inject) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Fault> faults() {
    return List.of(
        new Fault("no fault", a -> {}),
        new Fault("latency 20ms", a -> a.faults().addLatency(Duration.ofMillis(20))),
        new Fault(
            "500 on 30% of lists",
            a -> a.faults().failRandomly(FaultTarget.any().withVerb("list"), 500, 0.3)),
        new Fault(
            "429 on the next 3 lists",
            a -> a.faults().failNext(FaultTarget.any().withVerb("list"), 429, 3)),
        new Fault(
            "410 Gone on the next 4 watches",
            a -> a.faults().goneOnNextWatches(FaultTarget.any().withVerb("watch"), 4)));
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (RolloutFaultTest.Scenario s : RolloutFaultTest.scenarios()) {
      for (Fault f : faults()) {
        out.add(Arguments.of(s, f));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("runs")
  void everyFailureClassGetsItsVerdictAndNeverAFalseSuccess(RolloutFaultTest.Scenario s, Fault f)
      throws Exception {
    s.setup().accept(c);
    f.inject().accept(api);
    RolloutReport r = verify(options(), s.ref());
    assertThat(r.verdict().isSucceeded()).as("false success: %s", r.toText()).isFalse();
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo(s.expected());
  }

  @Test
  void healthyRolloutSucceedsAfterTheStabilityWindow() throws Exception {
    Scenarios.deployment(c, "api", 3, p -> p);
    RolloutReport r = verify(options(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Succeeded");
    assertThat(r.results().get(0).timeToVerdict()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void imagePullFailureNamesThePullSecretsToCheck() throws Exception {
    Scenarios.imagePullOnNewPool(c, "api", Instant.now());
    RolloutReport r = verify(options(), "deployment/api");
    Verdict.Failed f = (Verdict.Failed) r.verdict();
    assertThat(f.notes())
        .contains("pods reference image pull secrets: none")
        .anyMatch(n -> n.startsWith("ServiceAccount default"));
  }

  @Test
  void oomKilledContainerFails() throws Exception {
    Scenarios.deployment(
        c, "api", 1, p -> p.restarts(1).lastTerminated("OOMKilled", 137).notReady());
    assertThat(label(verify(options(), "deployment/api").verdict()))
        .isEqualTo("Failed(OOM_KILLED)");
  }

  @Test
  void missingSecretFailsAfterTheConfigGrace() throws Exception {
    Scenarios.deployment(
        c, "api", 1, p -> p.waiting("CreateContainerConfigError", "secret \"db\" not found"));
    RolloutReport r = verify(options(), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Failed(CONTAINER_CONFIG)");
    assertThat(r.results().get(0).timeToVerdict()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void unschedulablePodFailsAfterItsGrace() throws Exception {
    Scenarios.deployment(c, "api", 1, p -> p.unschedulable("0/3 nodes: insufficient cpu"));
    RolloutReport r = verify(options().withTimeout(Duration.ofMinutes(5)), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Failed(UNSCHEDULABLE)");
  }

  @Test
  void invalidImageFailsAtOnce() throws Exception {
    Scenarios.deployment(c, "api", 1, p -> p.waiting("InvalidImageName", "invalid reference"));
    RolloutReport r = verify(options().withSleeper(clock.manual()), "deployment/api");
    assertThat(label(r.verdict())).isEqualTo("Failed(IMAGE_CONFIG)");
    assertThat(r.results().get(0).timeToVerdict()).isZero();
  }

  @Test
  void manyWorkloadsOfAReleaseGetOneAggregatedVerdictWithOneWatchPerKind() throws Exception {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Scenarios.deployment(c, "svc" + i, 1, p -> p);
      refs.add("deployment/svc" + i);
    }
    Scenarios.onDeleteStatefulSet(c, "boskos");
    refs.add("statefulset/boskos");
    RolloutReport r = verify(options(), refs.toArray(String[]::new));
    assertThat(label(r.verdict())).isEqualTo("NotRolledOut(ON_DELETE)");
    assertThat(r.results().stream().filter(w -> w.verdict().isSucceeded())).hasSize(60);
    assertThat(r.apiRequests())
        .containsEntry("watch pods", 1L)
        .containsEntry("watch deployments", 1L)
        .containsEntry("watch replicasets", 1L)
        .containsEntry("watch statefulsets", 1L);
  }

  @Test
  void droppedWatchesMidRolloutDoNotLoseTheCrash() throws Exception {
    ReplicaSet rs = Scenarios.deployment(c, "hub", 1, p -> p);
    RolloutOptions o = options().withSleeper(clock.manual());
    CompletableFuture<RolloutReport> run = runAsync(o, "deployment/hub");
    awaitEvent("stability window");
    api.faults().expireResourceVersions();
    api.faults().dropWatches();
    Pod crashed =
        Objs.pod("hub-h2-0", rs)
            .hash("h2")
            .restarts(2)
            .lastTerminated("Error", 2)
            .notReady()
            .build();
    c.pods()
        .inNamespace(Objs.NS)
        .withName("hub-h2-0")
        .editStatus(
            p -> {
              p.setStatus(crashed.getStatus());
              return p;
            });
    RolloutReport r = run.get(30, TimeUnit.SECONDS);
    assertThat(label(r.verdict())).isEqualTo("Failed(CRASH_LOOP)");
  }

  @Test
  void podsRecreatedAtTheNewRevisionTurnNotRolledOutIntoSuccessOnTheNextRun() throws Exception {
    Scenarios.onDeleteStatefulSet(c, "boskos");
    assertThat(label(verify(options(), "sts/boskos").verdict()))
        .isEqualTo("NotRolledOut(ON_DELETE)");
    // The operator deletes the stale pod; the controller recreates it at the update revision.
    var sts = c.apps().statefulSets().inNamespace(Objs.NS).withName("boskos").get();
    c.pods().inNamespace(Objs.NS).withName("boskos-0").delete();
    Scenarios.create(c, Objs.pod("boskos-0", sts).revision("boskos-rev2").build());
    c.apps()
        .statefulSets()
        .inNamespace(Objs.NS)
        .withName("boskos")
        .editStatus(
            s -> {
              s.getStatus().setUpdatedReplicas(1);
              return s;
            });
    clock.advance(Duration.ofMinutes(1));
    // Nothing changed since the revision was created, and the drift check finds no stale pod.
    assertThat(label(verify(options(), "sts/boskos").verdict()))
        .isEqualTo("Succeeded[NO_CHANGE_NEEDED]");
  }

  @Test
  void customResourceWithReadyConditionSucceeds() throws Exception {
    api.register(
        dev.deploysafe.testkit.ApiResource.namespaced("example.com", "v1", "Widget", "widgets")
            .withSubresources(List.of("status")));
    Scenarios.create(c, Objs.custom("w", 1, 1L, java.util.Map.of("Ready", "True")));
    RolloutReport r =
        Rollouts.verify(c, List.of(ResourceRef.of("example.com/v1", "Widget", "", "w")), options());
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("Succeeded");
  }

  @Test
  void customResourceWithStalledConditionFails() throws Exception {
    api.register(
        dev.deploysafe.testkit.ApiResource.namespaced("example.com", "v1", "Widget", "widgets")
            .withSubresources(List.of("status")));
    Scenarios.create(
        c, Objs.custom("w", 1, 1L, java.util.Map.of("Stalled", "True", "Ready", "False")));
    RolloutReport r =
        Rollouts.verify(c, List.of(ResourceRef.of("example.com/v1", "Widget", "", "w")), options());
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("Failed(RESOURCE_STALLED)");
  }

  @Test
  void customResourceKindTheServerDoesNotKnowIsUnknownNotAnException() throws Exception {
    RolloutReport r =
        Rollouts.verify(c, List.of(ResourceRef.of("example.com/v1", "Gadget", "", "g")), options());
    assertThat(r.verdict()).as(r.toText()).isInstanceOf(Verdict.Unknown.class);
    assertThat(r.apiErrors()).isNotEmpty();
  }

  @Test
  void assistOnDeleteReplacesTheStalePodAndThenSucceeds() throws Exception {
    Scenarios.onDeleteStatefulSet(c, "boskos");
    var sts = c.apps().statefulSets().inNamespace(Objs.NS).withName("boskos").get();
    CompletableFuture<RolloutReport> run =
        runAsync(options().withAssistOnDelete(true).withSleeper(clock.manual()), "sts/boskos");
    awaitEvent("deleting stale pod boskos-0");
    // Play the StatefulSet controller: recreate the pod at the update revision.
    for (int i = 0;
        i < 400 && c.pods().inNamespace(Objs.NS).withName("boskos-0").get() != null;
        i++) {
      Thread.sleep(5);
    }
    Scenarios.create(c, Objs.pod("boskos-0", sts).revision("boskos-rev2").build());
    c.apps()
        .statefulSets()
        .inNamespace(Objs.NS)
        .withName("boskos")
        .editStatus(
            s -> {
              s.getStatus().setUpdatedReplicas(1);
              return s;
            });
    awaitEvent("stability window");
    clock.advance(Duration.ofSeconds(11));
    RolloutReport r = run.get(30, TimeUnit.SECONDS);
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo("Succeeded");
    assertThat(r.apiRequests()).containsEntry("delete pods", 1L);
  }

  private CompletableFuture<RolloutReport> runAsync(RolloutOptions o, String ref) {
    return background.run(() -> Rollouts.verify(c, List.of(ResourceRef.parse(ref)), o));
  }

  private void awaitEvent(String text) throws InterruptedException {
    for (int i = 0; i < 4000; i++) {
      if (events.stream().anyMatch(e -> e.message().contains(text))) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no event with '" + text + "' in " + events);
  }
}
