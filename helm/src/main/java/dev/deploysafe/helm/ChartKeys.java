package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one chart of a dependency tree for values lint: where it sits, under which key its
 * values live, whether it is enabled, how it reads keys, and its subcharts.
 *
 * <p>How to populate it from the values engine: one node per loaded chart, children in {@code
 * Chart.yaml} order; {@code name} is the dependency's chart name, {@code alias} its alias when set;
 * {@code enabled}/{@code disabledReason} from the condition/tags evaluation (for example {@code
 * "condition dask-gateway.enabled is false"}); {@code reader} is {@code
 * KeyReader.union(List.of(DefaultKeys.of(defaults, "charts/x/values.yaml"), SchemaKeys.of(schema),
 * TemplateReferences.scan(chartDir)))}, or {@code KeyReader.opaque(...)} for a chart that is
 * declared but not vendored or has neither templates nor schema.
 *
 * <p>Immutable and thread-safe when the reader is.
 *
 * @param chartPath the chart path in the tree ({@code ""} for the top chart, {@code
 *     basehub/jupyterhub} below)
 * @param name the chart's name
 * @param alias the dependency alias, when the parent gives one
 * @param enabled whether condition and tags leave the chart enabled
 * @param disabledReason why it is disabled, or {@code ""}
 * @param reader how the chart reads keys of its own scoped values
 * @param children the subcharts
 */
record ChartKeys(
    String chartPath,
    String name,
    Optional<String> alias,
    boolean enabled,
    String disabledReason,
    KeyReader reader,
    List<ChartKeys> children) {

  ChartKeys {
    Objects.requireNonNull(chartPath, "chartPath");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(disabledReason, "disabledReason");
    Objects.requireNonNull(reader, "reader");
    children = List.copyOf(children);
  }

  /** Returns an enabled top chart. */
  static ChartKeys top(String name, KeyReader reader, List<ChartKeys> children) {
    return new ChartKeys("", name, Optional.empty(), true, "", reader, children);
  }

  /** Returns an enabled subchart without alias. */
  static ChartKeys sub(String chartPath, String name, KeyReader reader, List<ChartKeys> children) {
    return new ChartKeys(chartPath, name, Optional.empty(), true, "", reader, children);
  }

  /** Returns a copy under an alias. */
  ChartKeys withAlias(String newAlias) {
    return new ChartKeys(
        chartPath, name, Optional.of(newAlias), enabled, disabledReason, reader, children);
  }

  /** Returns a disabled copy with the reason. */
  ChartKeys disabled(String reason) {
    return new ChartKeys(chartPath, name, alias, false, reason, reader, children);
  }

  /** Returns the key the parent's values hold this chart's values under: the alias or name. */
  String valuesKey() {
    return alias.orElse(name);
  }

  /** Returns this node and all its descendants with their values prefixes, depth first. */
  List<Placed> flatten() {
    List<Placed> out = new ArrayList<>();
    walk(this, List.of(), true, out);
    return out;
  }

  /** A chart node with its values prefix from the top and whether all its ancestors are on. */
  record Placed(ChartKeys chart, List<String> prefix, boolean active) {}

  private static void walk(ChartKeys n, List<String> prefix, boolean active, List<Placed> out) {
    out.add(new Placed(n, prefix, active && n.enabled()));
    for (ChartKeys c : n.children()) {
      List<String> p = new ArrayList<>(prefix);
      p.add(c.valuesKey());
      walk(c, List.copyOf(p), active && n.enabled(), out);
    }
  }
}
