package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.GoJson;
import dev.deploysafe.core.testing.Peers;
import dev.deploysafe.helm.testing.CorpusCharts;
import dev.deploysafe.helm.testing.HelmRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every 2i2c hub of the shared corpus (values files in cluster.yaml order) against charts assembled
 * from the corpus gives exactly Helm's effective values for every chart path.
 *
 * <p>Helm renders the tree without basehub's four dependencies the corpus lacks (removed from
 * Chart.yaml) and with {@code --skip-schema-validation} (the hubs need keys that values.jsonnet
 * supplies; schemas are not this engine's job). The library reads the <em>original</em> basehub
 * Chart.yaml in analysis mode, where those dependencies are opaque: proving that opaque analysis
 * gives Helm's values for everything that is present.
 */
class CorpusHubsDifferentialTest {
  static Path helmCharts;
  static Path libCharts;

  @BeforeAll
  static void assemble() throws Exception {
    Path tmp = Files.createTempDirectory("corpus-charts");
    helmCharts = tmp.resolve("helm");
    libCharts = tmp.resolve("lib");
    CorpusCharts.assemble(helmCharts, true);
    CorpusCharts.assemble(libCharts, false);
  }

  static List<CorpusCharts.Hub> hubs() throws Exception {
    return CorpusCharts.hubs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hubs")
  void hubValuesMatchHelmForEveryChart(CorpusCharts.Hub hub) throws Exception {
    Peers.helm();
    List<String> args = new ArrayList<>();
    List<ValuesInput> inputs = new ArrayList<>();
    for (Path f : hub.files()) {
      args.add("-f");
      args.add(f.toString());
      inputs.add(ValuesInput.file(f));
    }
    args.add("--skip-schema-validation");
    HelmRun.Result helm = HelmRun.template(helmCharts.resolve(hub.chart()), args);
    assertThat(helm.exitCode()).as(helm.stderr()).isZero();
    ValuesResult lib =
        HelmValues.resolve(
            libCharts.resolve(hub.chart()),
            inputs,
            ValuesOptions.defaults().withMode(ChartMode.ANALYSIS));
    Map<String, String> ours = new TreeMap<>();
    lib.values().forEach((k, v) -> ours.put(k, GoJson.write(v)));
    assertThat(ours.keySet()).isEqualTo(helm.json().keySet());
    for (String chart : ours.keySet()) {
      assertThat(ours.get(chart))
          .as("chart '%s' of %s", chart, hub)
          .isEqualTo(helm.json().get(chart));
    }
    assertThat(lib.report().infos()).anyMatch(f -> f.code().equals("chart.dependency.opaque"));
  }
}
