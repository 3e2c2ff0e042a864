package dev.deploysafe.helm;

import dev.deploysafe.core.GoNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Prints values the way Go's fmt does for the verbs Helm uses in its messages. */
final class GoFmt {
  private GoFmt() {}

  /** Go's {@code %v}. */
  static String v(@Nullable Object o) {
    if (o == null) {
      return "<nil>";
    }
    if (o instanceof Map<?, ?> m) {
      List<String> keys = new ArrayList<>();
      for (Object k : m.keySet()) {
        keys.add((String) k);
      }
      keys.sort(GoFmt::compareUtf8);
      StringBuilder sb = new StringBuilder("map[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(keys.get(i)).append(':').append(v(m.get(keys.get(i))));
      }
      return sb.append(']').toString();
    }
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(v(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (o instanceof Double d) {
      return GoNumbers.formatG(d);
    }
    return String.valueOf(o);
  }

  /** Compares strings by their UTF-8 bytes (the same order as by code points), as Go sorts keys. */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Go's {@code %t}, which only bools satisfy; anything else prints as a bad-verb marker. */
  static String t(@Nullable Object o) {
    if (o instanceof Boolean b) {
      return b.toString();
    }
    if (o == null) {
      return "%!t(<nil>)";
    }
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(t(l.get(i)));
      }
      return sb.append(']').toString();
    }
    String type;
    if (o instanceof String) {
      type = "string";
    } else if (o instanceof Double) {
      type = "float64";
    } else if (o instanceof Long || o instanceof Integer) {
      type = "int64";
    } else {
      type = o.getClass().getSimpleName();
    }
    return "%!t(" + type + "=" + v(o) + ")";
  }
}
