package dev.deploysafe.helm;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Severity;
import dev.deploysafe.core.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs Helm's values pipeline for {@code helm template/install}: user files merged with MergeMaps,
 * then flags, then the dependency check, ProcessDependencies and CoalesceValues, collecting Helm's
 * warnings as findings located at the user's own line where possible.
 */
final class ValuesPipeline {
  private final Chart chart;
  private final ValuesOptions options;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> warned = new LinkedHashSet<>();
  private final List<Provenance.Layer> layers = new ArrayList<>();

  private ValuesPipeline(Chart chart, ValuesOptions options) {
    this.chart = chart;
    this.options = options;
  }

  static ValuesResult run(
      Chart chart, List<ValuesInput> inputs, FlagApplier flags, ValuesOptions options) {
    try {
      return new ValuesPipeline(chart, options).run(inputs, flags);
    } catch (StackOverflowError | InternalError e) {
      // Overflowing while a lambda or class links arrives as InternalError.
      if (e instanceof InternalError && !(e.getCause() instanceof StackOverflowError)) {
        throw e;
      }
      // Helm's Go stacks grow to 1 GB; a Java thread's do not. Fail closed with a clear finding.
      return tooDeep(chart);
    }
  }

  /** The result for values nested deeper than the calling thread's stack can walk. */
  static ValuesResult tooDeep(Chart chart) {
    return new ValuesResult(
        Optional.of(chart),
        Map.of(),
        List.of(),
        Report.of(
            List.of(
                Finding.error(
                        "values.too-deep",
                        Location.none(),
                        "the values nest too deeply to compute on this thread's stack")
                    .withHint(
                        "Helm accepts up to 10,000 levels; run on a thread with a larger stack"
                            + " (the deploysafe CLI uses 1 GiB) or flatten the values"))),
        Provenance.empty());
  }

  private ValuesResult failed() {
    return new ValuesResult(
        Optional.of(chart), Map.of(), List.of(), Report.of(findings), Provenance.empty());
  }

  private ValuesResult run(List<ValuesInput> inputs, FlagApplier flags) {
    // 1. -f files in order, each document merged with MergeMaps.
    Map<String, Object> user = new LinkedHashMap<>();
    for (ValuesInput in : inputs) {
      ValuesFiles.Read r = ValuesFiles.read(in.rawBytes(), in.name(), options.yamlLimits());
      findings.addAll(r.findings());
      if (r.values() == null) {
        findings.add(
            Finding.error(
                "values.file.invalid", Location.file(in.name()), "failed to parse " + in.name()));
        return failed();
      }
      for (YamlDocument d : r.documents()) {
        if (d.value() instanceof Map) {
          layers.add(new Provenance.Layer(d, Trees.asTable(d.value()), null));
        }
      }
      user = ValuesFiles.mergeMaps(user, r.values());
    }
    // 2. --set family, in the applier's (Helm's fixed) order.
    List<FlagApplier.Flag> fl = flags.flags();
    for (int i = 0; i < fl.size(); i++) {
      try {
        flags.applyInto(i, user);
        Map<String, Object> alone = new LinkedHashMap<>();
        flags.applyInto(i, alone);
        layers.add(new Provenance.Layer(null, alone, fl.get(i)));
      } catch (IllegalArgumentException e) {
        findings.add(
            Finding.error("values.flag.invalid", Location.none(), String.valueOf(e.getMessage()))
                .withEvidence("flag", "--" + fl.get(i).family() + " " + fl.get(i).text()));
        return failed();
      }
    }
    // 3. Dependencies declared but not vendored.
    if (!checkDependencies(chart, "", true)) {
      return failed();
    }
    // 4. ProcessDependencies, then CoalesceValues.
    Coalescer.Warnings sink = this::log;
    Coalescer coalescer = new Coalescer(options.compat(), sink);
    Dependencies deps = new Dependencies(coalescer, sink);
    WorkChart top = WorkChart.of(chart);
    Map<String, Object> finalValues;
    try {
      deps.process(top, user);
      finalValues = coalescer.coalesceValues(top, user);
    } catch (Coalescer.CoalesceException e) {
      findings.add(
          Finding.error(
                  "values.subchart.type-mismatch",
                  userLocation(List.of(e.subchart)),
                  e.getMessage())
              .withHint("the key " + e.subchart + " names a subchart, so its value must be a map"));
      return failed();
    }
    // 5. Scope values per enabled chart as the template engine does (vals.Table(name)).
    Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    Map<String, Chart> charts = new LinkedHashMap<>();
    collect(top, finalValues, values, charts, List.of());
    List<DisabledChart> disabled = new ArrayList<>();
    for (Dependencies.Disabled d : deps.disabled) {
      disabled.add(new DisabledChart(d.chartPath(), d.chartName(), d.reason()));
      List<String> p = List.of(d.chartPath().split("/"));
      if (Trees.lookup(user, p).isPresent()) {
        findings.add(
            Finding.info(
                "values.subchart.disabled",
                userLocation(p).withChart(d.chartPath()),
                "values for the disabled subchart "
                    + d.chartPath()
                    + " are not used ("
                    + d.reason()
                    + ")"));
      }
    }
    return new ValuesResult(
        Optional.of(chart),
        values,
        disabled,
        Report.of(findings),
        new Provenance(charts, layers, values));
  }

