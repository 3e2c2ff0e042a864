package dev.deploysafe.helm;

import dev.deploysafe.core.GoJson;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.YamlDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Knows where every effective value came from: it keeps each layer (every chart's defaults with
 * positions, each user file document, each flag alone) beside the plain effective values, and
 * answers "who set this key, who lost, what did a null delete" on demand.
 *
 * <p>Immutable and thread-safe.
 */
public final class Provenance {

  /** One user layer: a document of an input file, or one flag applied alone. */
  record Layer(
      @Nullable YamlDocument document,
      Map<String, Object> values,
      FlagApplier.@Nullable Flag flag) {

    ValueOrigin origin(List<String> path) {
      if (flag != null) {
        return ValueOrigin.flag(flag.family(), flag.index(), flag.text());
      }
      YamlDocument d = document;
      return ValueOrigin.userFile(d == null ? Location.none() : d.locationOf(path));
    }
  }

  private final Map<String, Chart> charts;
  private final List<Layer> layers;
  private final Map<String, Map<String, Object>> effective;

  Provenance(
      Map<String, Chart> charts, List<Layer> layers, Map<String, Map<String, Object>> effective) {
    this.charts = Map.copyOf(charts);
    this.layers = List.copyOf(layers);
    this.effective = effective;
  }

  static Provenance empty() {
    return new Provenance(Map.of(), List.of(), Map.of());
  }

  /**
   * Lists every key path the user supplied, per input in order (files, then flags), with file:line
   * or flag text, whether or not Helm uses it. Paths start at the top chart's root.
   */
  public List<UserKey> userKeys() {
    List<UserKey> out = new ArrayList<>();
    for (Layer l : layers) {
      List<List<String>> paths = new ArrayList<>();
      Trees.paths(l.values(), List.of(), paths);
      for (List<String> p : paths) {
        out.add(new UserKey(p, l.origin(p)));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns every value the user supplied (all files, then every flag as if applied alone), merged
   * as Helm merges {@code -f} files: maps deeply, anything else replaced. Mutable copy.
   */
  Map<String, Object> userValues() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Layer l : layers) {
      SetFlags.mergeMaps(out, SetFlags.copyMap(l.values()));
    }
    return out;
  }

  /**
   * Returns where the user last supplied a key path (from the top chart's root): the highest layer
   * that has it, flags above files. Empty when no user input has it.
   */
  public Optional<ValueOrigin> userOrigin(List<String> path) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (Trees.lookup(layers.get(i).values(), path).isPresent()) {
        return Optional.of(layers.get(i).origin(path));
      }
    }
    return Optional.empty();
  }

  /**
   * Explains one key of one chart: every layer that wrote it (the chart's own defaults, each
   * ancestor's defaults, the user files, the flags; parents' {@code global} for global keys),
   * lowest precedence first, and which write won or which null deleted it.
   */
  public Explanation explain(String chartPath, List<String> keyPath) {
    List<String> chartSegs = chartPath.isEmpty() ? List.of() : List.of(chartPath.split("/"));
    List<Candidate> cands = new ArrayList<>();
    boolean global = !keyPath.isEmpty() && keyPath.get(0).equals("global");
    List<String> globalRest = global ? keyPath.subList(1, keyPath.size()) : List.of();
    for (int level = chartSegs.size(); level >= 0; level--) {
      String p = String.join("/", chartSegs.subList(0, level));
      Chart c = charts.get(p);
      if (c == null) {
        continue;
      }
      List<String> rel = new ArrayList<>(chartSegs.subList(level, chartSegs.size()));
      rel.addAll(keyPath);
      addChart(cands, p, c, rel);
    }
    if (global) {
      for (int level = chartSegs.size() - 1; level >= 0; level--) {
        String p = String.join("/", chartSegs.subList(0, level));
        Chart c = charts.get(p);
        if (c != null) {
          List<String> g = new ArrayList<>(List.of("global"));
          g.addAll(globalRest);
          addChart(cands, p, c, g);
        }
      }
    }
    List<String> full = new ArrayList<>(chartSegs);
    full.addAll(keyPath);
    for (Layer l : layers) {
      Trees.lookup(l.values(), full).ifPresent(v -> cands.add(new Candidate(l.origin(full), v)));
      if (global && !chartSegs.isEmpty()) {
        List<String> g = new ArrayList<>(List.of("global"));
        g.addAll(globalRest);
        Trees.lookup(l.values(), g).ifPresent(v -> cands.add(new Candidate(l.origin(g), v)));
      }
    }
    Map<String, Object> values = effective.get(chartPath);
    Optional<Trees.Lookup> eff = values == null ? Optional.empty() : Trees.lookup(values, keyPath);
    String effJson = eff.map(e -> json(e.value())).orElse("");
    Contribution.Effect[] effects = new Contribution.Effect[cands.size()];
    boolean decided = false;
    for (int i = cands.size() - 1; i >= 0; i--) {
      Object v = cands.get(i).value.value();
      if (eff.isEmpty()) {
        if (v == null && !decided) {
          effects[i] = Contribution.Effect.DELETES;
          decided = true;
        } else {
          effects[i] = decided ? Contribution.Effect.DELETED : Contribution.Effect.IGNORED;
        }
      } else if (eff.get().value() instanceof Map && v instanceof Map) {
        effects[i] = Contribution.Effect.MERGED;
      } else if (!decided && json(v).equals(effJson)) {
        effects[i] = Contribution.Effect.WON;
        decided = true;
      } else {
        effects[i] = decided ? Contribution.Effect.OVERRIDDEN : Contribution.Effect.IGNORED;
      }
    }
    List<Contribution> out = new ArrayList<>();
    for (int i = 0; i < cands.size(); i++) {
      out.add(new Contribution(cands.get(i).origin, json(cands.get(i).value.value()), effects[i]));
    }
    return new Explanation(chartPath, keyPath, eff.isPresent(), effJson, out);
  }

  private record Candidate(ValueOrigin origin, Trees.Lookup value) {}

  private static void addChart(List<Candidate> cands, String chartPath, Chart c, List<String> rel) {
    for (YamlDocument d : c.valuesDocuments()) {
      Object v = d.value();
      Trees.lookup(v, rel)
          .ifPresent(
              found ->
                  cands.add(
                      new Candidate(
                          ValueOrigin.chartDefault(
                              chartPath, d.locationOf(rel).withChart(chartPath)),
                          found)));
    }
  }

  private static String json(@Nullable Object v) {
    try {
      return GoJson.write(v);
    } catch (IllegalArgumentException e) {
      return String.valueOf(v);
    }
  }
}
