package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The YAML scenario format and the Java builder. */
class ScenarioTest {

  @Test
  void yamlScenarioReadsPoolsImagesWorkloadsAndTimeline() {
    Scenario s =
        Scenario.parse(
            """
            name: demo
            duration: 10m
            registry: {private: [registry.example.com], unknownImages: notFound}
            images:
              - image: registry.example.com/app:1
                pullTime: 5s
                behaviour: {exitsAfter: 30s, exitCode: 2, memory: 1Gi, cpu: 200m}
            nodePools:
              - {name: blue, count: 2, cpu: "8", memory: 32Gi, labels: {tier: web}, taints: ["a=b:NoSchedule"]}
            workloads:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}
            timeline:
              - {at: 1m, drain: blue-1}
              - {at: 2m, addNodePool: {name: green, count: 1}}
            """,
            "demo.yaml");
    assertThat(s.name()).isEqualTo("demo");
    assertThat(s.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.unknownImagesExist()).isFalse();
    assertThat(s.privateRegistries()).containsExactly("registry.example.com");
    assertThat(s.images().get(0).behaviour())
        .isEqualTo(
            ImageBehaviour.exitsAfter(Duration.ofSeconds(30), 2).usesMemory("1Gi").usesCpu("200m"));
    assertThat(s.images().get(0).pullTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.nodePools().get(0))
        .isEqualTo(
            NodePool.of("blue", 2)
                .withCapacity("8", "32Gi")
                .withLabel("tier", "web")
                .withTaint("a=b:NoSchedule"));
    assertThat(s.manifests()).hasSize(1);
    assertThat(s.steps())
        .extracting(ScenarioStep::toString)
        .containsExactly("at 1m: drain blue-1", "at 2m: add node pool green (1 nodes)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown top-level key | nodepools: []                                   | bad.yaml:1:12: unknown key 'nodepools' in scenario",
        "bad duration          | duration: ten minutes                           | bad.yaml:1:11: duration: bad duration 'ten minutes'",
        "bad image reference   | 'images: [{image: \"Not Valid::x\"}]'           | bad.yaml:1:18: images[0].image is not a valid image reference",
        "bad taint             | 'nodePools: [{name: a, taints: [\"x:Never\"]}]' | bad.yaml:1:32: nodePools[0].taints: taint effect must be",
        "step without action   | 'timeline: [{at: 1m}]'                          | bad.yaml:1:12: timeline[0]: needs exactly one action",
      })
  void invalidScenarioReportsFileLineAndColumn(String what, String yaml, String expected) {
    assertThatThrownBy(() -> Scenario.parse(yaml, "bad.yaml"))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    String yaml =
        """
        name: x
        images:
          - image: ok/image:1
            behaviour: {readiness: sometimes}
        nodePools:
          - {count: 2}
        """;
    assertThatThrownBy(() -> Scenario.parse(yaml, "multi.yaml"))
        .isInstanceOfSatisfying(
            ScenarioFormatException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "multi.yaml:4:28: images[0].behaviour.readiness must be ready, never or flaps, got 'sometimes'",
                        "multi.yaml:6:5: nodePools[0]: missing 'name'"));
  }

  @Test
  void javaBuilderScenarioRunsItsTimedSteps() {
    Scenario s =
        Scenario.builder()
            .name("drain-test")
            .nodePool(NodePool.of("a", 2))
            .manifest(
                dev.deploysafe.testkit.testing.Manifests.deployment("web", "example/web:1", 2, ""))
            .step(ScenarioStep.drain(Duration.ofMinutes(2), "a-1"))
            .duration(Duration.ofMinutes(4))
            .build();
    try (TestCluster c = TestCluster.start(s)) {
      c.runScenario();
      assertThat(c.elapsed()).isEqualTo(Duration.ofMinutes(4));
      assertThat(c.client().pods().inNamespace("default").list().getItems())
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("a-2"));
      assertThat(c.timeline()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("drain a-1"));
    }
  }

  @Test
  void bundledIncidentScenariosAllParse() {
    for (String name :
        new String[] {
          "incident-1-new-pool-cannot-pull",
          "incident-3-ondelete-never-rolled",
          "incident-5-no-limits-cascade"
        }) {
      assertThat(Scenario.bundled(name).name()).isEqualTo(name);
    }
  }
}
