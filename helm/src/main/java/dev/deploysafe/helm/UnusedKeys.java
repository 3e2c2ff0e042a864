package dev.deploysafe.helm;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds user-supplied keys that no chart of a dependency tree reads, and explains each with ranked
 * {@link KeySuggestions}. Walks the user's values (not the coalesced ones) from the top: a key that
 * names an enabled subchart descends into that chart's scope; {@code global} (any level) and {@code
 * tags} (top) are always read; otherwise the chart's {@link KeyReader} decides. It reports the
 * shallowest unread key only (one finding for a whole misplaced map), and does not descend below
 * free-form or dynamically read keys, or into lists.
 *
 * <p>A disabled subchart's {@code enabled} key is the usual condition and counts as read; the
 * integrator should extend this to the dependency's real condition paths.
 *
 * <p>Codes: {@code values.key.unused} (ERROR, or WARNING when a template's dynamic lookup may read
 * it, naming the template line) and {@code values.key.disabled-subchart} (WARNING: Helm ignores
 * values of a disabled subchart, which is often deliberate).
 *
 * <p>Not API: the lint front door wires it to the values engine. Stateless and thread-safe.
 */
final class UnusedKeys {

  private UnusedKeys() {}

  /**
   * Checks the user's values against a chart tree.
   *
   * @param top the chart tree (see {@link ChartKeys} for how to populate it)
   * @param userValues the user-supplied values merged over all {@code -f} files and flags, before
   *     chart defaults are coalesced in
   * @param origins where each user key path came from (paths from the top values root)
   */
  static Report check(ChartKeys top, Map<String, ?> userValues, ValueOrigins origins) {
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(userValues, "userValues");
    Objects.requireNonNull(origins, "origins");
    List<Finding> out = new ArrayList<>();
    walk(top, top, List.of(), List.of(), userValues, origins, out);
    return Report.ofCheck("values.key", out);
  }

  /**
   * Folds schema findings that report the same unknown key as an unused-key finding into that
   * finding, so a misplaced key is one finding at the user's line (with suggestions) instead of
   * two. Schema findings carry key paths relative to their chart; {@code top} gives each chart's
   * values prefix. The folded finding keeps the schema's words as evidence {@code schema}.
   */
  static Report fold(ChartKeys top, Report schema, Report unused) {
    Map<String, List<String>> prefixes = new java.util.HashMap<>();
    for (ChartKeys.Placed p : top.flatten()) {
      prefixes.put(p.chart().chartPath(), p.prefix());
    }
    Map<String, Finding> bySchemaPointer = new java.util.LinkedHashMap<>();
    List<Finding> others = new ArrayList<>();
    for (Finding f : schema.findings()) {
      boolean extraKey =
          f.code().equals("values.schema.additional-property")
              || f.code().equals("values.schema.unevaluated-property");
      List<String> prefix = prefixes.get(f.location().chart());
      if (extraKey && prefix != null) {
        bySchemaPointer.put(Location.pointer(prefix) + f.location().pointer(), f);
      } else {
        others.add(f);
      }
    }
    List<Finding> out = new ArrayList<>(others);
    for (Finding u : unused.findings()) {
      Finding s = bySchemaPointer.remove(u.location().pointer());
      out.add(s == null ? u : u.withEvidence("schema", s.code() + ": " + s.message()));
    }
    out.addAll(bySchemaPointer.values());
    List<String> checks = new ArrayList<>(schema.checks());
    checks.addAll(unused.checks());
    return new Report(out, checks);
  }

  private static void walk(
      ChartKeys top,
      ChartKeys chart,
      List<String> chartPrefix,
      List<String> rel,
      Map<?, ?> map,
      ValueOrigins origins,
      List<Finding> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      List<String> relPath = append(rel, key);
      List<String> full = concat(chartPrefix, relPath);
      if (rel.isEmpty()) {
        if (key.equals("global") || (key.equals("tags") && chartPrefix.isEmpty())) {
          continue;
        }
        Optional<ChartKeys> sub =
            chart.children().stream().filter(c -> c.valuesKey().equals(key)).findFirst();
        if (sub.isPresent()) {
          ChartKeys c = sub.get();
          if (!c.enabled()) {
            // the condition itself (by convention `<name>.enabled`) is read by the parent
            if (!(value instanceof Map<?, ?> m
                && m.keySet().stream().allMatch("enabled"::equals))) {
              out.add(disabled(top, c, full, origins));
            }
          } else if (value instanceof Map<?, ?> m) {
            walk(top, c, full, List.of(), m, origins, out);
          }
          continue;
        }
      }
      KeyVerdict v = chart.reader().verdict(relPath);
      switch (v.use()) {
        case NAMED -> {
          if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            walk(top, chart, chartPrefix, relPath, m, origins, out);
          }
        }
        case FREE_FORM -> {}
        case DYNAMIC -> out.add(unused(top, chart, full, Severity.WARNING, v.reason(), origins));
        case UNREAD -> out.add(unused(top, chart, full, Severity.ERROR, "", origins));
      }
    }
  }

  private static Finding unused(
      ChartKeys top,
      ChartKeys chart,
      List<String> full,
      Severity severity,
      String dynamicReason,
      ValueOrigins origins) {
    List<KeySuggestions.KeySuggestion> suggestions = KeySuggestions.suggest(top, full);
    String chartName = chart.chartPath().isEmpty() ? chart.name() : chart.chartPath();
    StringBuilder message =
        new StringBuilder("`")
            .append(KeyReader.display(full))
            .append("` is not read by any chart: chart ")
            .append(chartName)
            .append(" does not use it, so Helm ignores it");
    if (severity == Severity.WARNING) {
      message =
          new StringBuilder("`")
              .append(KeyReader.display(full))
              .append("` may be unused: chart ")
              .append(chartName)
              .append(" does not name it, but a template looks keys up dynamically (")
              .append(dynamicReason)
              .append(')');
    }
    Finding f =
        Finding.of("values.key.unused", severity, place(full, chart, origins), message.toString())
            .withSuggestions(KeySuggestions.renames(suggestions));
    if (!suggestions.isEmpty()) {
      f = f.withHint(suggestions.get(0).reason());
    }
    for (int i = 0; i < suggestions.size() && i < 3; i++) {
      f =
          f.withEvidence(
              "suggestion." + (i + 1),
              suggestions.get(i).kind() + ": " + suggestions.get(i).reason());
    }
    return f;
  }

  private static Finding disabled(
      ChartKeys top, ChartKeys c, List<String> full, ValueOrigins origins) {
    String why = c.disabledReason().isEmpty() ? "" : " (" + c.disabledReason() + ")";
    return Finding.of(
            "values.key.disabled-subchart",
            Severity.WARNING,
            place(full, c, origins),
            "`"
                + KeyReader.display(full)
                + "` configures subchart "
                + c.name()
                + ", which is disabled"
                + why
                + ", so Helm ignores these values")
        .withHint("enable the subchart, or drop its values");
  }

  private static Location place(List<String> full, ChartKeys chart, ValueOrigins origins) {
    Location loc = Location.none().withKey(full).withChart(chart.chartPath());
    Optional<ValueOrigin> o = origins.originOf(full);
    return o.map(v -> loc.withPosition(v.file(), v.line(), v.column())).orElse(loc);
  }

  private static List<String> append(List<String> a, String s) {
    List<String> out = new ArrayList<>(a);
    out.add(s);
    return List.copyOf(out);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
