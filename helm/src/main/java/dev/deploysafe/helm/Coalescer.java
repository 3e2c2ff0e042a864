package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Coalesces chart defaults, subchart defaults, globals and user values with Helm's rules ({@code
 * pkg/chart/common/util/coalesce.go}, v4.1.4), quirks included: nulls delete chart defaults, lists
 * are atomic, globals are copied shallowly (so subchart default globals at depth two and below leak
 * into the parent), and a non-map value at a subchart's key is a hard error.
 */
final class Coalescer {

  /** Receives Helm's warnings as Helm logs them (slog level, message, attributes). */
  interface Warnings {
    /** One log record; {@code attrs} alternates keys and values. */
    void log(String code, String level, String msg, List<String> attrs, String dottedPath);

    /** A {@code log.Printf} warning, which Helm 4 routes to slog at INFO. */
    default void warn(String code, String text, String dottedPath) {
      log(code, "INFO", text, List.of(), dottedPath);
    }
  }

  /** Helm's hard error while coalescing (the type mismatch on a subchart key). */
  static final class CoalesceException extends Exception {
    private static final long serialVersionUID = 1L;
    final String subchart;

    CoalesceException(String message, String subchart) {
      super(message, null, false, false);
      this.subchart = subchart;
    }
  }

  private final HelmCompat compat;
  private final Warnings warnings;

  Coalescer(HelmCompat compat, Warnings warnings) {
    this.compat = compat;
    this.warnings = warnings;
  }

  static String concat(String a, String b) {
    return a.isEmpty() ? b : a + "." + b;
  }

  /** Helm's CoalesceValues: deep copies the user values, then coalesces (nulls delete). */
  Map<String, Object> coalesceValues(WorkChart c, @Nullable Map<String, Object> vals)
      throws CoalesceException {
    return coalesce(c, Trees.copyTable(vals), "", false);
  }

  /** Helm's MergeValues: like coalesceValues, but nulls are kept. */
  Map<String, Object> mergeValues(WorkChart c, @Nullable Map<String, Object> vals)
      throws CoalesceException {
    return coalesce(c, Trees.copyTable(vals), "", true);
  }

  private Map<String, Object> coalesce(
      WorkChart c, Map<String, Object> dest, String prefix, boolean merge)
      throws CoalesceException {
    coalesceChartValues(c, dest, prefix, merge);
    return coalesceDeps(c, dest, prefix, merge);
  }

  private Map<String, Object> coalesceDeps(
      WorkChart c, Map<String, Object> dest, String prefix, boolean merge)
      throws CoalesceException {
    for (WorkChart sub : c.deps) {
      String name = sub.name();
      if (!dest.containsKey(name)) {
        dest.put(name, new LinkedHashMap<String, Object>());
      } else if (!Trees.isTable(dest.get(name))) {
        throw new CoalesceException(
            "type mismatch on " + name + ": " + GoFmt.t(dest.get(name)), name);
      }
      Map<String, Object> dv = Trees.asTable(dest.get(name));
      String subPrefix = concat(prefix, c.name());
      coalesceGlobals(dv, dest, subPrefix);
      dest.put(name, coalesce(sub, dv, subPrefix, merge));
    }
    return dest;
  }

  private void coalesceGlobals(Map<String, Object> dest, Map<String, Object> src, String prefix) {
    Map<String, Object> dg;
    Map<String, Object> sg;
    if (!dest.containsKey("global")) {
      dg = new LinkedHashMap<>();
    } else if (Trees.isTable(dest.get("global"))) {
      dg = Trees.asTable(dest.get("global"));
    } else {
      warnings.warn(
          "values.globals.not-a-table",
          "warning: skipping globals because destination global is not a table.",
          concat(prefix, "global"));
      return;
    }
    if (!src.containsKey("global")) {
      sg = new LinkedHashMap<>();
    } else if (Trees.isTable(src.get("global"))) {
      sg = Trees.asTable(src.get("global"));
    } else {
      warnings.warn(
          "values.globals.not-a-table",
          "warning: skipping globals because source global is not a table.",
          "global");
      return;
    }
    for (Map.Entry<String, Object> e : new ArrayList<>(sg.entrySet())) {
      String key = e.getKey();
      Object val = e.getValue();
      if (Trees.isTable(val)) {
        // Shallow copy, as Go's copyMap: nested maps stay shared with the parent's globals.
        Map<String, Object> vv = new LinkedHashMap<>(Trees.asTable(val));
        if (!dg.containsKey(key)) {
          dg.put(key, vv);
        } else if (!Trees.isTable(dg.get(key))) {
          warnings.warn(
              "values.globals.conflict",
              "Conflict: cannot merge map onto non-map for " + quote(key) + ". Skipping.",
              concat(prefix, "global." + key));
        } else {
          coalesceTablesFullKey(vv, Trees.asTable(dg.get(key)), concat(prefix, key), true);
          dg.put(key, vv);
        }
      } else if (dg.containsKey(key) && Trees.isTable(dg.get(key))) {
        warnings.warn(
            "values.globals.conflict",
            "key " + key + " is table. Skipping",
            concat(prefix, "global." + key));
      } else {
        dg.put(key, val);
      }
    }
    dest.put("global", dg);
  }

