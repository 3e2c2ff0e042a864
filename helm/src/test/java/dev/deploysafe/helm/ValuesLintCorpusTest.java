package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.helm.testing.CorpusCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lints every 2i2c hub of ../shared/corpus/2i2c/hubs.json through the whole pipeline (values
 * engine, per-chart schemas, unused keys) on charts assembled from the corpus: basehub with z2jh
 * 4.3.3 as charts/jupyterhub and its other dependencies declared but not vendored (opaque), and
 * daskhub wrapping basehub. A stub stands first in the -f list for the keys the deployer's
 * values.jsonnet supplies (corpus README: ingress hosts/tls, userServiceAccount, nfs.pv.serverIP).
 *
 * <p>Every ERROR was investigated; the expected ones below are real mistakes in the configs.
 */
class ValuesLintCorpusTest {

  /**
   * leap/prod is a daskhub hub but configures {@code dask-gateway:} at the top level, where only
   * {@code basehub:} is read; Helm renders the scheduler memory from daskhub-common.values.yaml
   * (4G), not prod's 2G, and {@code helm lint} exits 0.
   */
  private static final Map<String, List<String>> REAL_MISTAKES =
      Map.of("leap/prod", List.of("dask-gateway"));

  private static final String STUB =
      """
      jupyterhub:
        ingress:
          hosts: [hub.example.org]
          tls:
            - hosts: [hub.example.org]
              secretName: https-auto-tls
      userServiceAccount:
        enabled: true
      nfs:
        pv:
          serverIP: 10.0.0.2
      """;

  static Path charts;

  @BeforeAll
  static void assemble() throws Exception {
    charts = Files.createTempDirectory("lint-corpus");
    CorpusCharts.assemble(charts, false, false);
  }

  static List<CorpusCharts.Hub> hubs() throws Exception {
    return CorpusCharts.hubs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hubs")
  void hubLintsWithOnlyItsRealMistakes(CorpusCharts.Hub hub) throws Exception {
    List<ValuesInput> inputs = new ArrayList<>();
    boolean dask = hub.chart().equals("daskhub");
    inputs.add(
        ValuesInput.text(
            "jsonnet-stub.yaml", dask ? "basehub:\n" + STUB.replaceAll("(?m)^", "  ") : STUB));
    for (Path f : hub.files()) {
      inputs.add(ValuesInput.file(f));
    }
    LintResult r =
        ValuesLint.lint(
            charts.resolve(hub.chart()),
            inputs,
            List.of(),
            SetFileReader.none(),
            ValuesOptions.defaults());
    Report report = r.report();
    List<String> errors = report.errors().stream().map(f -> f.location().keyPath()).toList();
    assertThat(errors)
        .as("%s:%n%s", hub, report.toText())
        .isEqualTo(REAL_MISTAKES.getOrDefault(hub.name(), List.of()));
    for (Finding f : report.errors()) {
      assertThat(f.location().line()).as(f.toString()).isPositive();
    }
  }
}
