package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON the way Go's {@code encoding/json} decodes into {@code interface{}}: objects become
 * {@link LinkedHashMap} (a repeated key keeps the last value), arrays {@link ArrayList}, every
 * number a {@link Double} (float64; out-of-range numbers are an error), strings with invalid
 * surrogates replaced by U+FFFD.
 *
 * <p>{@link #readValue} follows {@code json.Decoder.Decode} on a stream, as Helm's {@code
 * --set-json} {@code key=value} parser uses it: one value is read and whatever follows is left
 * unread, even when it is glued to the value ({@code 1x} reads {@code 1}). {@link #readDocument}
 * follows {@code json.Unmarshal}: only whitespace may follow.
 *
 * <p>Not thread-safe; one instance reads one input.
 */
final class GoJsonReader {

  /** A syntax or range error; Helm discards the detail, so the message is only for debugging. */
  static final class JsonError extends Exception {
    private static final long serialVersionUID = 1L;

    JsonError(String message) {
      super(message, null, false, false);
    }
  }

  /** One decoded value and the code-point offset just after it. */
  record Decoded(@Nullable Object value, int end) {}

  /** Go's {@code encoding/json} maxNestingDepth: deeper arrays and objects are a syntax error. */
  static final int MAX_NESTING_DEPTH = 10_000;

  private final int[] in;
  private int pos;
  private int depth;

  private GoJsonReader(int[] in, int pos) {
    this.in = in;
    this.pos = pos;
  }

  /** Decodes one value starting at {@code start} (leading JSON whitespace skipped). */
  static Decoded readValue(int[] in, int start) throws JsonError {
    GoJsonReader r = new GoJsonReader(in, start);
    r.skipWhitespace();
    if (r.pos >= in.length) {
      throw new JsonError("EOF");
    }
    Object v = r.value();
    return new Decoded(v, r.pos);
  }

  /** Decodes a whole document: one value and nothing but whitespace after it. */
  static @Nullable Object readDocument(String text) throws JsonError {
    int[] cps = text.codePoints().toArray();
    Decoded d = readValue(cps, 0);
    GoJsonReader r = new GoJsonReader(cps, d.end());
    r.skipWhitespace();
    if (r.pos != cps.length) {
      throw new JsonError("invalid character after top-level value");
    }
    return d.value();
  }

  private void skipWhitespace() {
    while (pos < in.length
        && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      pos++;
    }
  }

  private int peek() throws JsonError {
    if (pos >= in.length) {
      throw new JsonError("unexpected end of JSON input");
    }
    return in[pos];
  }

  private @Nullable Object value() throws JsonError {
    int c = peek();
    switch (c) {
      case '{':
      case '[':
        if (++depth > MAX_NESTING_DEPTH) {
          throw new JsonError("exceeded max depth");
        }
        Object nested = c == '{' ? object() : array();
        depth--;
        return nested;
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw new JsonError("invalid character looking for beginning of value");
    }
  }

  private void literal(String word) throws JsonError {
    for (int i = 0; i < word.length(); i++) {
      if (peek() != word.charAt(i)) {
        throw new JsonError("invalid character in literal " + word);
      }
      pos++;
    }
  }

  private Map<String, Object> object() throws JsonError {
    pos++; // '{'
    Map<String, Object> out = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw new JsonError("invalid character looking for beginning of object key string");
      }
      String key = string();
      skipWhitespace();
      if (peek() != ':') {
        throw new JsonError("invalid character after object key");
      }
      pos++;
      skipWhitespace();
      Object v = value();
      out.remove(key);
      out.put(key, v);
      skipWhitespace();
      int c = peek();
      pos++;
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw new JsonError("invalid character after object key:value pair");
      }
    }
  }

  private List<Object> array() throws JsonError {
    pos++; // '['
    List<Object> out = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      skipWhitespace();
      out.add(value());
      skipWhitespace();
      int c = peek();
      pos++;
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw new JsonError("invalid character after array element");
      }
    }
  }

  private Double number() throws JsonError {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= in.length || !digit(in[pos])) {
      throw new JsonError("invalid character in numeric literal");
    }
    if (in[pos] == '0') {
      pos++;
    } else {
      while (pos < in.length && digit(in[pos])) {
        pos++;
      }
    }
    if (pos < in.length && in[pos] == '.') {
      pos++;
      if (pos >= in.length || !digit(in[pos])) {
        throw new JsonError("invalid character after decimal point in numeric literal");
      }
      while (pos < in.length && digit(in[pos])) {
        pos++;
      }
    }
    if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      if (pos >= in.length || !digit(in[pos])) {
        throw new JsonError("invalid character in exponent of numeric literal");
      }
      while (pos < in.length && digit(in[pos])) {
        pos++;
      }
    }
    double d = Double.parseDouble(new String(in, start, pos - start));
    if (Double.isInfinite(d)) {
      throw new JsonError("cannot unmarshal number into Go value of type float64");
    }
    return d;
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }

  private String string() throws JsonError {
    pos++; // opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      int c = peek();
      pos++;
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new JsonError("invalid character in string literal");
      }
      if (c != '\\') {
        appendScalar(b, c);
        continue;
      }
      int e = peek();
      pos++;
      switch (e) {
        case '"', '\\', '/' -> b.append((char) e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          int u = hex4();
          if (Character.isHighSurrogate((char) u)
              && pos + 1 < in.length
              && in[pos] == '\\'
              && in[pos + 1] == 'u') {
            int save = pos;
            pos += 2;
            int low = hex4();
            if (Character.isLowSurrogate((char) low)) {
              b.appendCodePoint(Character.toCodePoint((char) u, (char) low));
            } else {
              b.append('\uFFFD');
              pos = save;
            }
          } else {
            appendScalar(b, u);
          }
        }
        default -> throw new JsonError("invalid character in string escape code");
      }
    }
  }

  private static void appendScalar(StringBuilder b, int cp) {
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
      b.append('\uFFFD');
    } else {
      b.appendCodePoint(cp);
    }
  }

  private int hex4() throws JsonError {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int c = peek();
      pos++;
      int d = Character.digit(c, 16);
      if (d < 0 || c > 'f') {
        throw new JsonError("invalid character in \\u hexadecimal character escape");
      }
      v = v * 16 + d;
    }
    return v;
  }
}
