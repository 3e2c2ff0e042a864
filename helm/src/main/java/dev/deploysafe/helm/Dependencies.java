package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Processes a chart's dependencies as Helm's {@code ProcessDependencies} does ({@code
 * pkg/chart/v2/util/dependencies.go}): aliases, tags and conditions decide which subcharts stay,
 * then import-values rewrite every parent's defaults (which also bakes subchart defaults into the
 * parent, the source of the null row N7 quirk).
 */
final class Dependencies {

  /** A subchart that was switched off, and why. */
  record Disabled(String chartPath, String chartName, String reason) {}

  private final Coalescer coalescer;
  private final Coalescer.Warnings warnings;
  final List<Disabled> disabled = new ArrayList<>();

  Dependencies(Coalescer coalescer, Coalescer.Warnings warnings) {
    this.coalescer = coalescer;
    this.warnings = warnings;
  }

  void process(WorkChart c, Map<String, Object> userValues) throws Coalescer.CoalesceException {
    processEnabled(c, userValues, "");
    processImportValues(c);
  }

  private void processEnabled(WorkChart c, Map<String, Object> v, String path)
      throws Coalescer.CoalesceException {
    List<WorkChart.Dep> reqs = c.meta.deps;
    if (reqs == null) {
      return;
    }
    List<WorkChart> chartDependencies = new ArrayList<>();
    outer:
    for (WorkChart existing : c.deps) {
      for (WorkChart.Dep req : reqs) {
        if (existing.name().equals(req.name)
            && VersionRange.isCompatible(req.decl.version(), existing.meta.version)) {
          continue outer;
        }
      }
      chartDependencies.add(existing);
    }
    for (WorkChart.Dep req : reqs) {
      WorkChart alias = aliasDependency(c.deps, req);
      if (alias != null) {
        chartDependencies.add(alias);
      }
      if (!req.decl.alias().isEmpty()) {
        req.name = req.decl.alias();
      }
    }
    c.setDependencies(chartDependencies);
    for (WorkChart.Dep r : reqs) {
      r.enabled = true;
      r.disabledReason = "";
    }
    Map<String, Object> cvals = coalescer.coalesceValues(c, v);
    processTags(reqs, cvals);
    processConditions(reqs, cvals, path);
    Set<String> rm = new HashSet<>();
    for (WorkChart.Dep r : reqs) {
      if (!r.enabled) {
        rm.add(r.name);
        disabled.add(
            new Disabled((path + r.name).replace('.', '/'), r.decl.name(), r.disabledReason));
      }
    }
    List<WorkChart> cd = new ArrayList<>();
    for (WorkChart n : c.deps) {
      if (!rm.contains(n.name())) {
        cd.add(n);
      }
    }
    List<WorkChart.Dep> cdMeta = new ArrayList<>();
    for (WorkChart.Dep n : reqs) {
      if (!rm.contains(n.name)) {
        cdMeta.add(n);
      }
    }
    for (WorkChart t : cd) {
      processEnabled(t, cvals, path + t.name() + ".");
    }
    c.meta.deps = cdMeta.isEmpty() ? null : cdMeta;
    c.setDependencies(cd);
  }

  private static @Nullable WorkChart aliasDependency(List<WorkChart> charts, WorkChart.Dep dep) {
    for (WorkChart c : charts) {
      if (!c.name().equals(dep.name)) {
        continue;
      }
      if (!VersionRange.isCompatible(dep.decl.version(), c.meta.version)) {
        continue;
      }
      WorkChart out = new WorkChart(c.meta.copy(), new ArrayList<>(), c.values, c.origin);
      out.parent = c.parent;
      List<WorkChart> children = new ArrayList<>();
      for (WorkChart d : c.deps) {
        // Go copies the chart struct: metadata, values and the grandchildren (whose parent
        // pointers still name the original) stay shared with the original.
        WorkChart copy = new WorkChart(d.meta, d.deps, d.values, d.origin);
        copy.parent = d.parent;
        children.add(copy);
      }
      out.setDependencies(children);
      if (!dep.decl.alias().isEmpty()) {
        out.meta.name = dep.decl.alias();
      }
      return out;
    }
    return null;
  }

  private void processTags(List<WorkChart.Dep> reqs, Map<String, Object> cvals) {
    Object t = cvals.get("tags");
    if (!(t instanceof Map)) {
      return;
    }
    Map<String, Object> vt = Trees.asTable(t);
    for (WorkChart.Dep r : reqs) {
      boolean hasTrue = false;
      boolean hasFalse = false;
      for (String k : r.decl.tags()) {
        if (vt.containsKey(k)) {
          if (vt.get(k) instanceof Boolean b) {
            if (b) {
              hasTrue = true;
            } else {
              hasFalse = true;
            }
          } else {
            warnings.log(
                "values.tags.non-bool",
                "WARN",
                "returned non-bool value",
                List.of("tag", k, "chart", r.name),
                "tags." + k);
          }
        }
      }
      if (!hasTrue && hasFalse) {
        r.enabled = false;
        r.disabledReason = "every tag of " + r.decl.tags() + " that is set is false";
      } else {
        r.enabled = true;
        r.disabledReason = "";
      }
    }
  }

