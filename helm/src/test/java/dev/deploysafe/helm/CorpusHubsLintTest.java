package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lints every 2i2c hub of the corpus with its real values-file order: unused and misnested keys
 * over the basehub/daskhub tree (z2jh vendored as {@code jupyterhub}, other dependencies opaque),
 * and z2jh's schema over the z2jh-scoped values (defaults coalesced naively: chart defaults, then
 * basehub's {@code jupyterhub:} overrides, then the user files). The corpus has no templates, so
 * readers come from defaults and schemas.
 */
class CorpusHubsLintTest {

  /**
   * Real mistakes in the corpus, each confirmed with Helm (docs/lint-vs-helm-lint.md): leap/prod
   * (daskhub) sets {@code dask-gateway:} at the top level, where daskhub ignores it; {@code helm
   * template} renders the scheduler memory request from daskhub-common (4G), not prod's 2G.
   */
  private static final Map<String, List<String>> KNOWN_MISTAKES =
      Map.of("leap/prod", List.of("dask-gateway"));

  /**
   * temple/prod configures {@code binderhub-service} (disabled by default in basehub, and the hub's
   * files never enable it), so Helm ignores those values; a WARNING, since it may be deliberate.
   */
  private static final Map<String, List<String>> KNOWN_WARNINGS =
      Map.of("temple/prod", List.of("binderhub-service"));

  static Stream<Arguments> hubs() throws IOException {
    JsonNode hubs = new ObjectMapper().readTree(SharedCorpus.corpus("2i2c/hubs.json").toFile());
    List<Arguments> out = new ArrayList<>();
    for (JsonNode h : hubs) {
      List<String> files = new ArrayList<>();
      for (JsonNode f : h.path("helm_values_files_in_order")) {
        if (f.path("included").asBoolean()) {
          files.add(f.path("file").asText());
        }
      }
      out.add(
          Arguments.of(
              h.path("cluster").asText() + "/" + h.path("hub").asText(),
              h.path("helm_chart").asText(),
              files));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("hubs")
  void hubHasNoUnusedKeyErrors(String hub, String chart, List<String> files) throws IOException {
    List<Path> paths = new ArrayList<>();
    Map<String, Object> user = new LinkedHashMap<>();
    for (String f : files) {
      Path p = SharedCorpus.corpus("2i2c/" + f);
      paths.add(p);
      merge(user, CorpusCharts.read(p));
    }
    ChartKeys top =
        chart.equals("daskhub") ? CorpusCharts.daskhub(user) : CorpusCharts.basehub("", user);
    Report r = UnusedKeys.check(top, user, YamlOrigins.of(paths));
    List<String> errors = r.errors().stream().map(f -> f.location().keyPath()).toList();
    assertThat(errors)
        .as("%s:%n%s", hub, r.toText())
        .isEqualTo(KNOWN_MISTAKES.getOrDefault(hub, List.of()));
    List<String> warnings = r.warnings().stream().map(f -> f.location().keyPath()).toList();
    assertThat(warnings)
        .as("%s:%n%s", hub, r.toText())
        .isEqualTo(KNOWN_WARNINGS.getOrDefault(hub, List.of()));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("hubs")
  void hubPassesZ2jhSchema(String hub, String chart, List<String> files) throws IOException {
    Map<String, Object> z2jh = new LinkedHashMap<>(read("z2jh/4.3.3/values.yaml"));
    merge(z2jh, sub(read("2i2c/helm-charts/basehub/values.yaml"), "jupyterhub"));
    for (String f : files) {
      Map<String, Object> values = CorpusCharts.read(SharedCorpus.corpus("2i2c/" + f));
      Map<String, Object> scoped =
          chart.equals("daskhub")
              ? sub(sub(values, "basehub"), "jupyterhub")
              : sub(values, "jupyterhub");
      merge(z2jh, scoped);
    }
    Report r =
        ValuesSchema.load(SharedCorpus.corpus("z2jh/4.3.3/values.schema.json")).validate(z2jh);
    List<Finding> errors = r.errors();
    assertThat(errors).as("%s:%n%s", hub, r.toText()).isEmpty();
  }

  private static Map<String, Object> read(String corpusPath) throws IOException {
    return CorpusCharts.read(SharedCorpus.corpus(corpusPath));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
  }

  /** Deep-merges {@code over} into {@code base}: maps merge, everything else replaces. */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> base, Map<String, Object> over) {
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object old = base.get(e.getKey());
      if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) om);
        merge(copy, (Map<String, Object>) nm);
        base.put(e.getKey(), copy);
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
  }
}