  /**
   * Scopes values per chart the way Helm's engine does: a depth-first walk in dependency order,
   * each chart reading {@code Values.<name>} of its walk parent, each stored under its
   * ChartFullPath (parent pointers); a later chart with the same full path replaces an earlier one,
   * as its templates do in Helm's template map.
   */
  private void collect(
      WorkChart c,
      Map<String, Object> vals,
      Map<String, Map<String, Object>> out,
      Map<String, Chart> charts,
      List<String> userPath) {
    String path = c.fullPath();
    out.remove(path);
    out.put(path, Trees.freeze(vals));
    charts.put(path, c.origin);
    Set<String> names = new LinkedHashSet<>();
    for (WorkChart d : c.deps) {
      names.add(d.name());
    }
    for (WorkChart d : c.deps) {
      if (!d.name().equals(d.origin.name()) && !names.contains(d.origin.name())) {
        List<String> orig = new ArrayList<>(userPath);
        orig.add(d.origin.name());
        if (layers.stream().anyMatch(l -> Trees.lookup(l.values(), orig).isPresent())) {
          findings.add(
              Finding.warning(
                      "values.alias.original-name",
                      userLocation(orig),
                      "values under "
                          + Location.dotted(orig)
                          + " are ignored: the chart "
                          + d.origin.name()
                          + " is aliased as "
                          + d.name())
                  .withSuggestions(
                      List.of(
                          Location.dotted(userPath) + (userPath.isEmpty() ? "" : ".") + d.name())));
        }
      }
      Object sub = vals.get(d.name());
      Map<String, Object> subVals =
          sub instanceof Map ? Trees.asTable(sub) : new LinkedHashMap<String, Object>();
      List<String> up = new ArrayList<>(userPath);
      up.add(d.name());
      collect(d, subVals, out, charts, up);
    }
  }

  private boolean checkDependencies(Chart c, String path, boolean top) {
    List<String> missing = new ArrayList<>();
    for (ChartDependency d : c.dependencies()) {
      if (c.subchart(d.name()).isEmpty()) {
        missing.add(d.name());
      }
    }
    boolean ok = true;
    if (!missing.isEmpty()) {
      if (top && options.mode() == ChartMode.RENDER) {
        findings.add(
            Finding.error(
                    "chart.dependency.missing",
                    Location.file(c.source() + "/Chart.yaml").withChart(path),
                    "found in Chart.yaml, but missing in charts/ directory: "
                        + String.join(", ", missing))
                .withHint("run `helm dependency build` to fetch missing dependencies"));
        ok = false;
      } else {
        for (String m : missing) {
          findings.add(
              Finding.info(
                  "chart.dependency.opaque",
                  Location.file(c.source() + "/Chart.yaml").withChart(path),
                  "dependency "
                      + m
                      + " is not in charts/: its values are not computed (treated as opaque)"));
        }
      }
    }
    for (Chart s : c.subcharts()) {
      ok &= checkDependencies(s, path.isEmpty() ? s.name() : path + "/" + s.name(), false);
    }
    return ok;
  }

  private void log(String code, String level, String msg, List<String> attrs, String dottedPath) {
    StringBuilder line =
        new StringBuilder("level=").append(level).append(" msg=").append(slog(msg));
    StringBuilder text = new StringBuilder(msg);
    for (int i = 0; i + 1 < attrs.size(); i += 2) {
      line.append(' ').append(attrs.get(i)).append('=').append(slog(attrs.get(i + 1)));
      text.append(i == 0 ? ": " : ", ").append(attrs.get(i)).append(' ').append(attrs.get(i + 1));
    }
    if (!warned.add(line.toString())) {
      return;
    }
    List<String> p = new ArrayList<>(List.of(dottedPath.split("\\.", -1)));
    if (!p.isEmpty() && p.get(0).equals(chart.name()) && p.size() > 1) {
      p.remove(0);
    }
    findings.add(
        Finding.of(code, Severity.WARNING, userLocation(p), text.toString())
            .withEvidence("helm-log", line.toString()));
  }

  /** Quotes a value the way Go's slog text handler does (strconv.Quote when needed). */
  static String slog(String s) {
    boolean quote = s.isEmpty();
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = Character.isWhitespace(c) || c == '"' || c == '=' || c < 0x20 || c == 0x7f;
    }
    if (!quote) {
      return s;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private Location userLocation(List<String> path) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Provenance.Layer l = layers.get(i);
      if (Trees.lookup(l.values(), path).isPresent()) {
        ValueOrigin o = l.origin(path);
        if (o.kind() == ValueOrigin.Kind.FLAG) {
          return Location.none().withKey(path);
        }
        return o.location();
      }
    }
    return Location.none().withKey(path);
  }
}
