package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Deep copies and lookups on JDK value trees (maps with string keys, lists, scalars). */
final class Trees {
  private Trees() {}

  /** Tells whether a value is a Helm "table" (a map). */
  static boolean isTable(@Nullable Object v) {
    return v instanceof Map;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asTable(@Nullable Object v) {
    return (Map<String, Object>) v;
  }

  /** Deep mutable copy (LinkedHashMap and ArrayList), as Go's copystructure.Copy does. */
  static @Nullable Object copy(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), copy(e.getValue()));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(copy(o));
      }
      return out;
    }
    return v;
  }

  static Map<String, Object> copyTable(@Nullable Map<String, Object> m) {
    if (m == null) {
      return new LinkedHashMap<>();
    }
    return asTable(copy(m));
  }

  /** Deep unmodifiable copy that keeps nulls. */
  static Map<String, Object> freeze(Map<String, Object> m) {
    return asTable(freezeValue(m));
  }

  private static @Nullable Object freezeValue(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), freezeValue(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(freezeValue(o));
      }
      return Collections.unmodifiableList(out);
    }
    return v;
  }

  /** Looks a key path up; segments that are decimal numbers index lists. */
  static Optional<Lookup> lookup(@Nullable Object root, List<String> path) {
    Object cur = root;
    for (String seg : path) {
      if (cur instanceof Map<?, ?> m) {
        if (!m.containsKey(seg)) {
          return Optional.empty();
        }
        cur = m.get(seg);
      } else if (cur instanceof List<?> l && seg.matches("[0-9]{1,9}")) {
        int i = Integer.parseInt(seg);
        if (i >= l.size()) {
          return Optional.empty();
        }
        cur = l.get(i);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new Lookup(cur));
  }

  /** A found value, which may be null. */
  record Lookup(@Nullable Object value) {}

  /** Lists every key path in a tree (maps only, lists are leaves), parents before children. */
  static void paths(Map<String, Object> m, List<String> prefix, List<List<String>> out) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      List<String> p = new ArrayList<>(prefix);
      p.add(e.getKey());
      out.add(List.copyOf(p));
      if (e.getValue() instanceof Map<?, ?>) {
        paths(asTable(e.getValue()), p, out);
      }
    }
  }
}
