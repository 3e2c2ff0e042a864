package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Severity;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnusedKeysTest {

  private static final String MISNESTED =
      """
      nfs:
        enabled: true
      imagePullSecret:
        create: true
        registry: quay.io
      jupyterhub:
        hub:
          db:
            type: sqlite-memory
      """;

  private static final String NESTED =
      """
      nfs:
        enabled: true
      jupyterhub:
        imagePullSecret:
          create: true
          registry: quay.io
        hub:
          db:
            type: sqlite-memory
      """;

  private static Report lint(ChartKeys top, String values) {
    return UnusedKeys.check(
        top, ValuesSchemaTest.yaml(values), YamlOrigins.ofText("prod.values.yaml", values));
  }

  @Test
  void incidentOneMisnestedKeyIsOneErrorAtTheUsersLineSuggestingJupyterhub() throws IOException {
    Report r = lint(CorpusCharts.basehub(""), MISNESTED);
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo("values.key.unused");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.location().file()).isEqualTo("prod.values.yaml");
    assertThat(f.location().line()).isEqualTo(3);
    assertThat(f.location().keyPath()).isEqualTo("imagePullSecret");
    assertThat(f.suggestions()).first().isEqualTo("jupyterhub.imagePullSecret");
  }

  @Test
  void incidentOneNestedCorrectlyIsClean() throws IOException {
    assertThat(lint(CorpusCharts.basehub(""), NESTED).findings()).isEmpty();
  }

  @Test
  void incidentOneUnderDaskhubSuggestsTheTwoLevelNesting() throws IOException {
    Report r = lint(CorpusCharts.daskhub(), "imagePullSecret:\n  create: true\n");
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).suggestions())
        .first()
        .isEqualTo("basehub.jupyterhub.imagePullSecret");
  }

  @Test
  void deepTypoIsFoundWithItsSuggestion() throws IOException {
    Report r =
        lint(CorpusCharts.basehub(""), "jupyterhub:\n  singleuser:\n    memroy: {limit: 1G}\n");
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).location().chart()).isEqualTo("jupyterhub");
    assertThat(r.findings().get(0).suggestions()).containsExactly("jupyterhub.singleuser.memory");
  }

  @Test
  void globalTagsAndOpaqueSubchartsAreRead() throws IOException {
    Report r =
        lint(
            CorpusCharts.basehub(""),
            "global:\n  anything: 1\ntags:\n  x: true\njupyterhub-home-nfs:\n  enabled: true\n  whatever: 2\n");
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void valuesForADisabledSubchartAreAWarningNamingTheCondition() throws IOException {
    Report r = lint(CorpusCharts.basehub(""), "dask-gateway:\n  gateway: {}\n");
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).code()).isEqualTo("values.key.disabled-subchart");
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(r.findings().get(0).message()).contains("dask-gateway.enabled is false");
  }

  @Test
  void dynamicTemplateLookupDowngradesToAWarningNamingTheLine() {
    TemplateReferences.Scan scan =
        TemplateReferences.scanText(
            "templates/cm.yaml", "data:\n{{ index .Values.extra $.Values.which }}\n");
    ChartKeys top = ChartKeys.top("app", scan, List.of());
    Report r = lint(top, "extra:\n  foo: 1\n");
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(r.findings().get(0).message()).contains("templates/cm.yaml:2");
  }

  @Test
  void keyReadOnlyByATemplateIsNotReported() {
    TemplateReferences.Scan scan =
        TemplateReferences.scanText("templates/cm.yaml", "{{ toYaml .Values.labels }}\n");
    ChartKeys top = ChartKeys.top("app", scan, List.of());
    assertThat(lint(top, "labels:\n  team: a\n").findings()).isEmpty();
    assertThat(lint(top, "label:\n  team: a\n").findings()).hasSize(1);
  }

  @Test
  void schemaAndUnusedFindingsForTheSameKeyFoldIntoOneErrorAtTheUsersLine() throws IOException {
    ChartKeys basehub = CorpusCharts.basehub("");
    java.util.Map<String, Object> user = ValuesSchemaTest.yaml(MISNESTED);
    java.util.Map<String, Object> effective =
        new java.util.LinkedHashMap<>(
            CorpusCharts.read(
                dev.deploysafe.core.testing.SharedCorpus.corpus(
                    "2i2c/helm-charts/basehub/values.yaml")));
    CorpusHubsLintTest.merge(effective, user);
    YamlOrigins origins = YamlOrigins.ofText("prod.values.yaml", MISNESTED);
    Report schema =
        ValuesSchema.load(
                dev.deploysafe.core.testing.SharedCorpus.corpus(
                    "2i2c/helm-charts/basehub/values.schema.json"))
            .validate(effective, origins);
    Report unused = UnusedKeys.check(basehub, user, origins);

    Report folded = UnusedKeys.fold(basehub, schema, unused);

    List<Finding> aboutKey =
        folded.findings().stream()
            .filter(f -> f.location().keyPath().equals("imagePullSecret"))
            .toList();
    assertThat(aboutKey).hasSize(1);
    assertThat(aboutKey.get(0).code()).isEqualTo("values.key.unused");
    assertThat(aboutKey.get(0).location().line()).isEqualTo(3);
    assertThat(aboutKey.get(0).suggestions()).first().isEqualTo("jupyterhub.imagePullSecret");
    assertThat(aboutKey.get(0).evidence().get("schema"))
        .startsWith("values.schema.additional-property");
    assertThat(folded.findings()).hasSize(schema.findings().size());
  }
}
