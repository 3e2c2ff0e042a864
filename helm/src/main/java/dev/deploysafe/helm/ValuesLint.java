package dev.deploysafe.helm;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lints a chart's values the way Helm will use them: validates every enabled chart against its own
 * {@code values.schema.json} with Helm's scoping (the top chart against all values, each subchart
 * against its scoped values including globals), and finds every key the user supplied that no chart
 * reads — the silent mistake of incident 1 — with ranked suggestions of where it belongs. Findings
 * point at the user's own file and line.
 *
 * <pre>{@code
 * LintResult r = ValuesLint.lint(Path.of("charts/hub"),
 *     List.of(ValuesInput.file(Path.of("prod.yaml"))), List.of(), SetFileReader.none(),
 *     ValuesOptions.defaults());
 * System.out.println(r.report().toText());
 * }</pre>
 *
 * <p>Dependencies declared but not vendored are analysed as opaque (their keys count as read), so
 * lint works on charts before {@code helm dependency build}. Stateless and thread-safe.
 */
public final class ValuesLint {

  private ValuesLint() {}

  /**
   * Loads the chart, computes the values Helm would compute (in analysis mode) and lints them.
   *
   * @throws IOException when the chart path cannot be read at all
   */
  public static LintResult lint(
      Path chart,
      List<ValuesInput> inputs,
      List<SetFlag> flags,
      SetFileReader files,
      ValuesOptions options)
      throws IOException {
    Objects.requireNonNull(chart, "chart");
    ValuesResult r =
        HelmValues.resolve(chart, inputs, flags, files, options.withMode(ChartMode.ANALYSIS));
    return lint(r);
  }

  /** Lints an already computed values result (computed in {@link ChartMode#ANALYSIS} mode). */
  public static LintResult lint(ValuesResult r) {
    Objects.requireNonNull(r, "r");
    if (r.chart().isEmpty() || !r.isComputed()) {
      return new LintResult(r, r.report());
    }
    try {
      return lintComputed(r);
    } catch (StackOverflowError | InternalError e) {
      // Overflowing while a lambda or class links arrives as InternalError.
      if (e instanceof InternalError && !(e.getCause() instanceof StackOverflowError)) {
        throw e;
      }
      ValuesResult deep = ValuesPipeline.tooDeep(r.chart().get());
      return new LintResult(deep, deep.report());
    }
  }

  private static LintResult lintComputed(ValuesResult r) {
    Chart top = r.chart().get();
    Map<String, Chart> byPath = new LinkedHashMap<>();
    List<Finding> notes = new ArrayList<>();
    ChartKeys tree = node(top, "", Optional.empty(), r, byPath, notes, true);
    Report schema = schemas(r, byPath);
    Map<String, Object> user = r.provenance().userValues();
    Report unused = UnusedKeys.check(tree, user, path -> r.provenance().userOrigin(path));
    Report lint = UnusedKeys.fold(tree, schema, unused);
    return new LintResult(r, withoutChartYamlNotes(r.report(), byPath)).and(notes, lint);
  }

  /**
   * Drops YAML style notes (warnings and infos such as {@code yaml.number-form}) about the charts'
   * own files: they are the chart authors' business, not the deployer's. Errors stay.
   */
  private static Report withoutChartYamlNotes(Report report, Map<String, Chart> charts) {
    return report.filter(
        f -> {
          if (f.isError() || !f.code().startsWith("yaml.")) {
            return true;
          }
          for (Chart c : charts.values()) {
            if (f.location().file().startsWith(c.source())) {
              return false;
            }
          }
          return true;
        });
  }

