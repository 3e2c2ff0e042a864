package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chart.yaml field types, Helm's way: {@code helm template} and deploysafe must accept and refuse
 * the same Chart.yaml. Helm reads it with sigs.k8s.io/yaml, so a scalar bound for a string field
 * becomes text ({@code alias: 5} is "5"), while a wrong shape for a list or boolean field fails the
 * chart ({@code tags: x}, {@code enabled: "yes"}). Each case is Chart.yaml text ({@code \n} for a
 * line break) for a chart with one vendored subchart {@code c} 1.0.0.
 */
class ChartYamlDifferentialTest {

  private static final String HEAD = "apiVersion: v2\nname: b\nversion: 1.0.0\n";

  @TempDir Path dir;

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "HEAD dependencies:\\n- name: c\\n  tags: x",
        "HEAD dependencies:\\n- name: c\\n  tags: [1, true]",
        "HEAD dependencies:\\n- name: c\\n  tags: [[a]]",
        "HEAD dependencies:\\n- name: c\\n  enabled: \"yes\"",
        "HEAD dependencies:\\n- name: c\\n  enabled: yes",
        "HEAD dependencies:\\n- name: c\\n  enabled: 0",
        "HEAD dependencies:\\n- name: c\\n  alias: 5",
        "HEAD dependencies:\\n- name: c\\n  condition: 5",
        "HEAD dependencies:\\n- name: c\\n  condition: true",
        "HEAD dependencies:\\n- name: c\\n  repository: [x]",
        "HEAD dependencies:\\n- name: c\\n  import-values: 7",
        "HEAD dependencies:\\n- name: c\\n  import-values: \"a\"",
        "HEAD dependencies:\\n- name: c\\n  import-values: [5]",
        "HEAD dependencies:\\n- name: c\\n  version: 1.0",
        "HEAD dependencies:\\n- name: 5",
        "HEAD dependencies: 5",
        "apiVersion: v2\\nname: b\\nversion: 1.0\\nappVersion: 1.10",
        "apiVersion: 2\\nname: b\\nversion: 1.0.0",
        "apiVersion: v2\\nname: 5\\nversion: 1.0.0",
        "apiVersion: v2\\nname: [a]\\nversion: 1.0.0",
        "apiVersion: v2\\nname: b\\nversion: {x: 1}",
      })
  void acceptsAndRefusesTheChartYamlHelmDoes(String chartYaml) throws Exception {
    Path helm = Peers.helm();
    Path chart = Files.createDirectories(dir.resolve("b"));
    Files.writeString(
        chart.resolve("Chart.yaml"), chartYaml.replace("HEAD ", HEAD).replace("\\n", "\n") + "\n");
    Path sub = Files.createDirectories(chart.resolve("charts/c"));
    Files.writeString(sub.resolve("Chart.yaml"), "apiVersion: v2\nname: c\nversion: 1.0.0\n");
    Process p =
        new ProcessBuilder(helm.toString(), "template", "x", chart.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean helmOk = p.waitFor() == 0;
    ValuesResult ours = HelmValues.resolve(chart, java.util.List.of(), ValuesOptions.defaults());
    assertThat(ours.isComputed())
        .as("helm said: %s%nours: %s", said, ours.report().toText())
        .isEqualTo(helmOk);
  }
}
