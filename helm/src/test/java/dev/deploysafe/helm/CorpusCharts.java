package dev.deploysafe.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deploysafe.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link ChartKeys} trees from the shared corpus the way the values engine will: basehub
 * with z2jh 4.3.3 as its {@code jupyterhub} dependency and its other dependencies opaque (declared,
 * not vendored), and daskhub wrapping basehub. The corpus has no templates, so readers come from
 * defaults and schemas only.
 */
final class CorpusCharts {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CorpusCharts() {}

  static ChartKeys z2jh(String chartPath) throws IOException {
    Path dir = SharedCorpus.corpus("z2jh/4.3.3");
    return ChartKeys.sub(chartPath, "jupyterhub", reader(dir, chartPath), List.of());
  }

  static ChartKeys basehub(String chartPath) throws IOException {
    return basehub(chartPath, Map.of());
  }

  /**
   * Returns basehub with each condition {@code <dep>.enabled} evaluated as Helm does, against the
   * coalesced values: the user's basehub-scoped value when it is a bool, else basehub's default.
   */
  static ChartKeys basehub(String chartPath, Map<String, Object> userScoped) throws IOException {
    Path dir = SharedCorpus.corpus("2i2c/helm-charts/basehub");
    Map<String, Object> defaults = read(dir.resolve("values.yaml"));
    String sub = chartPath.isEmpty() ? "" : chartPath + "/";
    List<ChartKeys> children = new ArrayList<>();
    children.add(z2jh(sub + "jupyterhub"));
    for (String dep :
        List.of(
            "binderhub-service",
            "dask-gateway",
            "jupyterhub-home-nfs",
            "jupyterhub-groups-exporter")) {
      ChartKeys c =
          ChartKeys.sub(
              sub + dep, dep, KeyReader.opaque("chart " + dep + " is not vendored"), List.of());
      Object cfg = defaults.get(dep);
      boolean on = cfg instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("enabled"));
      if (userScoped.get(dep) instanceof Map<?, ?> u && u.get("enabled") instanceof Boolean b) {
        on = b;
      }
      children.add(on ? c : c.disabled("condition " + dep + ".enabled is false"));
    }
    return new ChartKeys(
        chartPath,
        "basehub",
        java.util.Optional.empty(),
        true,
        "",
        reader(dir, chartPath),
        children);
  }

  static ChartKeys daskhub() throws IOException {
    return daskhub(Map.of());
  }

  /** Returns daskhub → basehub, with basehub's conditions evaluated over {@code user}. */
  @SuppressWarnings("unchecked")
  static ChartKeys daskhub(Map<String, Object> user) throws IOException {
    Object scoped = user.get("basehub");
    Map<String, Object> b = scoped instanceof Map<?, ?> ? (Map<String, Object>) scoped : Map.of();
    return ChartKeys.top("daskhub", KeyReader.ofPaths(List.of()), List.of(basehub("basehub", b)));
  }

  private static KeyReader reader(Path dir, String chartPath) throws IOException {
    return KeyReader.union(
        List.of(
            DefaultKeys.of(read(dir.resolve("values.yaml")), dir.resolve("values.yaml").toString()),
            SchemaKeys.of(
                ValuesSchema.load(
                    dir.resolve("values.schema.json"),
                    SchemaOptions.defaults().withChartPath(chartPath)))));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Path file) throws IOException {
    Map<String, Object> m = YAML.readValue(file.toFile(), Map.class);
    return m == null ? Map.of() : m;
  }
}
