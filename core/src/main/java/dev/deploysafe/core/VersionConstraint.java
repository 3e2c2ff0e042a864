package dev.deploysafe.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether versions satisfy a Masterminds semver v3 range, as Helm reads chart dependency
 * versions and {@code --version} flags.
 *
 * <p><b>Grammar.</b> {@code ||} separates OR groups; inside a group, comparators separated by
 * spaces or one comma are ANDed. Operators: {@code =} or none, {@code !=}, {@code >}, {@code <},
 * {@code >=} / {@code =>}, {@code <=} / {@code =<}, {@code ~} / {@code ~>}, {@code ^}; spaces may
 * follow an operator. Versions may start with {@code v} and use {@code x}, {@code X} or {@code *}
 * for any part. {@code A - B} (spaces required) means {@code >=A <=B}; {@code 1.2-1.4.5} is the
 * prerelease {@code 1.2.0-1.4.5}.
 *
 * <p><b>Meaning</b> (Masterminds' rules, including their corner cases): {@code 1.2} and {@code
 * 1.2.x} without operator mean {@code ~1.2}; {@code ~1.2.3} is {@code >=1.2.3 <1.3.0}, {@code ~1}
 * is {@code >=1.0.0 <2.0.0}, {@code ~0.0.0} and {@code ~*} match everything; {@code ^1.2.3} is
 * {@code >=1.2.3 <2.0.0}, {@code ^0.2.3} is {@code >=0.2.3 <0.3.0}, {@code ^0.0.3} is exactly
 * {@code 0.0.3}, {@code ^0} is {@code <1.0.0}; {@code >1.1} means a higher minor ({@code 1.1.5}
 * does not match); {@code <=1.1} includes all of {@code 1.1.x}; {@code !=4.x} excludes the whole
 * major. Masterminds' {@code ^*} matches only {@code 0.0.0} and {@code <=*} only {@code 0.0.x};
 * they are kept for fidelity.
 *
 * <p><b>Prereleases</b> match only when a comparator in the same OR group names a prerelease
 * ({@code >=1.2.3-0}), or when {@link #withIncludePrerelease(boolean) includePrerelease} is set.
 *
 * <p><b>Deviations</b>, all on inputs Masterminds handles by accident: hyphen ranges are found
 * inside each OR group (Masterminds rewrites them before splitting, so {@code 1||2 - 3} differs); a
 * {@code |} inside a version part is an error; input over {@value #MAX_LENGTH} characters is
 * rejected.
 *
 * <p>Immutable and thread-safe.
 */
public final class VersionConstraint implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The longest constraint text {@link #parse} accepts. */
  public static final int MAX_LENGTH = 4096;

  private final String original;
  private final List<List<Comparison>> groups;
  private final boolean includePrerelease;

  private VersionConstraint(
      String original, List<List<Comparison>> groups, boolean includePrerelease) {
    this.original = original;
    this.groups = groups;
    this.includePrerelease = includePrerelease;
  }

  /**
   * Reads a constraint such as {@code ">= 1.2, < 2.0 || ^3"}.
   *
   * @throws IllegalArgumentException with the input and the position of the problem
   */
  public static VersionConstraint parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "invalid version constraint '"
              + Version.shown(text)
              + "': longer than "
              + MAX_LENGTH
              + " characters");
    }
    String rewritten = rewriteRanges(text);
    List<List<Comparison>> groups = new ArrayList<>();
    int from = 0;
    while (true) {
      int bar = rewritten.indexOf("||", from);
      String group = bar < 0 ? rewritten.substring(from) : rewritten.substring(from, bar);
      groups.add(List.copyOf(new GroupParser(text, rewritten, group, from).parse()));
      if (bar < 0) {
        break;
      }
      from = bar + 2;
    }
    return new VersionConstraint(text, List.copyOf(groups), false);
  }

  // Masterminds' range pattern, kept as is (including '|' in version parts) because Helm's
  // behaviour on odd input follows from it: a match swallows the whitespace around it, so a range
  // after a space-separated comparator is glued to it and rejected, and "3||1 - 2" means
  // ">= 3 || 1, <= 2". Input is at most MAX_LENGTH characters, so backtracking stays small.
  private static final String CV =
      "v?[0-9|xX*]+(?:\\.[0-9|xX*]+)?(?:\\.[0-9|xX*]+)?"
          + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*+)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*+)?";
  private static final Pattern RANGE =
      Pattern.compile(
          "[ \\t\\n\\f\\r]*("
              + CV
              + ")[ \\t\\n\\f\\r]+-[ \\t\\n\\f\\r]+("
              + CV
              + ")[ \\t\\n\\f\\r]*");

  /**
   * Rewrites hyphen ranges {@code A - B} to {@code >= A, <= B } exactly as Masterminds'
   * rewriteRange does: every match in the input, replaced at its first occurrence in the text
   * rewritten so far.
   */
  static String rewriteRanges(String text) {
    if (text.indexOf('-') < 0) {
      return text;
    }
    Matcher m = RANGE.matcher(text);
    String out = text;
    while (m.find()) {
      String replacement = ">= " + m.group(1) + ", <= " + m.group(2) + " ";
      int at = out.indexOf(m.group());
      if (at >= 0) {
        out = out.substring(0, at) + replacement + out.substring(at + m.group().length());
      }
    }
    return out;
  }

  /** Tells whether the version satisfies the constraint: all comparators of some OR group hold. */
  public boolean matches(Version version) {
    Objects.requireNonNull(version, "version");
    for (List<Comparison> group : groups) {
      if (holds(group, version)) {
        return true;
      }
    }
    return false;
  }

  /** Checks one AND group without building any text (the hot path of {@link #matches}). */
  private boolean holds(List<Comparison> group, Version version) {
    if (version.isPrerelease() && !includesPrereleases(group)) {
      return false;
    }
    for (Comparison c : group) {
      if (!c.test(version)) {
        return false;
      }
    }
    return true;
  }

  private boolean includesPrereleases(List<Comparison> group) {
    if (includePrerelease) {
      return true;
    }
    for (Comparison c : group) {
      if (c.con().isPrerelease()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Says why the version does not satisfy the constraint, naming the first failing comparator of
   * every OR group; empty when it does.
   */
  public Optional<String> explainMismatch(Version version) {
    Objects.requireNonNull(version, "version");
    List<String> reasons = new ArrayList<>();
    for (List<Comparison> group : groups) {
      String why = failure(group, version);
      if (why == null) {
        return Optional.empty();
      }
      reasons.add(why);
    }
    return Optional.of(String.join("; ", reasons));
  }

  private @org.jspecify.annotations.Nullable String failure(
      List<Comparison> group, Version version) {
    if (version.isPrerelease() && !includesPrereleases(group)) {
      return version
          + " is a prerelease and '"
          + text(group)
          + "' names none (add -0 to a bound to include prereleases)";
    }
    for (Comparison c : group) {
      if (!c.test(version)) {
        return version + " does not satisfy " + c;
      }
    }
    return null;
  }

  /** Returns a copy that does or does not let every group match prereleases. */
  public VersionConstraint withIncludePrerelease(boolean include) {
    return new VersionConstraint(original, groups, include);
  }

  /** Tells whether every group matches prereleases even when it names none. */
  public boolean includePrerelease() {
    return includePrerelease;
  }

  /** The OR groups of ANDed comparators, for tests. */
  List<List<Comparison>> groups() {
    return groups;
  }

  /** Returns the text this constraint was parsed from. */
  public String original() {
    return original;
  }

  /**
   * Renders the constraint in canonical form: groups joined by {@code " || "}, comparators by one
   * space, hyphen ranges as {@code >=A <=B}; {@link #parse} reads it back to an equal constraint.
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>(groups.size());
    for (List<Comparison> g : groups) {
      parts.add(text(g));
    }
    return String.join(" || ", parts);
  }

  private static String text(List<Comparison> group) {
    List<String> atoms = new ArrayList<>(group.size());
    for (Comparison c : group) {
      atoms.add(c.toString());
    }
    return String.join(" ", atoms);
  }

  /** Equal when the canonical forms and the prerelease setting are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof VersionConstraint that
        && includePrerelease == that.includePrerelease
        && toString().equals(that.toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toString(), includePrerelease);
  }

  enum Op {
    EQ(""),
    NE("!="),
    GT(">"),
    LT("<"),
    GE(">="),
    LE("<="),
    TILDE("~"),
    CARET("^");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * One comparator. {@code dirty} marks a wildcard or missing part; {@code minorDirty} that the
   * minor (and so the patch) was open, {@code patchDirty} that only the patch was open; a dirty
   * comparator with neither flag had an open major. These are Masterminds' own flags, because its
   * corner cases depend on exactly them.
   */
  record Comparison(
      Op op,
      String opText,
      String versionText,
      Version con,
      boolean dirty,
      boolean minorDirty,
      boolean patchDirty)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Applies the operator; the prerelease gate is applied per group before this. */
    boolean test(Version v) {
      switch (op) {
        case EQ:
          return dirty ? tilde(v) : v.compareTo(con) == 0;
        case NE:
          return notEqual(v);
        case GT:
          return greater(v);
        case LT:
          return v.compareTo(con) < 0;
        case GE:
          return v.compareTo(con) >= 0;
        case LE:
          return lessOrEqual(v);
        case TILDE:
          return tilde(v);
        default:
          return caret(v);
      }
    }

    private boolean notEqual(Version v) {
      if (dirty) {
        if (con.major() != v.major()) {
          return true;
        }
        if (minorDirty) {
          return false;
        }
        if (con.minor() != v.minor()) {
          return true;
        }
        if (patchDirty) {
          if (v.isPrerelease() || con.isPrerelease()) {
            return Version.comparePrerelease(v.prerelease(), con.prerelease()) != 0;
          }
          return false;
        }
        if (con.patch() != v.patch()) {
          return true;
        }
      }
      return v.compareTo(con) != 0;
    }

    private boolean greater(Version v) {
      if (!dirty) {
        return v.compareTo(con) > 0;
      }
      if (v.major() != con.major()) {
        return v.major() > con.major();
      }
      if (minorDirty) {
        return false;
      }
      if (patchDirty) {
        return v.minor() > con.minor();
      }
      return v.compareTo(con) > 0;
    }

    private boolean lessOrEqual(Version v) {
      if (!dirty) {
        return v.compareTo(con) <= 0;
      }
      if (v.major() > con.major()) {
        return false;
      }
      return !(v.major() == con.major() && v.minor() > con.minor() && !minorDirty);
    }

    private boolean tilde(Version v) {
      if (v.compareTo(con) < 0) {
        return false;
      }
      if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !minorDirty && !patchDirty) {
        return true;
      }
      if (v.major() != con.major()) {
        return false;
      }
      return v.minor() == con.minor() || minorDirty;
    }

    private boolean caret(Version v) {
      if (v.compareTo(con) < 0) {
        return false;
      }
      if (con.major() > 0 || minorDirty) {
        return v.major() == con.major();
      }
      if (v.major() > 0) {
        return false;
      }
      if (con.minor() > 0 || patchDirty) {
        return v.minor() == con.minor();
      }
      if (v.minor() > 0) {
        return false;
      }
      return v.patch() == con.patch();
    }

    @Override
    public String toString() {
      return opText + versionText;
    }
  }

  /** Reads one OR group: comparators separated by whitespace or one comma, and hyphen ranges. */
  private static final class GroupParser {
    private final String whole;
    private final String rewritten;
    private final String s;
    private final int offset;
    private int i;

    GroupParser(String whole, String rewritten, String group, int offset) {
      this.whole = whole;
      this.rewritten = rewritten;
      this.s = group;
      this.offset = offset;
    }

    List<Comparison> parse() {
      List<Comparison> out = new ArrayList<>();
      while (true) {
        int before = i;
        skipSpace();
        if (i == s.length()) {
          if (out.isEmpty()) {
            throw error(s.isBlank() && rewritten.equals(s) ? "empty constraint" : "empty OR group");
          }
          return out;
        }
        if (!out.isEmpty()) {
          if (s.charAt(i) == ',') {
            i++;
            skipSpace();
            if (i == s.length()) {
              throw error("expected a comparator after ','");
            }
          } else if (i == before) {
            throw error("expected a space or ',' between comparators");
          }
        }
        String opText = readOp();
        skipSpace();
        Parts a = readVersion(opText);
        out.add(a.comparator(op(opText), opText));
      }
    }

    private Op op(String text) {
      switch (text) {
        case "":
        case "=":
          return Op.EQ;
        case "!=":
          return Op.NE;
        case ">":
          return Op.GT;
        case "<":
          return Op.LT;
        case ">=":
        case "=>":
          return Op.GE;
        case "<=":
        case "=<":
          return Op.LE;
        case "~":
        case "~>":
          return Op.TILDE;
        default:
          return Op.CARET;
      }
    }

    private String readOp() {
      for (String two : new String[] {"!=", ">=", "=>", "<=", "=<", "~>"}) {
        if (s.startsWith(two, i)) {
          i += 2;
          return two;
        }
      }
      if (i < s.length() && "=<>~^".indexOf(s.charAt(i)) >= 0) {
        return String.valueOf(s.charAt(i++));
      }
      return "";
    }

    /** Reads [v]seg(.seg){0,2}(-ids)?(+ids)? that must end at a space, a comma or the end. */
    private Parts readVersion(String after) {
      int start = i;
      if (i < s.length() && s.charAt(i) == 'v') {
        i++;
      }
      List<String> segs = new ArrayList<>(3);
      String seg = readWhile(VersionConstraint::isSegmentChar);
      if (seg.isEmpty()) {
        i = start;
        throw error(
            after.isEmpty()
                ? "expected an operator or a version"
                : "expected a version after '" + after + "'");
      }
      segs.add(seg);
      while (segs.size() < 3
          && i + 1 < s.length()
          && s.charAt(i) == '.'
          && isSegmentChar(s.charAt(i + 1))) {
        i++;
        segs.add(readWhile(VersionConstraint::isSegmentChar));
      }
      String pre = "";
      if (i + 1 < s.length() && s.charAt(i) == '-' && isIdChar(s.charAt(i + 1))) {
        i++;
        pre = readIdentifiers();
      }
      String meta = "";
      if (i + 1 < s.length() && s.charAt(i) == '+' && isIdChar(s.charAt(i + 1))) {
        i++;
        meta = readIdentifiers();
      }
      if (i < s.length() && !isSpace(s.charAt(i)) && s.charAt(i) != ',') {
        throw error("unexpected '" + s.charAt(i) + "' in version");
      }
      for (String part : segs) {
        if (!isWildcard(part) && !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
          int at = i;
          i = start;
          RuntimeException e =
              error("version part '" + part + "' must be a number or one of x X *");
          i = at;
          throw e;
        }
      }
      return new Parts(s.substring(start, i), segs, pre, meta, start);
    }

    private String readIdentifiers() {
      int start = i;
      readWhile(VersionConstraint::isIdChar);
      while (i + 1 < s.length() && s.charAt(i) == '.' && isIdChar(s.charAt(i + 1))) {
        i++;
        readWhile(VersionConstraint::isIdChar);
      }
      return s.substring(start, i);
    }

    private String readWhile(java.util.function.IntPredicate p) {
      int start = i;
      while (i < s.length() && p.test(s.charAt(i))) {
        i++;
      }
      return s.substring(start, i);
    }

    private void skipSpace() {
      while (i < s.length() && isSpace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalArgumentException error(String what) {
      String where =
          rewritten.equals(whole)
              ? " at position " + (offset + i + 1)
              : " at position "
                  + (offset + i + 1)
                  + " of '"
                  + Version.shown(rewritten)
                  + "' (hyphen ranges rewritten)";
      return new IllegalArgumentException(
          "invalid version constraint '" + Version.shown(whole) + "': " + what + where);
    }

    /** A version as written in a comparator. */
    private final class Parts {
      final String text;
      final List<String> segs;
      final String pre;
      final String meta;
      final int at;

      Parts(String text, List<String> segs, String pre, String meta, int at) {
        this.text = text;
        this.segs = segs;
        this.pre = pre;
        this.meta = meta;
        this.at = at;
      }

      Comparison comparator(Op op, String opText) {
        String major = segs.get(0);
        String minor = segs.size() > 1 ? segs.get(1) : null;
        String patch = segs.size() > 2 ? segs.get(2) : null;
        try {
          if (isWildcard(major)) {
            return new Comparison(op, opText, text, version(0, 0, 0, ""), true, false, false);
          }
          if (minor == null || isWildcard(minor)) {
            return new Comparison(
                op, opText, text, version(num(major), 0, 0, ""), true, true, false);
          }
          if (patch == null || isWildcard(patch)) {
            return new Comparison(
                op, opText, text, version(num(major), num(minor), 0, ""), true, false, true);
          }
          return new Comparison(
              op,
              opText,
              text,
              version(num(major), num(minor), num(patch), meta),
              false,
              false,
              false);
        } catch (IllegalArgumentException e) {
          i = at;
          IllegalArgumentException wrapped = error("version '" + text + "': " + e.getMessage());
          wrapped.initCause(e);
          throw wrapped;
        }
      }

      private Version version(long ma, long mi, long pa, String metadata) {
        return new Version(ma, mi, pa, pre, metadata, "");
      }

      private long num(String digits) {
        try {
          return Long.parseLong(digits);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("number too large", e);
        }
      }
    }
  }

  static boolean isSpace(int c) {
    // Go's \s for ASCII patterns: [ \t\n\f\r].
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  static boolean isSegmentChar(int c) {
    return (c >= '0' && c <= '9') || c == 'x' || c == 'X' || c == '*';
  }

  static boolean isIdChar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  static boolean isWildcard(String part) {
    return part.equals("x") || part.equals("X") || part.equals("*");
  }
}