  private static ChartKeys node(
      Chart c,
      String path,
      Optional<String> alias,
      ValuesResult r,
      Map<String, Chart> byPath,
      List<Finding> notes,
      boolean top) {
    byPath.put(path, c);
    List<ChartKeys> children = new ArrayList<>();
    Set<String> vendoredUsed = new HashSet<>();
    for (ChartDependency d : c.dependencies()) {
      String key = d.alias().isEmpty() ? d.name() : d.alias();
      String childPath = path.isEmpty() ? key : path + "/" + key;
      Optional<Chart> sub = c.subchart(d.name());
      ChartKeys child;
      if (sub.isEmpty()) {
        child =
            ChartKeys.sub(
                childPath,
                d.name(),
                KeyReader.opaque(
                    "dependency " + d.name() + " is declared but not vendored under charts/"),
                List.of());
      } else {
        vendoredUsed.add(d.name());
        child = node(sub.get(), childPath, Optional.of(key), r, byPath, notes, false);
      }
      if (!d.alias().isEmpty()) {
        child = child.withAlias(d.alias());
      }
      Optional<DisabledChart> off = disabled(r, childPath);
      if (off.isPresent()) {
        child = child.disabled(off.get().reason());
      }
      children.add(child);
    }
    for (Chart sub : c.subcharts()) {
      if (!vendoredUsed.contains(sub.name())) {
        String childPath = path.isEmpty() ? sub.name() : path + "/" + sub.name();
        children.add(node(sub, childPath, Optional.empty(), r, byPath, notes, false));
      }
    }
    KeyReader reader = reader(c, path, notes, top);
    return top
        ? ChartKeys.top(c.name(), reader, children)
        : ChartKeys.sub(path, c.name(), reader, children);
  }

  private static Optional<DisabledChart> disabled(ValuesResult r, String chartPath) {
    for (DisabledChart d : r.disabled()) {
      if (d.chartPath().equals(chartPath)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static KeyReader reader(Chart c, String path, List<Finding> notes, boolean top) {
    List<KeyReader> readers = new ArrayList<>();
    if (!c.values().isEmpty()) {
      // An empty map below a key means "free-form" to DefaultKeys; an empty values.yaml at the
      // root means only that the chart has no defaults.
      readers.add(DefaultKeys.of(c.values(), c.source() + "/values.yaml"));
    }
    if (c.hasSchema()) {
      readers.add(SchemaKeys.of(schemaOf(c, path)));
    }
    if (!c.templates().isEmpty()) {
      // From the loaded chart, so templates inside packaged (.tgz) subcharts count too.
      readers.add(TemplateReferences.scanAll(c.templateSources()));
    } else if (!c.hasSchema() && !top) {
      return KeyReader.opaque(
          "chart " + c.name() + " has neither templates nor a schema; cannot tell what it reads");
    }
    List<List<String>> imports = new ArrayList<>();
    for (ChartDependency d : c.dependencies()) {
      for (ImportValue iv : d.importValues()) {
        if (!iv.parent().equals(".")) {
          imports.add(List.of(iv.parent().split("\\.")));
        } else {
          c.subchart(d.name())
              .map(sub -> importedKeys(sub, iv))
              .ifPresent(keys -> keys.forEach(k -> imports.add(List.of(k))));
        }
      }
    }
    readers.add(KeyReader.ofPaths(imports));
    return KeyReader.union(readers);
  }

  private static List<String> importedKeys(Chart child, ImportValue iv) {
    Object table =
        iv.stringForm()
            ? child.exports().get(iv.child())
            : Trees.lookup(child.values(), List.of(iv.child().split("\\.")))
                .map(Trees.Lookup::value)
                .orElse(null);
    List<String> keys = new ArrayList<>();
    if (table instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) {
        keys.add(String.valueOf(k));
      }
    }
    return keys;
  }

  private static ValuesSchema schemaOf(Chart c, String path) {
    String file = c.schemaFile().orElse(c.source() + "/values.schema.json");
    return ValuesSchema.parse(
        new String(c.schema(), StandardCharsets.UTF_8),
        file,
        SchemaOptions.defaults().withChartPath(path));
  }

  /**
   * Validates each enabled chart with a schema, top first, as Helm's ValidateAgainstSchema does.
   */
  private static Report schemas(ValuesResult r, Map<String, Chart> byPath) {
    List<Report> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : r.values().entrySet()) {
      Chart c = byPath.get(e.getKey());
      if (c == null || !c.hasSchema()) {
        continue;
      }
      String chartPath = e.getKey();
      ValueOrigins origins =
          keyPath -> r.explain(chartPath, keyPath).winner().map(Contribution::origin);
      out.add(schemaOf(c, chartPath).validate(e.getValue(), origins));
    }
    return Report.merge(out);
  }
}
