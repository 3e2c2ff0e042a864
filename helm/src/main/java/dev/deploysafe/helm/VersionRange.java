package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a chart version satisfies a dependency's version constraint, following the
 * Masterminds semver v3 rules Helm uses ({@code IsCompatibleRange}): an empty or unparsable
 * constraint, or an unparsable version, never matches.
 */
final class VersionRange {
  private VersionRange() {}

  private static final Pattern VERSION =
      Pattern.compile(
          "v?([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?"
              + "(?:-([0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*))?(?:\\+([0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*))?");
  private static final Pattern TERM =
      Pattern.compile(
          "(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*(v?(?:[0-9]+|[xX*])(?:\\.(?:[0-9]+|[xX*]))?"
              + "(?:\\.(?:[0-9]+|[xX*]))?(?:-[0-9A-Za-z\\-.]+)?(?:\\+[0-9A-Za-z\\-.]+)?|[xX*])");

  /** A parsed version; missing minor/patch are 0, wildcard parts are -1 in constraints. */
  record V(long major, long minor, long patch, String pre, int wildParts) {}

  static Optional<V> parseVersion(String s) {
    Matcher m = VERSION.matcher(s.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new V(
              Long.parseLong(m.group(1)),
              m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
              m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
              m.group(4) == null ? "" : m.group(4),
              3));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Tells whether {@code version} satisfies {@code constraint}. */
  static boolean isCompatible(String constraint, String version) {
    Optional<V> v = parseVersion(version);
    if (v.isEmpty() || constraint.isBlank()) {
      return false;
    }
    boolean any = false;
    for (String or : constraint.split("\\|\\|", -1)) {
      List<String[]> terms = terms(or);
      if (terms == null) {
        return false;
      }
      boolean all = true;
      for (String[] t : terms) {
        if (!matches(t[0], t[1], v.get())) {
          all = false;
        }
      }
      any |= all;
    }
    return any;
  }

  private static List<String[]> terms(String group) {
    String g = group.trim();
    if (g.isEmpty()) {
      return null;
    }
    // hyphen ranges: "1.2 - 1.4"
    Matcher hy = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$").matcher(g);
    List<String[]> out = new ArrayList<>();
    if (hy.matches()) {
      out.add(new String[] {">=", hy.group(1)});
      out.add(new String[] {"<=", hy.group(2)});
      return out;
    }
    Matcher m = TERM.matcher(g);
    int pos = 0;
    while (pos < g.length()) {
      while (pos < g.length() && (g.charAt(pos) == ',' || g.charAt(pos) == ' ')) {
        pos++;
      }
      if (pos >= g.length()) {
        break;
      }
      m.region(pos, g.length());
      if (!m.lookingAt()) {
        return null;
      }
      out.add(new String[] {m.group(1) == null ? "" : m.group(1), m.group(2)});
      pos = m.end();
    }
    return out.isEmpty() ? null : out;
  }

  private static long part(String s) {
    return s.equals("x") || s.equals("X") || s.equals("*") ? -1 : Long.parseLong(s);
  }

  private static boolean matches(String op, String cv, V v) {
    String body = cv.startsWith("v") ? cv.substring(1) : cv;
    String pre = "";
    int plus = body.indexOf('+');
    if (plus >= 0) {
      body = body.substring(0, plus);
    }
    int dash = body.indexOf('-');
    if (dash >= 0) {
      pre = body.substring(dash + 1);
      body = body.substring(0, dash);
    }
    String[] parts = body.split("\\.");
    long maj = part(parts[0]);
    long min = parts.length > 1 ? part(parts[1]) : -2;
    long pat = parts.length > 2 ? part(parts[2]) : -2;
    // A prerelease version only satisfies constraints that carry a prerelease themselves.
    if (!v.pre().isEmpty() && pre.isEmpty()) {
      return false;
    }
    boolean wild = maj < 0 || min == -1 || pat == -1;
    long[] lo = {Math.max(maj, 0), Math.max(min, 0), Math.max(pat, 0)};
    int cmp = compare(v, lo, pre);
    switch (op) {
      case "", "=":
        if (maj < 0) {
          return true;
        }
        if (min < 0) {
          return v.major() == maj;
        }
        if (pat < 0) {
          return v.major() == maj && v.minor() == min;
        }
        return cmp == 0;
      case "!=":
        if (wild || min < 0 || pat < 0) {
          return !matches("=", cv, v);
        }
        return cmp != 0;
      case ">":
        if (maj < 0) {
          return false;
        }
        if (min < 0) {
          return v.major() > maj;
        }
        if (pat < 0) {
          return v.major() > maj || (v.major() == maj && v.minor() > min);
        }
        return cmp > 0;
      case ">=", "=>":
        return maj < 0 || cmp >= 0;
      case "<":
        return maj >= 0 && cmp < 0;
      case "<=", "=<":
        if (maj < 0) {
          return true;
        }
        if (min < 0) {
          return v.major() <= maj;
        }
        if (pat < 0) {
          return v.major() < maj || (v.major() == maj && v.minor() <= min);
        }
        return cmp <= 0;
      case "~", "~>":
        if (cmp < 0) {
          return false;
        }
        if (maj < 0) {
          return true;
        }
        if (min < 0 && parts.length == 1) {
          return v.major() == maj;
        }
        return v.major() == maj && v.minor() == Math.max(min, 0);
      case "^":
        if (cmp < 0) {
          return false;
        }
        if (maj > 0 || maj < 0) {
          return maj < 0 || v.major() == maj;
        }
        if (min > 0 || min < 0) {
          return v.major() == 0 && (min < 0 || v.minor() == min);
        }
        if (pat < 0) {
          return v.major() == 0 && v.minor() == 0;
        }
        return v.major() == 0 && v.minor() == 0 && v.patch() == pat;
      default:
        return false;
    }
  }

  private static int compare(V v, long[] c, String pre) {
    int r = Long.compare(v.major(), c[0]);
    if (r == 0) {
      r = Long.compare(v.minor(), c[1]);
    }
    if (r == 0) {
      r = Long.compare(v.patch(), c[2]);
    }
    if (r == 0) {
      if (v.pre().isEmpty() && !pre.isEmpty()) {
        return 1;
      }
      if (!v.pre().isEmpty() && pre.isEmpty()) {
        return -1;
      }
      return v.pre().compareTo(pre);
    }
    return r;
  }
}
