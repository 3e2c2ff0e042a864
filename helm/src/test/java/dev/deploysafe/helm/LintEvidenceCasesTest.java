package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The small charts of docs/lint-vs-helm-lint.md, where {@code helm lint} exits 0: parent {@code
 * app} (defaults {@code replicas: 1}, template reads {@code .Values.replicas}) with subchart {@code
 * sub} (template reads {@code .Values.imagePullSecret}), optionally aliased or disabled.
 */
class LintEvidenceCasesTest {

  private static ChartKeys app(String variant) {
    KeyReader subReader =
        KeyReader.union(
            List.of(
                DefaultKeys.of(
                    Map.of("imagePullSecret", "", "enabled", true), "charts/sub/values.yaml"),
                TemplateReferences.scanText(
                    "charts/sub/templates/cm.yaml",
                    "data:\n  ips: {{ .Values.imagePullSecret | quote }}\n")));
    ChartKeys sub = ChartKeys.sub("sub", "sub", subReader, List.of());
    if (variant.equals("alias")) {
      sub = sub.withAlias("worker");
    } else if (variant.equals("disabled")) {
      sub = sub.disabled("condition sub.enabled is false");
    }
    KeyReader appReader =
        KeyReader.union(
            List.of(
                DefaultKeys.of(Map.of("replicas", 1), "values.yaml"),
                TemplateReferences.scanText(
                    "templates/cm.yaml", "r: {{ .Values.replicas | quote }}\n")));
    return ChartKeys.top("app", appReader, List.of(sub));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "plain => imagePullSecret: s => values.key.unused => ERROR => sub.imagePullSecret",
        "plain => replicaz: 3 => values.key.unused => ERROR => replicas",
        "plain => 'sub: {imagePullSecrett: x}' => values.key.unused => ERROR => sub.imagePullSecret",
        "alias => 'sub: {imagePullSecret: x}' => values.key.unused => ERROR => worker",
        "disabled => 'sub: {imagePullSecret: x}' => values.key.disabled-subchart => WARNING => ''",
        "plain => 'y: 1' => values.key.unused => ERROR => ''",
      })
  void helmLintMissesWhatThisFinds(
      String variant, String values, String code, Severity severity, String suggestion) {
    Map<String, Object> user = ValuesSchemaTest.yaml(values);
    if (values.startsWith("y:")) {
      user = Map.of("true", 1); // what Helm's YAML 1.1 reader makes of `y: 1`
    }
    Report r = UnusedKeys.check(app(variant), user, ValueOrigins.none());
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.code()).isEqualTo(code);
    assertThat(f.severity()).isEqualTo(severity);
    if (suggestion.isEmpty()) {
      assertThat(f.suggestions()).isEmpty();
    } else {
      assertThat(f.suggestions()).first().isEqualTo(suggestion);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {"'sub: {imagePullSecret: x}'", "'replicas: 2'", "'global: {a: 1}'"})
  void correctValuesAreClean(String values) {
    assertThat(
            UnusedKeys.check(app("plain"), ValuesSchemaTest.yaml(values), ValueOrigins.none())
                .findings())
        .isEmpty();
  }
}