  private void coalesceChartValues(
      WorkChart c, Map<String, Object> v, String prefix, boolean merge) {
    String subPrefix = concat(prefix, c.name());
    Map<String, Object> vc = Trees.copyTable(c.values);
    boolean v42 = compat == HelmCompat.V4_2;
    for (Map.Entry<String, Object> e : vc.entrySet()) {
      String key = e.getKey();
      Object val = e.getValue();
      if (v.containsKey(key)) {
        Object value = v.get(key);
        if (value == null && !merge) {
          v.remove(key);
        } else if (value instanceof Map) {
          if (!Trees.isTable(val)) {
            if (val != null) {
              warnings.warn(
                  "values.coalesce.not-a-table",
                  "warning: skipped value for " + subPrefix + "." + key + ": Not a table.",
                  subPrefix + "." + key);
            }
          } else {
            boolean m = childChartMergeTrue(c, key, merge);
            Map<String, Object> src = Trees.asTable(val);
            if (v42 && !m && !prefix.isEmpty()) {
              cleanNils(src);
            }
            coalesceTablesFullKey(Trees.asTable(value), src, concat(subPrefix, key), m);
          }
        }
      } else {
        if (v42 && !merge && !prefix.isEmpty()) {
          if (val == null) {
            continue;
          }
          if (val instanceof Map) {
            cleanNils(Trees.asTable(val));
          }
        }
        v.put(key, val);
      }
    }
  }

  private static boolean childChartMergeTrue(WorkChart c, String key, boolean merge) {
    for (WorkChart sub : c.deps) {
      if (sub.name().equals(key)) {
        return true;
      }
    }
    return merge;
  }

  /** Helm's MergeTables: {@code dst} wins, nulls kept. */
  Map<String, Object> mergeTables(Map<String, Object> dst, Map<String, Object> src) {
    return coalesceTablesFullKey(dst, src, "", true);
  }

  Map<String, Object> coalesceTablesFullKey(
      @Nullable Map<String, Object> dst,
      @Nullable Map<String, Object> src,
      String prefix,
      boolean merge) {
    if (src == null) {
      return dst == null ? new LinkedHashMap<>() : dst;
    }
    if (dst == null) {
      return src;
    }
    Set<String> srcOriginalNonNil = new HashSet<>();
    for (Map.Entry<String, Object> e : src.entrySet()) {
      if (e.getValue() != null) {
        srcOriginalNonNil.add(e.getKey());
      }
    }
    for (Map.Entry<String, Object> e : new ArrayList<>(dst.entrySet())) {
      if (e.getValue() == null) {
        src.put(e.getKey(), null);
      }
    }
    for (Map.Entry<String, Object> e : new ArrayList<>(src.entrySet())) {
      String key = e.getKey();
      Object val = e.getValue();
      String fullkey = concat(prefix, key);
      boolean ok = dst.containsKey(key);
      Object dv = dst.get(key);
      if (ok && !merge && dv == null && srcOriginalNonNil.contains(key)) {
        dst.remove(key);
      } else if (!ok) {
        dst.put(key, val);
      } else if (Trees.isTable(val)) {
        if (Trees.isTable(dv)) {
          coalesceTablesFullKey(Trees.asTable(dv), Trees.asTable(val), fullkey, merge);
        } else {
          warnings.warn(
              "values.coalesce.type-conflict",
              "warning: cannot overwrite table with non table for "
                  + fullkey
                  + " ("
                  + shown(fullkey, val)
                  + ")",
              fullkey);
        }
      } else if (Trees.isTable(dv) && val != null) {
        warnings.warn(
            "values.coalesce.type-conflict",
            "warning: destination for "
                + fullkey
                + " is a table. Ignoring non-table value ("
                + shown(fullkey, val)
                + ")",
            fullkey);
      }
    }
    return dst;
  }

  private static void cleanNils(Map<String, Object> m) {
    m.values().removeIf(x -> x == null);
    for (Object x : m.values()) {
      if (x instanceof Map) {
        cleanNils(Trees.asTable(x));
      }
    }
  }

  private static final java.util.regex.Pattern SECRET =
      java.util.regex.Pattern.compile(
          "(?i).*(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential|"
              + "client[-_]?key|auth[-_]?key|cookie).*");

  /** Tells whether a key name looks like it holds a secret. */
  static boolean looksSecret(String key) {
    return SECRET.matcher(key).matches();
  }

  private static boolean holdsSecret(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (looksSecret(String.valueOf(e.getKey())) || holdsSecret(e.getValue())) {
          return true;
        }
      }
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (holdsSecret(o)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Prints a value for a warning as Helm's {@code %v} does, unless the key or anything inside looks
   * secret: then {@code <redacted>}, so secrets never reach findings.
   */
  static String shown(String dottedKey, @Nullable Object v) {
    for (String seg : dottedKey.split("\\.")) {
      if (looksSecret(seg)) {
        return "<redacted>";
      }
    }
    return holdsSecret(v) ? "<redacted>" : GoFmt.v(v);
  }

  /** Go's {@code %q} for simple keys. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.append('"').toString();
  }
}
