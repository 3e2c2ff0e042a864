package dev.deploysafe.helm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds random chart trees and user inputs for differential tests against the real Helm: 0–3
 * levels of subcharts (directories and archives), aliases, conditions, tags, globals, import-values
 * in both forms, unmanaged and version-mismatched subcharts, nulls everywhere, lists, maps against
 * scalars, numbers of every YAML form and YAML 1.1 keys. Every chart prints {@code {{ .Values |
 * toJson }}} from {@code templates/values.yaml}. Deterministic for a seed.
 */
public final class ValuesCaseGenerator {

  /** One generated chart. */
  public record GenChart(
      String name,
      String version,
      String valuesYaml,
      String dependenciesYaml,
      List<GenChart> subs,
      boolean archive,
      boolean v1) {}

  /** One generated case: chart tree, -f file texts, --set flags. */
  public record GenCase(long seed, GenChart top, List<String> files, List<String> sets) {
    /** Renders the case as text for failure messages. */
    public String describe() {
      StringBuilder sb = new StringBuilder("seed ").append(seed).append('\n');
      describe(top, "", sb);
      for (int i = 0; i < files.size(); i++) {
        sb.append("-f user").append(i).append(".yaml:\n").append(files.get(i)).append('\n');
      }
      for (String s : sets) {
        sb.append("--set ").append(s).append('\n');
      }
      return sb.toString();
    }

    private static void describe(GenChart c, String indent, StringBuilder sb) {
      sb.append(indent)
          .append("chart ")
          .append(c.name())
          .append(c.archive() ? " (tgz)" : "")
          .append(c.v1() ? " (apiVersion v1, requirements.yaml)" : "")
          .append("\n")
          .append(indent)
          .append(" deps:\n")
          .append(c.dependenciesYaml().indent(indent.length() + 2))
          .append(indent)
          .append(" values:\n")
          .append(c.valuesYaml().indent(indent.length() + 2));
      for (GenChart s : c.subs()) {
        describe(s, indent + "    ", sb);
      }
    }
  }

  private static final String[] SCALARS = {
    "1",
    "0",
    "-5",
    "1.5",
    "1e5",
    "0777",
    "0x1F",
    "1_000",
    "123456789012345678",
    "yes",
    "no",
    "on",
    "true",
    "false",
    "~",
    "null",
    "abc",
    "'quoted'",
    "\"x y\"",
    "1000000",
    "0.1",
    "2001-01-01",
    "''",
    "-0",
    "+7",
    "1.0",
    "off",
    "Y",
    "<&>",
    "9223372036854775807"
  };
  private static final String[] KEYS = {"k1", "k2", "k3", "enabled", "y", "on", "1", "'y'", "list"};
  private static final String[] SET_VALUES = {
    "1", "0", "-5", "true", "FALSE", "null", "abc", "1.5", "010", "yes", "", "9223372036854775808"
  };
  private static final String[] NAMES = {"a", "b", "c", "d"};

  private final Random r;
  private final long seed;

  private ValuesCaseGenerator(long seed) {
    this.seed = seed;
    this.r = new Random(seed);
  }

  /** Builds the case for a seed. */
  public static GenCase generate(long seed) {
    return new ValuesCaseGenerator(seed).build();
  }

  /** Tree node with the dependency view needed to aim values at subcharts. */
  private static final class Node {
    final String name;
    final List<Node> subs = new ArrayList<>();
    final List<String> effectiveNames = new ArrayList<>();
    final Map<String, Node> byEffective = new LinkedHashMap<>();
    String depsYaml = "";
    boolean archive;
    boolean v1;

    Node(String name) {
      this.name = name;
    }
  }

