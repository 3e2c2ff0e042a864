package dev.deploysafe.helm;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reproduces the small pieces of Go runtime text that Helm's error messages contain: {@code %q}
 * quoting, {@code strconv.Atoi} results and errors, {@code unicode.IsSpace} and the runtime type
 * names printed by a failed type assertion.
 *
 * <p>Stateless and thread-safe.
 */
final class GoText {

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger INT64_LIMIT = BigInteger.ONE.shiftLeft(63);

  private GoText() {}

  /** Quotes a string the way Go's {@code %q} verb does ({@code strconv.Quote}). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> appendEscaped(b, cp, '"'));
    return b.append('"').toString();
  }

  /** Formats a rune slice the way Go's {@code %q} verb does: {@code ['a' 'b']}. */
  static String quoteRunes(String runes) {
    StringBuilder b = new StringBuilder("[");
    int[] cps = runes.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append('\'');
      appendEscaped(b, cps[i], '\'');
      b.append('\'');
    }
    return b.append(']').toString();
  }

  private static void appendEscaped(StringBuilder b, int cp, char quote) {
    if (cp == quote || cp == '\\') {
      b.append('\\').appendCodePoint(cp);
      return;
    }
    if (isPrint(cp)) {
      b.appendCodePoint(cp);
      return;
    }
    switch (cp) {
      case 0x07 -> b.append("\\a");
      case '\b' -> b.append("\\b");
      case '\f' -> b.append("\\f");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case 0x0b -> b.append("\\v");
      default -> {
        if (cp < ' ' || cp == 0x7f) {
          b.append("\\x").append(hex(cp, 2));
        } else if (cp < 0x10000) {
          b.append("\\u").append(hex(cp, 4));
        } else {
          b.append("\\U").append(hex(cp, 8));
        }
      }
    }
  }

  private static String hex(int value, int width) {
    String h = Integer.toHexString(value);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
      Character.LOWERCASE_LETTER,
      Character.TITLECASE_LETTER,
      Character.MODIFIER_LETTER,
      Character.OTHER_LETTER,
      Character.NON_SPACING_MARK,
      Character.ENCLOSING_MARK,
      Character.COMBINING_SPACING_MARK,
      Character.DECIMAL_DIGIT_NUMBER,
      Character.LETTER_NUMBER,
      Character.OTHER_NUMBER,
      Character.CONNECTOR_PUNCTUATION,
      Character.DASH_PUNCTUATION,
      Character.START_PUNCTUATION,
      Character.END_PUNCTUATION,
      Character.INITIAL_QUOTE_PUNCTUATION,
      Character.FINAL_QUOTE_PUNCTUATION,
      Character.OTHER_PUNCTUATION,
      Character.MATH_SYMBOL,
      Character.CURRENCY_SYMBOL,
      Character.MODIFIER_SYMBOL,
      Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int cp) {
    if (cp < 0x100) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
    }
    return cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /**
   * Parses a base-10 int64 the way {@code strconv.ParseInt(s, 10, 64)} does.
   *
   * @return the value, or {@code null} when Go would return an error
   */
  static @Nullable Long parseInt64(String s) {
    try {
      return atoi(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Parses like {@code strconv.Atoi} on a 64-bit platform.
   *
   * @throws NumberFormatException whose message is Go's error text
   */
  static long atoi(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i >= s.length()) {
      throw new NumberFormatException(atoiError(s, "invalid syntax"));
    }
    BigInteger n = BigInteger.ZERO;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(atoiError(s, "invalid syntax"));
      }
      n = n.multiply(BigInteger.TEN).add(BigInteger.valueOf(c - '0'));
      if (n.compareTo(UINT64_MAX) > 0) {
        throw new NumberFormatException(atoiError(s, "value out of range"));
      }
    }
    if (negative ? n.compareTo(INT64_LIMIT) > 0 : n.compareTo(INT64_LIMIT) >= 0) {
      throw new NumberFormatException(atoiError(s, "value out of range"));
    }
    return negative ? n.negate().longValueExact() : n.longValueExact();
  }

  private static String atoiError(String s, String reason) {
    return "strconv.Atoi: parsing " + quote(s) + ": " + reason;
  }

  /**
   * Names the Go dynamic type Helm would hold for a value of ours, as a type assertion prints it.
   */
  static String typeName(@Nullable Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof Map) {
      return "map[string]interface {}";
    }
    if (value instanceof List) {
      return "[]interface {}";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long) {
      return "int64";
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return "int";
    }
    if (value instanceof Number) {
      return "float64";
    }
    return value.getClass().getName();
  }
}