  private void processConditions(
      List<WorkChart.Dep> reqs, Map<String, Object> cvals, String cpath) {
    for (WorkChart.Dep r : reqs) {
      for (String c : r.decl.condition().trim().split(",", -1)) {
        if (c.isEmpty()) {
          continue;
        }
        Optional<Trees.Lookup> vv = pathValue(cvals, cpath + c);
        if (vv.isPresent()) {
          if (vv.get().value() instanceof Boolean b) {
            r.enabled = b;
            r.disabledReason = b ? "" : "condition " + c + " is false";
            break;
          }
          warnings.log(
              "values.condition.non-bool",
              "WARN",
              "returned non-bool value",
              List.of("path", c, "chart", r.name),
              cpath + c);
        }
      }
    }
  }

  /** Helm's Values.PathValue: the value at a dotted path, when present and not a table. */
  static Optional<Trees.Lookup> pathValue(Map<String, Object> v, String path) {
    String[] parts = path.split("\\.", -1);
    if (parts.length == 1) {
      if (v.containsKey(parts[0]) && !Trees.isTable(v.get(parts[0]))) {
        return Optional.of(new Trees.Lookup(v.get(parts[0])));
      }
      return Optional.empty();
    }
    Map<String, Object> t = v;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = t.get(parts[i]);
      if (!(next instanceof Map)) {
        return Optional.empty();
      }
      t = Trees.asTable(next);
    }
    String key = parts[parts.length - 1];
    if (t.containsKey(key) && !Trees.isTable(t.get(key))) {
      return Optional.of(new Trees.Lookup(t.get(key)));
    }
    return Optional.empty();
  }

  /** The path segment where Helm's Values.Table fails (its ErrNoTable key), or null. */
  static @Nullable String missingTableKey(Map<String, Object> v, String path) {
    Map<String, Object> t = v;
    for (String p : path.split("\\.", -1)) {
      Object next = t.get(p);
      if (!(next instanceof Map)) {
        return p;
      }
      t = Trees.asTable(next);
    }
    return null;
  }

  /** Helm's Values.Table: the map at a dotted path. */
  static @Nullable Map<String, Object> table(Map<String, Object> v, String path) {
    Map<String, Object> t = v;
    for (String p : path.split("\\.", -1)) {
      Object next = t.get(p);
      if (!(next instanceof Map)) {
        return null;
      }
      t = Trees.asTable(next);
    }
    return t;
  }

  private void processImportValues(WorkChart c) throws Coalescer.CoalesceException {
    for (WorkChart d : c.deps) {
      processImportValues(d);
    }
    importValues(c);
  }

  private void importValues(WorkChart c) throws Coalescer.CoalesceException {
    if (c.meta.deps == null) {
      return;
    }
    Map<String, Object> cvals = coalescer.mergeValues(c, null);
    Map<String, Object> b = new LinkedHashMap<>();
    for (WorkChart.Dep r : c.meta.deps) {
      List<ImportValue> imports = r.importsRewritten ? List.of() : r.decl.importValues();
      r.importsRewritten = true;
      for (ImportValue iv : imports) {
        String missing = missingTableKey(cvals, r.name + "." + iv.child());
        if (missing != null) {
          String error = Coalescer.quote(missing) + " is not a table";
          if (iv.stringForm()) {
            warnings.log(
                "values.import.missing-table",
                "WARN",
                "ImportValues missing table",
                List.of("error", error),
                r.name + "." + iv.child());
          } else {
            warnings.log(
                "values.import.missing-table",
                "WARN",
                "ImportValues missing table from chart",
                List.of("chart", r.name, "error", error),
                r.name + "." + iv.child());
          }
          continue;
        }
        Map<String, Object> vv = table(cvals, r.name + "." + iv.child());
        if (vv.isEmpty()) {
          // Go's Values.AsMap returns a fresh map for an empty table, so merging into it never
          // writes back into cvals.
          vv = new LinkedHashMap<>();
        }
        b = coalescer.mergeTables(b, pathToMap(iv.parent(), vv));
      }
    }
    c.values = coalescer.mergeTables(Trees.copyTable(cvals), b);
  }

  private static Map<String, Object> pathToMap(String path, Map<String, Object> data) {
    if (path.equals(".")) {
      return data;
    }
    String[] parts = path.split("\\.", -1);
    Map<String, Object> cur = data;
    for (int i = parts.length - 1; i >= 0; i--) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(parts[i], cur);
      cur = m;
    }
    return cur;
  }
}
