package dev.deploysafe.helm;

import dev.deploysafe.core.YamlLimits;
import java.util.Objects;

/**
 * Configures how values are computed: which Helm rules to follow, what to do with missing
 * dependencies, and what reading charts and values files may cost.
 *
 * <p>Immutable and thread-safe.
 *
 * @param compat the Helm release whose rules to follow
 * @param mode render (missing dependencies are errors) or analysis (they are opaque)
 * @param yamlLimits limits for every YAML file read (Chart.yaml, values files)
 * @param maxChartBytes the most bytes a chart (all its files, uncompressed) may hold
 * @param maxArchiveEntries the most entries a chart archive may hold
 * @param maxChartDepth the deepest nesting of subcharts accepted
 */
public record ValuesOptions(
    HelmCompat compat,
    ChartMode mode,
    YamlLimits yamlLimits,
    long maxChartBytes,
    int maxArchiveEntries,
    int maxChartDepth) {

  /** Checks the parts. */
  public ValuesOptions {
    Objects.requireNonNull(compat, "compat");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(yamlLimits, "yamlLimits");
    if (maxChartBytes <= 0 || maxArchiveEntries <= 0 || maxChartDepth <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /**
   * Returns the defaults: Helm v4.1 rules, render mode, default YAML limits, 100 MiB a chart
   * (Helm's own limit), 10,000 archive entries, 20 levels of subcharts.
   */
  public static ValuesOptions defaults() {
    return new ValuesOptions(
        HelmCompat.V4_1, ChartMode.RENDER, YamlLimits.defaults(), 100L << 20, 10_000, 20);
  }

  /** Returns a copy following another Helm release's rules. */
  public ValuesOptions withCompat(HelmCompat value) {
    return new ValuesOptions(
        value, mode, yamlLimits, maxChartBytes, maxArchiveEntries, maxChartDepth);
  }

  /** Returns a copy with another missing-dependency mode. */
  public ValuesOptions withMode(ChartMode value) {
    return new ValuesOptions(
        compat, value, yamlLimits, maxChartBytes, maxArchiveEntries, maxChartDepth);
  }

  /** Returns a copy with other YAML limits. */
  public ValuesOptions withYamlLimits(YamlLimits value) {
    return new ValuesOptions(compat, mode, value, maxChartBytes, maxArchiveEntries, maxChartDepth);
  }

  /** Returns a copy with another chart size limit. */
  public ValuesOptions withMaxChartBytes(long value) {
    return new ValuesOptions(compat, mode, yamlLimits, value, maxArchiveEntries, maxChartDepth);
  }

  /** Returns a copy with another archive entry limit. */
  public ValuesOptions withMaxArchiveEntries(int value) {
    return new ValuesOptions(compat, mode, yamlLimits, maxChartBytes, value, maxChartDepth);
  }

  /** Returns a copy with another subchart nesting limit. */
  public ValuesOptions withMaxChartDepth(int value) {
    return new ValuesOptions(compat, mode, yamlLimits, maxChartBytes, maxArchiveEntries, value);
  }
}
