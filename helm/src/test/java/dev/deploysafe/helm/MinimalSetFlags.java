package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only stand-in for the real {@code --set} parser (owned by the set-flags work): one {@code
 * a.b.c=value} assignment per flag, Helm's {@code typedVal} typing (bools, null, int64 without a
 * leading zero, else string), maps created on the way. Enough to drive the pipeline's flag step in
 * differential tests.
 */
final class MinimalSetFlags implements FlagApplier {
  private final List<Flag> flags = new ArrayList<>();

  static MinimalSetFlags of(List<String> sets) {
    MinimalSetFlags m = new MinimalSetFlags();
    for (int i = 0; i < sets.size(); i++) {
      m.flags.add(new Flag("set", i, sets.get(i)));
    }
    return m;
  }

  @Override
  public List<Flag> flags() {
    return flags;
  }

  @Override
  public void applyInto(int flag, Map<String, Object> values) {
    String text = flags.get(flag).text();
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          "failed parsing --set data: key \"" + text + "\" has no value");
    }
    String[] keys = text.substring(0, eq).split("\\.");
    Object value = typed(text.substring(eq + 1));
    Map<String, Object> cur = values;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = cur.get(keys[i]);
      if (!cur.containsKey(keys[i])) {
        Map<String, Object> m = new LinkedHashMap<>();
        cur.put(keys[i], m);
        cur = m;
      } else if (next instanceof Map) {
        cur = Trees.asTable(next);
      } else {
        throw new IllegalArgumentException(
            "failed parsing --set data: unable to parse key: interface conversion: interface {} is "
                + goType(next)
                + ", not map[string]interface {}");
      }
    }
    cur.put(keys[keys.length - 1], value);
  }

  private static String goType(Object o) {
    if (o == null) {
      return "nil";
    }
    if (o instanceof String) {
      return "string";
    }
    if (o instanceof Double) {
      return "float64";
    }
    if (o instanceof Long) {
      return "int64";
    }
    if (o instanceof Boolean) {
      return "bool";
    }
    return "[]interface {}";
  }

  static Object typed(String v) {
    if (v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (v.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    if (v.equalsIgnoreCase("null")) {
      return null;
    }
    if (v.equals("0")) {
      return 0L;
    }
    if (!v.startsWith("0")) {
      try {
        if (v.matches("[+-]?[0-9]+")) {
          return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        }
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return v;
  }
}
