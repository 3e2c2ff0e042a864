package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values lint on whole charts, through the values engine (incident 1 and its variants). */
class ValuesLintTest {

  private static final Path EXAMPLE =
      SharedCorpus.repositoryRoot().resolve("examples/charts/incident-1-umbrella");

  private static LintResult lint(Path chart, Path... files) throws Exception {
    List<ValuesInput> inputs = new java.util.ArrayList<>();
    for (Path f : files) {
      inputs.add(new ValuesInput(f.getFileName().toString(), Files.readAllBytes(f)));
    }
    return ValuesLint.lint(
        chart, inputs, List.of(), SetFileReader.none(), ValuesOptions.defaults());
  }

  @Test
  void incidentOneTopLevelImagePullSecretIsOneErrorAtTheUsersLine() throws Exception {
    LintResult r = lint(EXAMPLE, EXAMPLE.resolve("values-broken.yaml"));
    assertThat(r.report().errors()).hasSize(1);
    Finding f = r.report().errors().get(0);
    assertThat(f.code()).isEqualTo("values.key.unused");
    assertThat(f.location().file()).isEqualTo("values-broken.yaml");
    assertThat(f.location().line()).isEqualTo(4);
    assertThat(f.location().keyPath()).isEqualTo("imagePullSecret");
    assertThat(f.suggestions()).first().isEqualTo("jupyterhub.imagePullSecret");
  }

  /**
   * Umbrella charts usually vendor subcharts as archives ({@code helm dependency build}): their
   * templates are read from the archive, so a key only a template reads counts as read, and a
   * misspelt one is still caught.
   */
  @Test
  void templatesInsidePackagedSubchartsAreScanned(@TempDir Path dir) throws Exception {
    java.util.Map<String, byte[]> sub = new java.util.LinkedHashMap<>();
    sub.put(
        "hub/Chart.yaml",
        "apiVersion: v2\nname: hub\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8));
    sub.put("hub/values.yaml", "image: {}\n".getBytes(StandardCharsets.UTF_8));
    sub.put(
        "hub/templates/d.yaml",
        "pullSecret: {{ .Values.imagePullSecret | default \"none\" }}\n"
            .getBytes(StandardCharsets.UTF_8));
    Path top = Files.createDirectories(dir.resolve("top/charts"));
    Files.write(top.resolve("hub-1.0.0.tgz"), dev.deploysafe.helm.testing.TarGz.pack(sub));
    Files.writeString(
        dir.resolve("top/Chart.yaml"),
        "apiVersion: v2\nname: top\nversion: 1.0.0\ndependencies:\n  - name: hub\n    version: 1.0.0\n",
        StandardCharsets.UTF_8);
    Path good = Files.writeString(dir.resolve("good.yaml"), "hub:\n  imagePullSecret: s\n");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "hub:\n  imagePullSecrets: s\n");
    LintResult ok = lint(dir.resolve("top"), good);
    assertThat(ok.report().findings()).as(ok.report().toText()).isEmpty();
    LintResult typo = lint(dir.resolve("top"), bad);
    assertThat(typo.report().errors())
        .as(typo.report().toText())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("values.key.unused");
              assertThat(f.location().line()).isEqualTo(2);
              assertThat(f.suggestions()).contains("hub.imagePullSecret");
            });
  }

  @Test
  void incidentOneNestedCorrectlyIsClean() throws Exception {
    LintResult r = lint(EXAMPLE, EXAMPLE.resolve("values-fixed.yaml"));
    assertThat(r.report().errors()).as(r.report().toText()).isEmpty();
    assertThat(r.report().warnings()).as(r.report().toText()).isEmpty();
  }

  @Test
  void schemaViolationInASubchartPointsAtTheUsersLine(@TempDir Path dir) throws Exception {
    Path values = dir.resolve("bad-type.yaml");
    Files.writeString(values, "jupyterhub:\n  cull:\n    timeout: soon\n", StandardCharsets.UTF_8);
    LintResult r = lint(EXAMPLE, values);
    List<Finding> schema =
        r.report().errors().stream().filter(x -> x.code().startsWith("values.schema.")).toList();
    assertThat(schema).as(r.report().toText()).hasSize(1);
    assertThat(schema.get(0).location().file()).isEqualTo("bad-type.yaml");
    assertThat(schema.get(0).location().line()).isEqualTo(3);
    assertThat(schema.get(0).location().chart()).isEqualTo("jupyterhub");
    // The offending value may be a secret: messages never quote it.
    assertThat(schema.get(0).message()).doesNotContain("soon");
  }

  @Test
  void typoIsSuggestedAtTheSameLevel(@TempDir Path dir) throws Exception {
    Path values = dir.resolve("typo.yaml");
    Files.writeString(values, "jupyterhub:\n  singleuser:\n    imag: {}\n", StandardCharsets.UTF_8);
    Report r = lint(EXAMPLE, values).report();
    assertThat(r.errors()).isNotEmpty();
    assertThat(r.errors().get(0).suggestions()).contains("jupyterhub.singleuser.image");
  }

  @Test
  void declaredButNotVendoredDependencyIsOpaqueAndLintStillRuns(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("Chart.yaml"),
        "apiVersion: v2\nname: top\nversion: 1.0.0\ndependencies:\n"
            + "  - name: redis\n    version: 1.x\n    repository: https://example.invalid\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("values.yaml"), "replicas: 1\n", StandardCharsets.UTF_8);
    Path values = dir.resolve("u.yaml");
    Files.writeString(values, "redis:\n  anything: 1\nreplicaz: 2\n", StandardCharsets.UTF_8);
    Report r = lint(dir, values).report();
    assertThat(r.infos()).anyMatch(f -> f.code().equals("chart.dependency.opaque"));
    assertThat(r.errors()).extracting(f -> f.location().keyPath()).containsExactly("replicaz");
    assertThat(r.errors().get(0).suggestions()).contains("replicas");
  }
}
