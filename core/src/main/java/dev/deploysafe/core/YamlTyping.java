package dev.deploysafe.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Types YAML scalars and builds values the way Helm and Kubernetes tools read YAML:
 * gopkg.in/yaml.v2 (YAML 1.1) resolution, then sigs.k8s.io/yaml's JSON round trip (every number
 * becomes a float64, keys become strings).
 *
 * <p>Rules mirror yaml.v2 {@code resolve.go} (resolve table, ParseInt base 0 after removing
 * underscores, the yamlStyleFloat pattern, 0b prefixes; timestamps stay strings for interface{}
 * targets) and sigs.k8s.io/yaml {@code convertToJSONableObject} (int keys via Itoa, float keys via
 * FormatFloat 'g' 32-bit, bool keys as "true"/"false", other keys rejected).
 */
final class YamlTyping {

  private YamlTyping() {}

  /** What a scalar resolves to. */
  enum Kind {
    NULL,
    BOOL,
    INT,
    FLOAT,
    STRING
  }

  /** A resolved scalar; {@code value} is Boolean, Long, BigInteger, Double, String or null. */
  record Resolved(Kind kind, @Nullable Object value) {}

  /** Thrown when a document cannot be typed the way Helm types it. */
  static final class TypingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final YamlNode node;
    final List<String> path;

