package dev.deploysafe.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes JDK value trees as compact JSON byte-for-byte like Go's {@code encoding/json.Marshal},
 * which is what Helm's {@code toJson} prints: map keys sorted by their UTF-8 bytes, float64 numbers
 * in Go's shortest form ({@link GoNumbers#formatJson}), {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 escaped as {@code \u003c}…, control characters as {@code \n}, {@code \b} or {@code
 * \u001f}.
 *
 * <p>Accepts {@code Map} (String keys), {@code List}, {@code String}, {@code Boolean}, {@code
 * Long}/{@code Integer} (Go int64), {@code Double}/{@code Float} (Go float64) and {@code null}.
 * Stateless and thread-safe.
 */
public final class GoJson {

  private GoJson() {}

  /**
   * Renders a value tree.
   *
   * @throws IllegalArgumentException for NaN or infinite numbers and for unsupported types, with
   *     Go's message where Go has one
   */
  public static String write(@Nullable Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b);
    return b.toString();
  }

  private static void write(@Nullable Object v, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(s, b);
    } else if (v instanceof Boolean bool) {
      b.append(bool.booleanValue());
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      b.append(((Number) v).longValue());
    } else if (v instanceof java.math.BigInteger big) {
      b.append(big);
    } else if (v instanceof Double || v instanceof Float) {
      b.append(GoNumbers.formatJson(((Number) v).doubleValue()));
    } else if (v instanceof Map<?, ?> m) {
      List<String> keys = new ArrayList<>(m.size());
      for (Object k : m.keySet()) {
        if (!(k instanceof String)) {
          throw new IllegalArgumentException("json: unsupported map key type: " + k);
        }
        keys.add((String) k);
      }
      keys.sort(GoJson::compareUtf8);
      b.append('{');
      boolean first = true;
      for (String k : keys) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(k, b);
        b.append(':');
        write(m.get(k), b);
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        write(l.get(i), b);
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException(
          "json: unsupported type: " + v.getClass().getName() + " (" + v + ")");
    }
  }

  /** Compares strings by their UTF-8 bytes, as Go sorts map keys. */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, b);
        default -> {
          if (c < 0x20) {
            unicode(c, b);
          } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              b.append(c).append(s.charAt(++i));
            } else {
              b.append("\\ufffd"); // Go replaces invalid UTF-8 with U+FFFD
            }
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private static void unicode(char c, StringBuilder b) {
    b.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
