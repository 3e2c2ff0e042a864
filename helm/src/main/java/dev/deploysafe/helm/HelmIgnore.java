package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which files of a chart directory Helm leaves out, from the chart's {@code .helmignore}
 * and Helm's default rule ({@code templates/.?*}, hidden files in {@code templates/}), with Helm's
 * exact rules: one {@link GoGlob} pattern per line, {@code #} comments, no {@code **}, a leading
 * {@code !} negates, a trailing {@code /} matches directories only, a pattern without {@code /} is
 * matched against the base name, one with {@code /} against the whole relative path. Rules are
 * tried in order and the first positive match ignores; a negated rule ignores every path it does
 * not match (Helm's behaviour, surprising as it is). Only the top chart's file counts, and only for
 * directories: archives are taken as they are.
 */
final class HelmIgnore {

  /** A {@code .helmignore} Helm refuses; the message is Helm's. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private record Rule(String pattern, boolean negate, boolean mustDir, Kind kind) {}

  private enum Kind {
    ROOT,
    PATH,
    BASE
  }

  private final List<Rule> rules = new ArrayList<>();

  private HelmIgnore() {}

  /** Parses a {@code .helmignore} text and appends Helm's default rule. */
  static HelmIgnore parse(String text) throws Invalid {
    HelmIgnore h = new HelmIgnore();
    for (String line : text.split("\n", -1)) {
      if (line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64 * 1024) {
        throw new Invalid("bufio.Scanner: token too long"); // Go's line scanner limit
      }
      h.add(line);
    }
    h.add("templates/.?*");
    return h;
  }

  /** Returns Helm's rules for a chart without a {@code .helmignore}. */
  static HelmIgnore defaults() {
    try {
      return parse("");
    } catch (Invalid e) {
      throw new IllegalStateException(e);
    }
  }

  private void add(String raw) throws Invalid {
    String rule = GoText.trimSpace(raw);
    if (rule.isEmpty() || rule.startsWith("#")) {
      return;
    }
    if (rule.contains("**")) {
      throw new Invalid("double-star (**) syntax is not supported");
    }
    try {
      GoGlob.match(rule, "abc");
    } catch (GoGlob.BadPattern e) {
      throw new Invalid("syntax error in pattern");
    }
    boolean negate = rule.startsWith("!");
    if (negate) {
      rule = rule.substring(1);
    }
    boolean mustDir = rule.endsWith("/");
    if (mustDir) {
      rule = rule.substring(0, rule.length() - 1);
    }
    Kind kind;
    if (rule.startsWith("/")) {
      kind = Kind.ROOT;
      rule = rule.substring(1);
    } else {
      kind = rule.contains("/") ? Kind.PATH : Kind.BASE;
    }
    rules.add(new Rule(rule, negate, mustDir, kind));
  }

  /**
   * Tells whether Helm leaves out {@code path} (relative, with {@code /}) of the chart directory.
   */
  boolean ignores(String path, boolean isDirectory) {
    if (path.isEmpty() || path.equals(".") || path.equals("./")) {
      return false;
    }
    for (Rule r : rules) {
      if (r.negate()) {
        if (r.mustDir() && !isDirectory) {
          return true;
        }
        if (!matches(r, path)) {
          return true;
        }
        continue;
      }
      if (r.mustDir() && !isDirectory) {
        continue;
      }
      if (matches(r, path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Rule r, String path) {
    String name = r.kind() == Kind.BASE ? base(path) : path;
    try {
      return GoGlob.match(r.pattern(), name);
    } catch (GoGlob.BadPattern e) {
      return false; // Helm logs and treats it as no match
    }
  }

  /** Go's {@code filepath.Base} for relative, non-empty paths. */
  private static String base(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }
}
