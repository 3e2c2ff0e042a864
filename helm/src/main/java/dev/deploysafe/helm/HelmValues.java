package dev.deploysafe.helm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the {@code .Values} Helm v4 gives every chart of a release, quirks included, and where
 * each value came from. This is the front door of the values engine.
 *
 * <pre>{@code
 * ValuesResult r = HelmValues.resolve(Path.of("charts/basehub"),
 *     List.of(ValuesInput.file(Path.of("common.values.yaml"))), ValuesOptions.defaults());
 * if (!r.report().passed()) System.out.println(r.report().toText());
 * Map<String, Object> hub = r.valuesOf("jupyterhub").orElseThrow();
 * System.out.println(r.explain("jupyterhub", List.of("hub", "image", "tag")).toText());
 * }</pre>
 *
 * <p>The pipeline follows {@code helm template}: {@code -f} inputs in order (every YAML document
 * merged with Helm's MergeMaps), then {@code --set}-family flags, then ProcessDependencies
 * (conditions, tags, aliases, import-values) and CoalesceValues (defaults, nulls, globals).
 * Stateless and thread-safe.
 */
public final class HelmValues {
  private HelmValues() {}

  /**
   * Loads a chart from a directory or a {@code .tgz} archive, with its subcharts at any depth.
   * Malformed charts give findings, never exceptions.
   *
   * @throws IOException when the path cannot be read at all
   */
  public static ChartLoad loadChart(Path chart, ValuesOptions options) throws IOException {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(options, "options");
    return ChartLoader.load(chart, options);
  }

  /** Loads a chart from a {@code .tgz} archive held in memory, naming it {@code source}. */
  public static ChartLoad loadChartArchive(byte[] archive, String source, ValuesOptions options) {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    return ChartLoader.fromArchive(archive, source, options);
  }

  /**
   * Loads a chart and computes every enabled chart's values from user files (no flags).
   *
   * @throws IOException when the chart path cannot be read at all
   */
  public static ValuesResult resolve(Path chart, List<ValuesInput> inputs, ValuesOptions options)
      throws IOException {
    ChartLoad load = loadChart(chart, options);
    if (load.chart().isEmpty()) {
      return new ValuesResult(
          Optional.empty(), Map.of(), List.of(), load.report(), Provenance.empty());
    }
    ValuesResult r = resolve(load.chart().get(), inputs, options);
    return new ValuesResult(
        r.chart(), r.values(), r.disabled(), load.report().and(r.report()), r.provenance());
  }

  /** Computes every enabled chart's values for a loaded chart from user files (no flags). */
  public static ValuesResult resolve(Chart chart, List<ValuesInput> inputs, ValuesOptions options) {
    return resolve(chart, inputs, FlagApplier.none(), options);
  }

  /**
   * Loads a chart and computes every enabled chart's values from user files and {@code
   * --set}-family flags, applied as Helm does: files in order, then the flags in Helm's fixed
   * family order whatever their order in {@code flags} ({@code --set-json}, {@code --set}, {@code
   * --set-string}, {@code --set-file}, {@code --set-literal}; by {@link SetFlag#index()} within a
   * family).
   *
   * @param files reads {@code --set-file} paths (and {@code -} for stdin)
   * @throws IOException when the chart path cannot be read at all
   */
  public static ValuesResult resolve(
      Path chart,
      List<ValuesInput> inputs,
      List<SetFlag> flags,
      SetFileReader files,
      ValuesOptions options)
      throws IOException {
    ChartLoad load = loadChart(chart, options);
    if (load.chart().isEmpty()) {
      return new ValuesResult(
          Optional.empty(), Map.of(), List.of(), load.report(), Provenance.empty());
    }
    ValuesResult r = resolve(load.chart().get(), inputs, flags, files, options);
    return new ValuesResult(
        r.chart(), r.values(), r.disabled(), load.report().and(r.report()), r.provenance());
  }

  /** Computes values for a loaded chart from user files and {@code --set}-family flags. */
  public static ValuesResult resolve(
      Chart chart,
      List<ValuesInput> inputs,
      List<SetFlag> flags,
      SetFileReader files,
      ValuesOptions options) {
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(files, "files");
    return resolve(chart, inputs, new SetFlagApplier(flags, files), options);
  }

  /** Computes values with {@code --set}-family flags applied by {@code flags} after the files. */
  static ValuesResult resolve(
      Chart chart, List<ValuesInput> inputs, FlagApplier flags, ValuesOptions options) {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(options, "options");
    return ValuesPipeline.run(chart, List.copyOf(inputs), flags, options);
  }
}