    TypingException(String message, YamlNode node, List<String> path) {
      super(message);
      this.node = node;
      this.path = List.copyOf(path);
    }
  }

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

  /**
   * What Go's ParseFloat accepts for text starting with '.': digits, then an optional exponent;
   * underscores only between digits.
   */
  private static final java.util.regex.Pattern GO_DOT_FLOAT =
      java.util.regex.Pattern.compile("\\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?");

  private static final Set<String> TRUES =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE");
  private static final Set<String> FALSES =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE");
  private static final Set<String> POS_INF =
      Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
  private static final Set<String> NEG_INF = Set.of("-.inf", "-.Inf", "-.INF");
  private static final Set<String> NANS = Set.of(".nan", ".NaN", ".NAN");
  private static final Pattern YAML_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "(([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]*)?"
              + "([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?$");
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Resolves a scalar the way yaml.v2 does for an {@code interface{}} target. */
  static Resolved resolve(YamlNode.Scalar s) {
    String text = s.text();
    String tag = s.tag();
    if (!s.isImplicit()) {
      return switch (tag) {
        case "!!null", "tag:yaml.org,2002:null" -> new Resolved(Kind.NULL, null);
        case "!!bool",
            "tag:yaml.org,2002:bool",
            "!!int",
            "tag:yaml.org,2002:int",
            "!!float",
            "tag:yaml.org,2002:float" -> {
          Resolved r = resolvePlain(text);
          yield r.kind() == Kind.STRING ? new Resolved(Kind.STRING, text) : r;
        }
        default -> new Resolved(Kind.STRING, text);
      };
    }
    return resolvePlain(text);
  }

  static Resolved resolvePlain(String text) {
    if (NULLS.contains(text)) {
      return new Resolved(Kind.NULL, null);
    }
    if (TRUES.contains(text)) {
      return new Resolved(Kind.BOOL, Boolean.TRUE);
    }
    if (FALSES.contains(text)) {
      return new Resolved(Kind.BOOL, Boolean.FALSE);
    }
    if (POS_INF.contains(text)) {
      return new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY);
    }
    if (NEG_INF.contains(text)) {
      return new Resolved(Kind.FLOAT, Double.NEGATIVE_INFINITY);
    }
    if (NANS.contains(text)) {
      return new Resolved(Kind.FLOAT, Double.NaN);
    }
    char c = text.charAt(0);
    if (!(c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'))) {
      return new Resolved(Kind.STRING, text);
    }
    if (TIMESTAMP.matcher(text).matches()) {
      // yaml.v2 keeps timestamps as strings when decoding into interface{}.
      return new Resolved(Kind.STRING, text);
    }
    if (c == '.') {
      // yaml.v2 hands a scalar starting with '.' to strconv.ParseFloat as written (no YAML float
      // pattern): ".5e3" is 500 and ".5_0" is 0.5, but ".0_" and "._5" stay strings.
      if (GO_DOT_FLOAT.matcher(text).matches()) {
        double d = Double.parseDouble(text.replace("_", ""));
        if (!Double.isInfinite(d)) {
          return new Resolved(Kind.FLOAT, d);
        }
      }
      return new Resolved(Kind.STRING, text);
    }
    String plain = text.replace("_", "");
    Optional<BigInteger> i = parseGoIntBase0(plain);
    if (i.isPresent()) {
      BigInteger v = i.get();
      if (v.bitLength() <= 63) {
        return new Resolved(Kind.INT, v.longValueExact());
      }
      if (v.signum() > 0 && v.compareTo(UINT64_MAX) <= 0) {
        return new Resolved(Kind.INT, v);
      }
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      try {
        double d = Double.parseDouble(plain);
        // Go's ParseFloat reports a range error for overflow, and yaml.v2 then keeps the text.
        if (!Double.isInfinite(d)) {
          return new Resolved(Kind.FLOAT, d);
        }
      } catch (NumberFormatException e) {
        // Not a Go float either: falls through to string, as yaml.v2 does.
      }
    }
    if (plain.startsWith("0b") || plain.startsWith("-0b")) {
      // yaml.v2: ParseInt(plain[2:], 2) for "0b" (which takes a sign: "0b+1" is 1, "0b-1" is
      // -1), then ParseUint(plain[2:], 2) (no sign); ParseInt("-" + plain[3:], 2) for "-0b".
      boolean dashPrefix = plain.startsWith("-");
      String rest = plain.substring(dashPrefix ? 3 : 2);
      boolean signed = !dashPrefix && (rest.startsWith("+") || rest.startsWith("-"));
      boolean neg = dashPrefix || rest.startsWith("-");
      String digits = signed ? rest.substring(1) : rest;
      if (!digits.isEmpty() && digits.matches("[01]+")) {
        BigInteger v = new BigInteger(digits, 2);
        if (neg) {
          v = v.negate();
        }
        if (v.bitLength() <= 63) {
          return new Resolved(Kind.INT, v.longValueExact());
        }
        if (!dashPrefix && !signed && v.compareTo(UINT64_MAX) <= 0) {
          return new Resolved(Kind.INT, v);
        }
      }
    }
    return new Resolved(Kind.STRING, text);
  }

  /**
   * Parses like Go's {@code strconv.ParseInt(s, 0, 64)}/ParseUint: sign, 0x, 0o, 0b, leading-0
   * octal.
   */
  static Optional<BigInteger> parseGoIntBase0(String s) {
    if (s.isEmpty()) {
      return Optional.empty();
    }
    boolean neg = false;
    int i = 0;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x') {
        radix = 16;
        body = body.substring(2);
      } else if (p == 'o') {
        radix = 8;
        body = body.substring(2);
      } else if (p == 'b') {
        radix = 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return Optional.empty();
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0) {
        return Optional.empty();
      }
    }
    BigInteger v = new BigInteger(body, radix);
    return Optional.of(neg ? v.negate() : v);
  }

  /** Returns the map key string Helm ends up with for a key node, or throws TypingException. */
  static String keyString(YamlNode key, List<String> path) {
    if (key instanceof YamlNode.Scalar s) {
      Resolved r = resolve(s);
      return switch (r.kind()) {
        case STRING -> (String) r.value();
        case BOOL -> r.value().toString();
        case INT -> r.value().toString();
        case FLOAT -> floatKey((Double) r.value());
        case NULL ->
            throw new TypingException(
                "a null map key is not allowed (Helm fails with \"unsupported map key\")",
                key,
                path);
      };
    }
    throw new TypingException(
        "a " + (key instanceof YamlNode.Mapping ? "mapping" : "sequence") + " cannot be a map key",
        key,
        path);
  }

  /** Returns the key string if the key can be typed, else empty. */
  static Optional<String> keyStringIfValid(YamlNode key) {
    try {
      return Optional.of(keyString(key, List.of()));
    } catch (TypingException e) {
      return Optional.empty();
    }
  }

  private static String floatKey(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    if (Double.isNaN(d)) {
      return ".nan";
    }
    return GoNumbers.formatG32((float) d);
  }

  /** Converts a node tree to an unmodifiable JDK value tree, Helm's way. */
  static @Nullable Object toValue(YamlNode node) {
    return toValue(node, new ArrayList<>());
  }

  private static @Nullable Object toValue(YamlNode node, List<String> path) {
    if (node instanceof YamlNode.Scalar s) {
      Resolved r = resolve(s);
      return switch (r.kind()) {
        case NULL -> null;
        case BOOL, STRING -> r.value();
        case INT ->
            r.value() instanceof Long l
                ? (Object) l.doubleValue()
                : ((BigInteger) r.value()).doubleValue();
        case FLOAT -> {
          double d = (Double) r.value();
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new TypingException(
                "`"
                    + s.text()
                    + "` cannot be represented in JSON, so Helm fails with \"json: unsupported value: "
                    + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf")
                    + "\"",
                node,
                path);
          }
          yield d;
        }
      };
    }
    if (node instanceof YamlNode.Sequence q) {
      List<Object> out = new ArrayList<>(q.items().size());
      int i = 0;
      for (YamlNode item : q.items()) {
        path.add(Integer.toString(i++));
        out.add(toValue(item, path));
        path.remove(path.size() - 1);
      }
      return Collections.unmodifiableList(out);
    }
    YamlNode.Mapping m = (YamlNode.Mapping) node;
    Map<String, Object> out = new LinkedHashMap<>();
    fill(m, out, path);
    return Collections.unmodifiableMap(out);
  }

  private static void fill(YamlNode.Mapping m, Map<String, Object> out, List<String> path) {
    for (YamlNode.Entry e : m.entries()) {
      if (e.isMerge()) {
        merge(e.value(), out, path);
        continue;
      }
      String key = keyString(e.key(), path);
      path.add(key);
      Object v = toValue(e.value(), path);
      path.remove(path.size() - 1);
      out.put(key, v);
    }
  }

  /** yaml.v2 merge: a mapping, or a sequence of mappings applied last-to-first. */
  private static void merge(YamlNode source, Map<String, Object> out, List<String> path) {
    if (source instanceof YamlNode.Mapping m) {
      fill(m, out, path);
    } else if (source instanceof YamlNode.Sequence q) {
      List<YamlNode> items = q.items();
      for (int i = items.size() - 1; i >= 0; i--) {
        if (!(items.get(i) instanceof YamlNode.Mapping m)) {
          throw new TypingException("a merge key (<<) needs mappings", items.get(i), path);
        }
        fill(m, out, path);
      }
    } else {
      throw new TypingException("a merge key (<<) needs a mapping", source, path);
    }
  }

  /** A node found at a path, with the position to report (the key's, for map entries). */
  record Located(YamlNode node, YamlNode.Mark start) {}

  static Optional<Located> locate(YamlNode root, List<String> path) {
    YamlNode current = root;
    YamlNode.Mark mark = root.start();
    for (String segment : path) {
      Optional<Located> next = step(current, segment);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get().node();
      mark = next.get().start();
    }
    return Optional.of(new Located(current, mark));
  }

  private static Optional<Located> step(YamlNode node, String segment) {
    if (node instanceof YamlNode.Sequence q) {
      if (!segment.matches("[0-9]{1,9}")) {
        return Optional.empty();
      }
      int i = Integer.parseInt(segment);
      return i < q.items().size()
          ? Optional.of(new Located(q.items().get(i), q.items().get(i).start()))
          : Optional.empty();
    }
    if (node instanceof YamlNode.Mapping m) {
      Optional<Located> found = Optional.empty();
      for (YamlNode.Entry e : m.entries()) {
        if (e.isMerge()) {
          Optional<Located> merged = stepMerge(e.value(), segment);
          if (merged.isPresent()) {
            found = merged;
          }
          continue;
        }
        Optional<String> k = keyStringIfValid(e.key());
        if (k.isPresent() && k.get().equals(segment)) {
          found = Optional.of(new Located(e.value(), e.key().start()));
        }
      }
      return found;
    }
    return Optional.empty();
  }

  private static Optional<Located> stepMerge(YamlNode source, String segment) {
    if (source instanceof YamlNode.Mapping) {
      return step(source, segment);
    }
    if (source instanceof YamlNode.Sequence q) {
      Optional<Located> found = Optional.empty();
      for (int i = q.items().size() - 1; i >= 0; i--) {
        Optional<Located> f = step(q.items().get(i), segment);
        if (f.isPresent()) {
          found = f;
        }
      }
      return found;
    }
    return Optional.empty();
  }

  /** Deep-copies a value tree into mutable collections. */
  @SuppressWarnings("unchecked")
  static @Nullable Object mutableCopy(@Nullable Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), mutableCopy(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(mutableCopy(o));
      }
      return out;
    }
    return value;
  }
}
