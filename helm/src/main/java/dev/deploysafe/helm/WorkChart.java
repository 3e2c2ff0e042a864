package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mutable chart as Helm's pipeline sees it while processing dependencies: metadata shared between
 * shallow copies exactly like Go's {@code *chart.Metadata}, so aliasing quirks carry over.
 */
final class WorkChart {
  /** Chart metadata; shared by shallow copies of a chart, as in Go. */
  static final class Meta {
    String name;
    String version;
    @Nullable List<Dep> deps;

    Meta(String name, String version, @Nullable List<Dep> deps) {
      this.name = name;
      this.version = version;
      this.deps = deps;
    }

    Meta copy() {
      List<Dep> d = null;
      if (deps != null) {
        d = new ArrayList<>();
        for (Dep x : deps) {
          d.add(x.copy());
        }
      }
      return new Meta(name, version, d);
    }
  }

  /** One declared dependency, mutable like Go's {@code *chart.Dependency}. */
  static final class Dep {
    String name;
    final ChartDependency decl;
    boolean enabled;
    String disabledReason = "";

    /**
     * Go rewrites ImportValues into {@code map[string]string} entries after importing; a second
     * pass over the same (shared) dependency matches neither form and imports nothing.
     */
    boolean importsRewritten;

    Dep(ChartDependency decl) {
      this.decl = decl;
      this.name = decl.name();
    }

    Dep copy() {
      Dep d = new Dep(decl);
      d.name = name;
      d.enabled = enabled;
      d.disabledReason = disabledReason;
      d.importsRewritten = importsRewritten;
      return d;
    }
  }

  Meta meta;
  List<WorkChart> deps;

  /** Go's parent pointer, which Helm uses to name templates ({@code ChartFullPath}). */
  @Nullable WorkChart parent;

  Map<String, Object> values;
  final Chart origin;

  WorkChart(Meta meta, List<WorkChart> deps, Map<String, Object> values, Chart origin) {
    this.meta = meta;
    this.deps = deps;
    this.values = values;
    this.origin = origin;
  }

  String name() {
    return meta.name;
  }

  /** Go's SetDependencies: replaces the children and points their parent here. */
  void setDependencies(List<WorkChart> children) {
    deps = children;
    for (WorkChart c : children) {
      c.parent = this;
    }
  }

  /**
   * Helm's ChartFullPath as a chart path ({@code ""} for the root): built from parent pointers,
   * which alias copies share with the original chart's grandchildren.
   */
  String fullPath() {
    if (parent == null) {
      return "";
    }
    String p = parent.fullPath();
    return p.isEmpty() ? name() : p + "/" + name();
  }

  /** Builds the mutable tree from a loaded chart; values are deep copies. */
  static WorkChart of(Chart c) {
    List<Dep> deps = null;
    if (!c.dependencies().isEmpty()) {
      deps = new ArrayList<>();
      for (ChartDependency d : c.dependencies()) {
        deps.add(new Dep(d));
      }
    }
    List<WorkChart> subs = new ArrayList<>();
    for (Chart s : c.subcharts()) {
      subs.add(of(s));
    }
    WorkChart w =
        new WorkChart(new Meta(c.name(), c.version(), deps), subs, Trees.copyTable(c.values()), c);
    for (WorkChart s : subs) {
      s.parent = w;
    }
    return w;
  }
}
