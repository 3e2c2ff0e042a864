package dev.deploysafe.helm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prints values as JSON byte-for-byte the way Go's {@code encoding/json.Marshal} does, which is
 * what Helm's {@code toJson} template function prints.
 *
 * <p>Rules reproduced: map keys sorted by code point (Go sorts UTF-8 bytes, which is the same
 * order); {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as Unicode escapes; control
 * characters as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or a Unicode escape;
 * integers ({@link Long}, {@link Integer}) printed as integers; floating-point numbers printed with
 * the shortest digits that round-trip, in positional form unless the magnitude is below 1e-6 or at
 * least 1e21, where Go switches to exponent form ({@code 1e+21}, {@code 1e-7}). See
 * https://github.com/golang/go/blob/go1.25.0/src/encoding/json/encode.go (floatEncoder,
 * appendString).
 *
 * <p>Stateless and thread-safe.
 */
final class GoJson {

  private static final BigDecimal EXP_LOW = new BigDecimal("1e-6");
  private static final BigDecimal EXP_HIGH = new BigDecimal("1e21");

  private GoJson() {}

  /**
   * Prints a value tree (maps with string keys, lists, strings, numbers, booleans, null).
   *
   * @throws IllegalArgumentException for NaN or infinite numbers (Go: "json: unsupported value")
   *     and for types Go's JSON printer would not print the same way
   */
  static String print(@Nullable Object value) {
    StringBuilder b = new StringBuilder();
    append(b, value);
    return b.toString();
  }

  private static void append(StringBuilder b, @Nullable Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof String s) {
      appendString(b, s);
    } else if (value instanceof Boolean bool) {
      b.append(bool.booleanValue() ? "true" : "false");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      b.append(value);
    } else if (value instanceof Number n) {
      b.append(formatFloat(n.doubleValue()));
    } else if (value instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>();
      for (Object k : map.keySet()) {
        if (!(k instanceof String key)) {
          throw new IllegalArgumentException("map key is not a string: " + k);
        }
        keys.add(key);
      }
      keys.sort(GoJson::compareCodePoints);
      b.append('{');
      boolean first = true;
      for (String k : keys) {
        if (!first) {
          b.append(',');
        }
        first = false;
        appendString(b, k);
        b.append(':');
        append(b, map.get(k));
      }
      b.append('}');
    } else if (value instanceof List<?> list) {
      b.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        append(b, list.get(i));
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("cannot print " + value.getClass().getName() + " as JSON");
    }
  }

  /** Orders strings by code point, which equals Go's byte-wise order of their UTF-8 forms. */
  static int compareCodePoints(String a, String b) {
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

  private static void appendString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '<', '>', '&', 0x2028, 0x2029 -> b.append(String.format("\\u%04x", cp));
        default -> {
          if (cp < 0x20) {
            b.append(String.format("\\u%04x", cp));
          } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            // A lone surrogate is not valid UTF-8; Go prints the replacement character escaped.
            b.append("\\ufffd");
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    }
    b.append('"');
  }

  /** Formats a float64 as Go's JSON encoder does. */
  static String formatFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(
          "json: unsupported value: " + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
    }
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    }
    BigDecimal shortest = shortest(d);
    BigDecimal abs = shortest.abs();
    if (abs.compareTo(EXP_LOW) < 0 || abs.compareTo(EXP_HIGH) >= 0) {
      return exponentForm(shortest);
    }
    String plain = shortest.stripTrailingZeros().toPlainString();
    return plain;
  }

  /** Finds the shortest decimal that reads back as {@code d} (Go's {@code 'g', -1} digits). */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        return candidate;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  private static String exponentForm(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    String digits = v.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - v.scale();
    StringBuilder b = new StringBuilder();
    if (v.signum() < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exponent < 0 ? '-' : '+');
    int e = Math.abs(exponent);
    // Go prints at least two exponent digits, then encoding/json trims "e-07" to "e-7".
    if (e < 10 && exponent >= 0) {
      b.append('0');
    }
    b.append(e);
    return b.toString();
  }
}
