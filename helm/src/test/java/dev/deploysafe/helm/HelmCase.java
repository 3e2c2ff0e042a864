package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.GoJson;
import dev.deploysafe.core.testing.Peers;
import dev.deploysafe.helm.testing.ChartFixture;
import dev.deploysafe.helm.testing.HelmRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs one pinned case through the library and, when the real Helm is installed, through {@code
 * helm template} too, so every pinned expectation is also checked against Helm itself.
 */
final class HelmCase {
  final ValuesResult lib;
  final Optional<HelmRun.Result> helm;

  private HelmCase(ValuesResult lib, Optional<HelmRun.Result> helm) {
    this.lib = lib;
    this.helm = helm;
  }

  static HelmCase run(String spec, List<String> sets, ValuesOptions options, Path dir)
      throws Exception {
    List<Path> users = ChartFixture.write(spec, dir);
    Path chart = dir.resolve("top");
    List<ValuesInput> inputs = new ArrayList<>();
    List<String> args = new ArrayList<>();
    for (Path u : users) {
      inputs.add(ValuesInput.file(u));
      args.add("-f");
      args.add(u.toString());
    }
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    ChartLoad load = HelmValues.loadChart(chart, options);
    assertThat(load.chart()).as("chart loads: %s", load.report().toText()).isPresent();
    ValuesResult lib =
        HelmValues.resolve(
            load.chart().get(),
            inputs,
            new SetFlagApplier(SetFlag.ofEach(SetFamily.SET, sets), SetFileReader.none()),
            options);
    Optional<HelmRun.Result> helm = Optional.empty();
    if (Peers.find("DEPLOYSAFE_HELM").isPresent() || Peers.inCi()) {
      helm = Optional.of(HelmRun.template(chart, args));
    }
    return new HelmCase(lib, helm);
  }

  static HelmCase run(String spec, Path dir) throws Exception {
    return run(spec, List.of(), ValuesOptions.defaults(), dir);
  }

  /** The library's JSON per chart path. */
  Map<String, String> libJson() {
    Map<String, String> out = new TreeMap<>();
    lib.values().forEach((k, v) -> out.put(k, GoJson.write(v)));
    return out;
  }

  /** Asserts the library gives exactly what Helm gives (when Helm is installed). */
  HelmCase matchesHelm() {
    helm.ifPresent(
        h -> {
          if (h.exitCode() == 0) {
            assertThat(lib.isComputed()).as("library computes; %s", lib.report().toText()).isTrue();
            assertThat(libJson()).isEqualTo(h.json());
          } else {
            assertThat(lib.isComputed()).as("helm failed: %s", h.stderr()).isFalse();
          }
        });
    return this;
  }

  /** Asserts one chart's JSON (checked by the library, and against Helm when installed). */
  HelmCase expect(String chartPath, String json) {
    helm.ifPresent(
        h ->
            assertThat(h.json().get(chartPath))
                .as("helm for chart '%s'", chartPath)
                .isEqualTo(json));
    assertThat(lib.toJson(chartPath)).as("chart '%s'", chartPath).contains(json);
    return matchesHelm();
  }

  /** The helm stderr, or "" when Helm is not installed. */
  String helmStderr() {
    return helm.map(HelmRun.Result::stderr).orElse("");
  }
}
