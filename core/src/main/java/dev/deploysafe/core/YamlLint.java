package dev.deploysafe.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what Helm and Kubernetes tools do silently with YAML: duplicate keys (the last wins), YAML
 * 1.1 words that turn keys and values into booleans, numbers that lose precision or change form as
 * float64, and tabs in indentation.
 */
final class YamlLint {

  private YamlLint() {}

  /** Largest integer a float64 holds exactly. */
  private static final long EXACT = 1L << 53;

  static void lint(String file, String text, List<YamlDocument> docs, List<Finding> out) {
    Set<YamlNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<int[]> blockScalars = new ArrayList<>();
    for (YamlDocument d : docs) {
      walk(file, d.root(), new ArrayList<>(), seen, blockScalars, out, false);
    }
    tabs(file, text, blockScalars, out);
  }

  /** After a failed parse, says plainly when a tab in indentation is the likely cause. */
  static void explainTabs(String file, String text, int errorLine, List<Finding> out) {
    List<Finding> tabs = new ArrayList<>();
    tabs(file, text, List.of(), tabs);
    for (Finding f : tabs) {
      if (f.location().line() != errorLine) {
        continue;
      }
      out.add(
          f.withSeverity(Severity.ERROR)
              .withHint("YAML allows only spaces for indentation; replace the tab with spaces"));
    }
  }

  private static void walk(
      String file,
      YamlNode node,
      List<String> path,
      Set<YamlNode> seen,
      List<int[]> blockScalars,
      List<Finding> out,
      boolean isKey) {
    if (!seen.add(node) && !(node instanceof YamlNode.Scalar)) {
      return; // an alias: its findings were reported where the anchor is
    }
    if (node instanceof YamlNode.Scalar s) {
      if (s.style() == YamlNode.Style.LITERAL || s.style() == YamlNode.Style.FOLDED) {
        blockScalars.add(new int[] {s.start().line(), s.end().line()});
      }
      if (!isKey) {
        scalarValue(file, s, path, out);
      }
      return;
    }
    if (node instanceof YamlNode.Sequence q) {
      int i = 0;
      for (YamlNode item : q.items()) {
        path.add(Integer.toString(i++));
        walk(file, item, path, seen, blockScalars, out, false);
        path.remove(path.size() - 1);
      }
      return;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) node;
    Map<String, YamlNode> firstByKey = new HashMap<>();
    for (YamlNode.Entry e : m.entries()) {
      if (e.isMerge()) {
        walk(file, e.value(), path, seen, blockScalars, out, false);
        continue;
      }
      Optional<String> key = YamlTyping.keyStringIfValid(e.key());
      if (key.isEmpty()) {
        continue; // reported when the document was typed
      }
      String k = key.get();
      path.add(k);
      Location here = loc(file, e.key(), path);
      YamlNode first = firstByKey.putIfAbsent(k, e.key());
      if (first != null) {
        out.add(
            Finding.error(
                    "yaml.duplicate-key",
                    here,
                    "duplicate key `"
                        + Location.dotted(path)
                        + "` (first at line "
                        + first.start().line()
                        + "); Helm keeps only this last value and silently drops the first")
                .withHint("remove one of the two entries"));
      }
      if (e.key() instanceof YamlNode.Scalar ks) {
        keyScalar(file, ks, k, here, out);
        if (ks.style() == YamlNode.Style.LITERAL || ks.style() == YamlNode.Style.FOLDED) {
          blockScalars.add(new int[] {ks.start().line(), ks.end().line()});
        }
      }
      walk(file, e.value(), path, seen, blockScalars, out, false);
      path.remove(path.size() - 1);
    }
  }

  private static void keyScalar(
      String file, YamlNode.Scalar s, String key, Location here, List<Finding> out) {
    if (!s.isImplicit()) {
      return;
    }
    YamlTyping.Resolved r = YamlTyping.resolvePlain(s.text());
    if (r.kind() == YamlTyping.Kind.BOOL && !isTrueFalseWord(s.text())) {
      out.add(
          Finding.warning(
                  "yaml.bool-key",
                  here,
                  "key `"
                      + s.text()
                      + "` is the YAML 1.1 boolean "
                      + r.value()
                      + ", so Helm stores it as the key \""
                      + key
                      + "\"")
              .withHint("quote it (\"" + s.text() + "\") to keep the name"));
    } else if ((r.kind() == YamlTyping.Kind.INT || r.kind() == YamlTyping.Kind.FLOAT)
        && !key.equals(s.text())) {
      out.add(
          Finding.warning(
                  "yaml.number-form",
                  here,
                  "key `"
                      + s.text()
                      + "` is a number, so Helm stores it as the key \""
                      + key
                      + "\"")
              .withHint("quote it (\"" + s.text() + "\") to keep it as written"));
    }
  }

