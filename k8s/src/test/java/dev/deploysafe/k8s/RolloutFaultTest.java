package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Timeline.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.k8s.testing.FakeClock;
import dev.deploysafe.k8s.testing.MockCluster;
import dev.deploysafe.k8s.testing.Objs;
import dev.deploysafe.k8s.testing.Scenarios;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault-injected runs on the mock server: every failing scenario under every fault (latency,
 * 500/429 on a share of requests, 410 Gone on watches, dropped watches) must never give Succeeded;
 * the healthy scenario must never give a failure verdict.
 */
class RolloutFaultTest {

  /** A scripted cluster state, the workload to verify and the verdict it must get. */
  record Scenario(String name, Consumer<KubernetesClient> setup, String ref, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A fault to inject into the mock server. */
  record Fault(String name, Consumer<MockCluster> inject) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "crash loop",
            c ->
                Scenarios.deployment(
                    c,
                    "hub",
                    1,
                    p ->
                        p.waiting("CrashLoopBackOff", "back-off")
                            .restarts(2)
                            .lastTerminated("Error", 1)),
            "deployment/hub",
            "Failed(CRASH_LOOP)"),
        new Scenario(
            "image pull on new pool (incident 1)",
            c -> Scenarios.imagePullOnNewPool(c, "api", Instant.now()),
            "deployment/api",
            "Failed(IMAGE_PULL)"),
        new Scenario(
            "OnDelete never rolled (incident 3)",
            c -> Scenarios.onDeleteStatefulSet(c, "boskos"),
            "statefulset/boskos",
            "NotRolledOut(ON_DELETE)"),
        new Scenario(
            "paused",
            c -> Scenarios.pausedDeployment(c, "api"),
            "deployment/api",
            "NotRolledOut(PAUSED)"),
        new Scenario(
            "partition holds all",
            c -> Scenarios.partitionHoldsAll(c, "db"),
            "sts/db",
            "NotRolledOut(PARTITION_HOLDS_ALL)"),
        new Scenario(
            "readiness never passes",
            c -> Scenarios.deployment(c, "api", 2, Objs.PodMaker::notReady),
            "deployment/api",
            "Stalled(READINESS)"));
  }

  /** Mock-server faults; latency, 500/429 and 410 also run on the testkit server. */
  static List<Fault> faults() {
    return List.of(
        new Fault("500/429 on 30% of reads", m -> m.errorRate(0.3)),
        new Fault("410 Gone on watches", m -> m.fault("GET", "/namespaces/prod/", true, 410, 4)),
        new Fault("dropped watches (500)", m -> m.fault("GET", "/namespaces/prod/", true, 500, 4)));
  }

  static Stream<Arguments> failingRuns() {
    List<Arguments> out = new ArrayList<>();
    for (Scenario s : scenarios()) {
      for (Fault f : faults()) {
        out.add(Arguments.of(s, f));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> healthyRuns() {
    return faults().stream().map(Arguments::of);
  }

  private static RolloutReport run(
      Consumer<KubernetesClient> setup, Fault fault, String ref, long seed)
      throws InterruptedException {
    try (MockCluster m = new MockCluster(seed)) {
      setup.accept(m.client());
      fault.inject().accept(m);
      FakeClock clock = new FakeClock(Instant.now());
      RolloutOptions o =
          RolloutOptions.defaults()
              .withNamespace(Objs.NS)
              .withClock(clock)
              .withSleeper(clock.autoAdvance(Duration.ofMillis(100)))
              .withFetchLogs(false)
              .withTimeout(Duration.ofSeconds(120));
      return Rollouts.verify(m.client(), List.of(ResourceRef.parse(ref)), o);
    }
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("failingRuns")
  void failingScenarioNeverSucceeds(Scenario s, Fault f) throws Exception {
    RolloutReport r = run(s.setup(), f, s.ref(), s.name().hashCode());
    assertThat(r.verdict().isSucceeded()).as("false success: %s", r.toText()).isFalse();
    assertThat(label(r.verdict())).as(r.toText()).isEqualTo(s.expected());
  }

  @ParameterizedTest(name = "healthy rollout under {0}")
  @MethodSource("healthyRuns")
  void healthyScenarioNeverFails(Fault f) throws Exception {
    RolloutReport r = run(c -> Scenarios.deployment(c, "api", 2, p -> p), f, "deployment/api", 7);
    if (!r.verdict().isSucceeded()) {
      // Fail closed only for a reason: the fake clock can outrun real retry back-off, and then
      // the only acceptable outcome is Unknown with the API errors as evidence.
      assertThat(r.verdict()).as(r.toText()).isInstanceOf(Verdict.Unknown.class);
      assertThat(r.apiErrors()).as(r.toText()).isNotEmpty();
    }
  }
}
