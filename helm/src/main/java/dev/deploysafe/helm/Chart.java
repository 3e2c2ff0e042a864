package dev.deploysafe.helm;

import dev.deploysafe.core.YamlDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds one loaded Helm chart with its vendored subcharts: the {@code Chart.yaml} metadata, the
 * default values (every document of {@code values.yaml} merged as Helm merges them), the raw {@code
 * values.schema.json}, the template file names, and the charts found under {@code charts/}.
 *
 * <p>Values are JDK types only ({@code Map}, {@code List}, {@code String}, {@code Double}, {@code
 * Boolean}, {@code null}) and unmodifiable. Immutable and thread-safe.
 *
 * @param name the chart name from {@code Chart.yaml}
 * @param version the chart version
 * @param appVersion the app version, or {@code ""}
 * @param type the chart type ({@code application} when not written)
 * @param apiVersion {@code v1} or {@code v2}
 * @param dependencies the declared dependencies in order
 * @param values the default values (unmodifiable)
 * @param source where the chart was read from: a directory, an archive, or {@code
 *     parent/charts/x.tgz}
 * @param valuesDocuments the documents of {@code values.yaml}, for positions of defaults
 * @param schemaFile the name of {@code values.schema.json} when present
 * @param schema the bytes of {@code values.schema.json}, empty when absent
 * @param templates the template file names ({@code templates/...}) in sorted order
 * @param subcharts the charts found under {@code charts/} (directories and archives)
 * @param templateSources the text of each template file by name (UTF-8), for analysis such as which
 *     values keys the templates read; the same for directories and archives
 */
public record Chart(
    String name,
    String version,
    String appVersion,
    String type,
    String apiVersion,
    List<ChartDependency> dependencies,
    Map<String, Object> values,
    String source,
    List<YamlDocument> valuesDocuments,
    Optional<String> schemaFile,
    byte[] schema,
    List<String> templates,
    List<Chart> subcharts,
    Map<String, String> templateSources) {

  /** Checks the parts and copies the collections. */
  public Chart {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(appVersion, "appVersion");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(apiVersion, "apiVersion");
    dependencies = List.copyOf(dependencies);
    values = Trees.freeze(values);
    Objects.requireNonNull(source, "source");
    valuesDocuments = List.copyOf(valuesDocuments);
    Objects.requireNonNull(schemaFile, "schemaFile");
    schema = schema.clone();
    templates = List.copyOf(templates);
    subcharts = List.copyOf(subcharts);
    templateSources =
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(templateSources));
  }

  /**
   * Returns a copy of the schema bytes (empty when the chart has no {@code values.schema.json}).
   */
  @Override
  public byte[] schema() {
    return schema.clone();
  }

  /** Tells whether the chart ships a {@code values.schema.json}. */
  public boolean hasSchema() {
    return schemaFile.isPresent();
  }

  /**
   * Returns the chart's {@code exports} table from its default values (what the string form of
   * {@code import-values} reads), empty when there is none.
   */
  public Map<String, Object> exports() {
    return values.get("exports") instanceof Map<?, ?>
        ? Trees.asTable(values.get("exports"))
        : Map.of();
  }

  /** Returns the vendored subchart with a chart name, if any. */
  public Optional<Chart> subchart(String chartName) {
    return subcharts.stream().filter(c -> c.name().equals(chartName)).findFirst();
  }

  /** Returns every chart in the tree, this one first, depth first. */
  public List<Chart> flatten() {
    List<Chart> out = new ArrayList<>();
    out.add(this);
    for (Chart c : subcharts) {
      out.addAll(c.flatten());
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Chart["
        + name
        + " "
        + version
        + " from "
        + source
        + ", "
        + subcharts.size()
        + " subcharts]";
  }
}