  private static void scalarValue(
      String file, YamlNode.Scalar s, List<String> path, List<Finding> out) {
    if (!s.isImplicit()) {
      return;
    }
    YamlTyping.Resolved r = YamlTyping.resolvePlain(s.text());
    Location here = loc(file, s, path);
    if (underSecretKey(path)) {
      secretScalar(r, s, here, out);
      return;
    }
    switch (r.kind()) {
      case BOOL -> {
        if (!isTrueFalseWord(s.text())) {
          out.add(
              Finding.info(
                      "yaml.bool-value",
                      here,
                      "`"
                          + s.text()
                          + "` is read as the boolean "
                          + r.value()
                          + " (YAML 1.1), not as the string \""
                          + s.text()
                          + "\"")
                  .withHint("write " + r.value() + ", or quote it to keep the word"));
        }
      }
      case INT -> {
        BigInteger v = r.value() instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) r.value();
        double d = v.doubleValue();
        if (v.abs().compareTo(BigInteger.valueOf(EXACT)) > 0
            && !new java.math.BigDecimal(d).toBigIntegerExact().equals(v)) {
          out.add(
              Finding.warning(
                      "yaml.number-precision",
                      here,
                      "`"
                          + s.text()
                          + "` loses precision: Helm reads every number as a float64 and gets "
                          + GoNumbers.formatJson(d))
                  .withHint("quote it to keep it exact"));
        } else {
          changedForm(s, d, here, out);
        }
      }
      case FLOAT -> {
        double d = (Double) r.value();
        if (!Double.isNaN(d) && !Double.isInfinite(d)) {
          changedForm(s, d, here, out);
        }
      }
      default -> {
        // NULL and STRING are read as written.
      }
    }
  }

  /** Tells whether a key on the path looks secret, so that values below it are never quoted. */
  private static boolean underSecretKey(List<String> path) {
    for (String k : path) {
      if (Redaction.isSecretKey(k)) {
        return true;
      }
    }
    return false;
  }

  /** The same findings as for other values, with messages that never show the value. */
  private static void secretScalar(
      YamlTyping.Resolved r, YamlNode.Scalar s, Location here, List<Finding> out) {
    String hidden = " (value not shown: the key looks secret)";
    switch (r.kind()) {
      case BOOL -> {
        if (!isTrueFalseWord(s.text())) {
          out.add(
              Finding.info(
                      "yaml.bool-value",
                      here,
                      "the value is read as a YAML 1.1 boolean, not as the word written" + hidden)
                  .withHint("quote it to keep the word"));
        }
      }
      case INT, FLOAT -> {
        double d = r.value() instanceof Double x ? x : ((Number) r.value()).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return;
        }
        BigInteger v =
            r.value() instanceof Long l
                ? BigInteger.valueOf(l)
                : r.value() instanceof BigInteger b ? b : null;
        if (v != null
            && v.abs().compareTo(BigInteger.valueOf(EXACT)) > 0
            && !new java.math.BigDecimal(d).toBigIntegerExact().equals(v)) {
          out.add(
              Finding.warning(
                      "yaml.number-precision",
                      here,
                      "the value loses precision: Helm reads every number as a float64" + hidden)
                  .withHint("quote it to keep it exact"));
        } else if (!GoNumbers.formatG(d).equals(s.text())) {
          out.add(
              Finding.warning(
                      "yaml.number-form",
                      here,
                      "the value is read as a number and renders differently in templates" + hidden)
                  .withHint("quote it to keep it as written"));
        }
      }
      default -> {
        // NULL and STRING are read as written.
      }
    }
  }

  private static void changedForm(YamlNode.Scalar s, double d, Location here, List<Finding> out) {
    String rendered = GoNumbers.formatG(d);
    if (!rendered.equals(s.text())) {
      out.add(
          Finding.warning(
                  "yaml.number-form",
                  here,
                  "`"
                      + s.text()
                      + "` is read as the number "
                      + GoNumbers.formatJson(d)
                      + " and renders as `"
                      + rendered
                      + "` in templates")
              .withHint("quote it if it is a version, tag, mode or id: \"" + s.text() + "\""));
    }
  }

  private static boolean isTrueFalseWord(String text) {
    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
  }

  private static Location loc(String file, YamlNode node, List<String> path) {
    return Location.of(file, node.start().line(), node.start().column()).withKey(path);
  }

  private static void tabs(String file, String text, List<int[]> blockScalars, List<Finding> out) {
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int col = 1;
      int tabCol = 0;
      while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        if (text.charAt(i) == '\t' && tabCol == 0) {
          tabCol = col;
        }
        i++;
        col++;
      }
      boolean blank = i >= n || text.charAt(i) == '\n' || text.charAt(i) == '\r';
      if (tabCol > 0 && !blank && !inBlockScalar(line, blockScalars)) {
        out.add(
            Finding.warning(
                "yaml.tab-indent",
                Location.of(file, line, tabCol),
                "tab character in indentation; YAML indentation must be spaces"));
      }
      while (i < n && text.charAt(i) != '\n') {
        i++;
      }
      i++;
      line++;
    }
  }

  private static boolean inBlockScalar(int line, List<int[]> blockScalars) {
    for (int[] r : blockScalars) {
      if (line > r[0] && line <= r[1]) {
        return true;
      }
    }
    return false;
  }
}