  private GenCase build() {
    Node top = tree("top", 0, r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3));
    GenChart topChart = render(top);
    List<String> files = new ArrayList<>();
    int nf = r.nextInt(4);
    for (int i = 0; i < nf; i++) {
      StringBuilder sb = new StringBuilder();
      int docs = r.nextInt(6) == 0 ? 2 : 1;
      for (int d = 0; d < docs; d++) {
        if (d > 0) {
          sb.append("---\n");
        }
        sb.append(emit(values(top, 0, true), 0));
      }
      files.add(sb.toString());
    }
    List<String> sets = new ArrayList<>();
    int ns = r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(3);
    for (int i = 0; i < ns; i++) {
      sets.add(setFlag(top));
    }
    return new GenCase(seed, topChart, files, sets);
  }

  private Node tree(String name, int depth, int maxDepth) {
    Node n = new Node(name);
    if (depth >= maxDepth) {
      return n;
    }
    int count = r.nextInt(3) + (depth == 0 ? 1 : 0);
    List<String> used = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String sub = NAMES[r.nextInt(NAMES.length)];
      if (used.contains(sub)) {
        continue;
      }
      used.add(sub);
      Node s = tree(sub, depth + 1, maxDepth);
      s.archive = r.nextInt(6) == 0;
      s.v1 = r.nextInt(10) == 0;
      n.subs.add(s);
    }
    StringBuilder deps = new StringBuilder();
    List<String> effective = new ArrayList<>();
    for (Node s : n.subs) {
      int roll = r.nextInt(12);
      if (roll == 0 && depth > 0) {
        continue; // unmanaged: vendored but not declared
      }
      int entries = r.nextInt(5) == 0 ? 2 : 1;
      for (int e = 0; e < entries; e++) {
        String alias = "";
        if (e > 0 || r.nextInt(4) == 0) {
          alias = s.name + "x" + e;
        }
        String eff = alias.isEmpty() ? s.name : alias;
        if (effective.contains(eff)) {
          continue;
        }
        effective.add(eff);
        n.byEffective.put(eff, s);
        deps.append("- name: ").append(s.name).append('\n');
        String version =
            switch (r.nextInt(24)) {
              case 0 -> ">=1.0.0";
              case 1 -> "~0.1.0";
              case 2 -> "^0.1";
              case 3 -> "";
              case 4 -> "0.1.x";
              case 5 -> ">0.0.9 <0.2.0";
              case 6 -> "0.2.0 || 0.1.0";
              case 7 -> "!=0.1.0";
              case 8 -> "^0.0.1";
              case 9 -> "v0.1.0";
              case 10 -> "~0.1";
              case 11 -> ">=0.1.0-0";
              case 12 -> "0.1";
              case 13 -> "*";
              default -> "0.1.0";
            };
        if (!version.isEmpty()) {
          deps.append("  version: \"").append(version).append("\"\n");
        }
        if (!alias.isEmpty()) {
          deps.append("  alias: ").append(alias).append('\n');
        }
        if (r.nextInt(2) == 0) {
          String[] conds = {
            eff + ".enabled",
            eff + ".k1",
            "k1",
            eff + ".enabled," + s.name + ".enabled",
            "nope.enabled," + eff + ".enabled",
            "global.k1",
            eff
          };
          deps.append("  condition: ").append(conds[r.nextInt(conds.length)]).append('\n');
        }
        if (r.nextInt(4) == 0) {
          deps.append("  tags: [").append(r.nextBoolean() ? "t1" : "t1, t2").append("]\n");
        }
        if (r.nextInt(4) == 0) {
          deps.append("  import-values:\n");
          int k = 1 + r.nextInt(2);
          for (int j = 0; j < k; j++) {
            if (r.nextBoolean()) {
              deps.append("  - e").append(1 + r.nextInt(2)).append('\n');
            } else {
              String[] child = {"k1", "exports.e1", "k2.k3", "global", "nope"};
              String[] parent = {".", "k1", "imp.x", "k2"};
              deps.append("  - child: ")
                  .append(child[r.nextInt(child.length)])
                  .append("\n    parent: ")
                  .append(parent[r.nextInt(parent.length)])
                  .append('\n');
            }
          }
        }
      }
    }
    if (depth > 0 && r.nextInt(25) == 0) {
      // declared but not vendored: Helm only checks the top chart
      deps.append("- name: ghost\n  version: 0.1.0\n");
    }
    n.effectiveNames.addAll(effective);
    n.depsYaml = deps.toString();
    return n;
  }

  private GenChart render(Node n) {
    List<GenChart> subs = new ArrayList<>();
    for (Node s : n.subs) {
      subs.add(render(s));
    }
    StringBuilder sb = new StringBuilder();
    int docs = r.nextInt(8) == 0 ? 2 : 1;
    for (int d = 0; d < docs; d++) {
      if (d > 0) {
        sb.append("---\n");
      }
      sb.append(emit(values(n, 0, false), 0));
    }
    return new GenChart(n.name, "0.1.0", sb.toString(), n.depsYaml, subs, n.archive, n.v1);
  }

  /** Random values for a chart node; keys aim at its own keys, globals and its subcharts. */
  private Map<String, Object> values(Node n, int depth, boolean user) {
    Map<String, Object> m = new LinkedHashMap<>();
    int count = r.nextInt(5);
    for (int i = 0; i < count; i++) {
      int roll = r.nextInt(10);
      if (roll < 5) {
        String k = KEYS[r.nextInt(KEYS.length)];
        m.put(
            k,
            k.equals("enabled") && r.nextInt(10) < 7
                ? tok(r.nextBoolean() ? "true" : "false")
                : value(depth + 1));
      } else if (roll < 6) {
        m.put("global", globals(0));
      } else if (roll < 7 && depth == 0) {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put(
            r.nextBoolean() ? "t1" : "t2",
            r.nextInt(5) == 0 ? tok("x") : tok(r.nextBoolean() ? "true" : "false"));
        m.put("tags", r.nextInt(8) == 0 ? tok("1") : tags);
      } else if (roll < 8) {
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put(
            "e" + (1 + r.nextInt(2)),
            r.nextInt(6) == 0 ? value(3) : values(new Node("-"), 2, user));
        m.put("exports", ex);
      } else if (!n.subs.isEmpty()) {
        List<String> targets = new ArrayList<>(n.effectiveNames);
        for (Node s : n.subs) {
          targets.add(s.name);
        }
        String t = targets.get(r.nextInt(targets.size()));
        Node s = n.byEffective.getOrDefault(t, null);
        if (s == null) {
          for (Node x : n.subs) {
            if (x.name.equals(t)) {
              s = x;
            }
          }
        }
        int kind = r.nextInt(14);
        if (kind == 0) {
          m.put(t, tok(r.nextBoolean() ? "null" : "str"));
        } else {
          m.put(t, values(s, 0, user));
        }
      }
    }
    return m;
  }

  private Object globals(int depth) {
    if (r.nextInt(12) == 0) {
      return tok("7");
    }
    Map<String, Object> g = new LinkedHashMap<>();
    int count = 1 + r.nextInt(3);
    for (int i = 0; i < count; i++) {
      String k = "g" + (1 + r.nextInt(3));
      if (depth < 2 && r.nextInt(3) == 0) {
        g.put(k, globals(depth + 1));
      } else {
        g.put(k, tok(SCALARS[r.nextInt(SCALARS.length)]));
      }
    }
    return g;
  }

  private Object value(int depth) {
    int roll = r.nextInt(10);
    if (roll < 5 || depth > 3) {
      return tok(SCALARS[r.nextInt(SCALARS.length)]);
    }
    if (roll < 6) {
      List<Object> l = new ArrayList<>();
      int k = r.nextInt(3);
      for (int i = 0; i < k; i++) {
        l.add(r.nextInt(4) == 0 ? Map.of("k1", tok("1")) : tok(SCALARS[r.nextInt(SCALARS.length)]));
      }
      return l;
    }
    if (roll < 7) {
      return new LinkedHashMap<String, Object>();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    int count = 1 + r.nextInt(3);
    for (int i = 0; i < count; i++) {
      m.put(KEYS[r.nextInt(KEYS.length)], value(depth + 1));
    }
    return m;
  }

  private String setFlag(Node top) {
    StringBuilder path = new StringBuilder();
    Node n = top;
    while (!n.effectiveNames.isEmpty() && r.nextBoolean()) {
      String t = n.effectiveNames.get(r.nextInt(n.effectiveNames.size()));
      path.append(t).append('.');
      n = n.byEffective.get(t);
    }
    String[] keys = {"k1", "k2", "enabled", "global.g1", "k1.k2", "global.g2.g1", "tags.t1"};
    if (r.nextInt(10) == 0 && path.length() > 0) {
      path.setLength(path.length() - 1);
    } else {
      path.append(keys[r.nextInt(keys.length)]);
    }
    return path + "=" + SET_VALUES[r.nextInt(SET_VALUES.length)];
  }

  /** A raw YAML scalar token. */
  record Tok(String raw) {}

  private static Tok tok(String raw) {
    return new Tok(raw);
  }

  private static String emit(Map<String, Object> m, int indent) {
    if (m.isEmpty() && indent == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    String pad = " ".repeat(indent);
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      sb.append(pad).append(e.getKey()).append(':');
      if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) sub;
        sb.append('\n').append(emit(t, indent + 2));
      } else {
        sb.append(' ').append(flow(v)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String flow(Object v) {
    if (v instanceof Tok t) {
      return t.raw();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(e.getKey()).append(": ").append(flow(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(flow(l.get(i)));
      }
      return sb.append(']').toString();
    }
    throw new IllegalStateException("unexpected " + v);
  }

  /** Writes the chart tree into {@code dir} (which becomes the top chart directory). */
  public static void write(GenChart c, Path dir) throws IOException {
    Map<String, byte[]> files = files(c);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  private static Map<String, byte[]> files(GenChart c) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    StringBuilder chartYaml =
        new StringBuilder(c.v1() ? "apiVersion: v1\nname: " : "apiVersion: v2\nname: ")
            .append(c.name())
            .append("\nversion: ")
            .append(c.version())
            .append('\n');
    if (!c.dependenciesYaml().isEmpty()) {
      if (c.v1()) {
        out.put(
            "requirements.yaml",
            ("dependencies:\n" + c.dependenciesYaml()).getBytes(StandardCharsets.UTF_8));
      } else {
        chartYaml.append("dependencies:\n").append(c.dependenciesYaml());
      }
    }
    out.put("Chart.yaml", chartYaml.toString().getBytes(StandardCharsets.UTF_8));
    out.put("values.yaml", c.valuesYaml().getBytes(StandardCharsets.UTF_8));
    out.put("templates/values.yaml", "{{ .Values | toJson }}\n".getBytes(StandardCharsets.UTF_8));
    for (GenChart s : c.subs()) {
      Map<String, byte[]> sub = files(s);
      if (s.archive()) {
        Map<String, byte[]> prefixed = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : sub.entrySet()) {
          prefixed.put(s.name() + "/" + e.getKey(), e.getValue());
        }
        out.put("charts/" + s.name() + "-" + s.version() + ".tgz", TarGz.pack(prefixed));
      } else {
        for (Map.Entry<String, byte[]> e : sub.entrySet()) {
          out.put("charts/" + s.name() + "/" + e.getKey(), e.getValue());
        }
      }
    }
    return out;
  }
}
