package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every generated constraint agrees with a brute-force reference evaluation over a universe of
 * versions. The generator builds a small syntax tree, renders it with random spellings (operator
 * aliases, spaces, commas, {@code v}, wildcards, hyphen ranges), and the reference evaluates the
 * tree directly with its own version comparison, so the parser and the evaluator are both under
 * test. Failure messages start with the seed ({@code -Ddeploysafe.seed=<seed>} reproduces).
 */
class VersionConstraintProperties {

  private static final long SEED = VersionProperties.SEED;
  private static final String[] PRES = {"", "", "", "0", "alpha", "beta.1"};
  private static final String[] VERSION_PRES = {"", "", "alpha", "alpha.1", "beta", "0", "rc.2"};

  private Random random = new Random(SEED);

  /** Renders {@code n} generated constraints from a seed, for the differential test. */
  static List<String> sampleConstraints(long seed, int n) {
    VersionConstraintProperties g = new VersionConstraintProperties();
    g.random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(g.render(g.constraint()));
    }
    return out;
  }

  /** Wildcard level of a version written in a comparator. */
  enum Level {
    ANY,
    MINOR,
    PATCH,
    EXACT
  }

  /** A version as written: numbers, how much is open, the prerelease, and its spelling. */
  record Spec(int major, int minor, int patch, Level level, String pre, String text) {}

  /** One comparator; {@code op} is the canonical operator, the spelling may be an alias. */
  record Atom(String op, Spec spec, String text) {}

  private Spec spec() {
    Level level = Level.values()[random.nextInt(4)];
    int ma = random.nextInt(3);
    int mi = random.nextInt(3);
    int pa = random.nextInt(3);
    String pre = PRES[random.nextInt(PRES.length)];
    String majorText = level == Level.ANY ? wildcard() : Integer.toString(ma);
    StringBuilder t = new StringBuilder(random.nextInt(5) == 0 ? "v" : "").append(majorText);
    // How the open parts are written: left out, or spelled as x/X/*.
    boolean spellMinor = level != Level.MINOR && level != Level.ANY || random.nextBoolean();
    if (level == Level.ANY) {
      if (spellMinor) {
        t.append('.').append(random.nextBoolean() ? wildcard() : Integer.toString(mi));
        if (random.nextBoolean()) {
          t.append('.').append(random.nextBoolean() ? wildcard() : Integer.toString(pa));
        }
      }
    } else if (level == Level.MINOR) {
      if (spellMinor) {
        t.append('.').append(wildcard());
        if (random.nextBoolean()) {
          t.append('.').append(random.nextBoolean() ? wildcard() : Integer.toString(pa));
        }
      }
    } else if (level == Level.PATCH) {
      t.append('.').append(mi);
      if (random.nextBoolean()) {
        t.append('.').append(wildcard());
      }
    } else {
      t.append('.').append(mi).append('.').append(pa);
    }
    if (!pre.isEmpty()) {
      t.append('-').append(pre);
    }
    // Open parts read as zero.
    int m2 = level == Level.ANY ? 0 : ma;
    int n2 = level == Level.ANY || level == Level.MINOR ? 0 : mi;
    int p2 = level == Level.EXACT ? pa : 0;
    return new Spec(m2, n2, p2, level, pre, t.toString());
  }

  private String wildcard() {
    return new String[] {"x", "X", "*"}[random.nextInt(3)];
  }

  private List<Atom> atoms() {
    String[][] ops = {
      {"=", "", "="},
      {"!=", "!="},
      {">", ">"},
      {"<", "<"},
      {">=", ">=", "=>"},
      {"<=", "<=", "=<"},
      {"~", "~", "~>"},
      {"^", "^"}
    };
    if (random.nextInt(6) == 0) {
      Spec a = spec();
      Spec b = spec();
      String text = a.text() + " - " + b.text();
      return List.of(new Atom(">=", a, text), new Atom("<=", b, ""));
    }
    String[] op = ops[random.nextInt(ops.length)];
    String spelling = op[1 + random.nextInt(op.length - 1)];
    Spec s = spec();
    String gap = random.nextInt(3) == 0 ? " " : "";
    return List.of(new Atom(op[0], s, spelling + gap + s.text()));
  }

  private List<List<Atom>> constraint() {
    List<List<Atom>> groups = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int g = 0; g < n; g++) {
      List<Atom> group = new ArrayList<>();
      int k = 1 + random.nextInt(3);
      for (int i = 0; i < k; i++) {
        group.addAll(atoms());
      }
      groups.add(group);
    }
    return groups;
  }

  /**
   * Renders the tree. A hyphen range goes first in its group or after a comma, and groups next to
   * one are joined with spaces around {@code ||}: Masterminds' range rewrite swallows the
   * whitespace around a range, so elsewhere it glues the range to its neighbour (Helm then rejects
   * the text or reads it differently; {@link VersionConstraintTest} pins those cases).
   */
  private String render(List<List<Atom>> groups) {
    String[] seps = {" ", "  ", ",", ", ", " , "};
    String[] commaSeps = {",", ", ", " , "};
    StringBuilder out = new StringBuilder();
    for (int g = 0; g < groups.size(); g++) {
      List<Atom> group = groups.get(g);
      if (g > 0) {
        boolean startsWithRange = group.get(0).text().contains(" - ");
        List<Atom> before = groups.get(g - 1);
        boolean endsWithRange = before.get(before.size() - 1).text().isEmpty();
        out.append(startsWithRange || endsWithRange || random.nextBoolean() ? " || " : "||");
      }
      boolean first = true;
      for (Atom a : group) {
        if (a.text().isEmpty()) {
          continue; // second half of a hyphen range
        }
        if (!first) {
          String[] choice = a.text().contains(" - ") ? commaSeps : seps;
          out.append(choice[random.nextInt(choice.length)]);
        }
        out.append(a.text());
        first = false;
      }
    }
    return out.toString();
  }

  // ---- The reference: its own version comparison and the documented meaning of each operator.

  /** (major, minor, patch, prerelease ids) compared as semver 2.0 precedence. */
  static int refCompare(int[] a, String aPre, int[] b, String bPre) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return a[i] < b[i] ? -1 : 1;
      }
    }
    if (aPre.equals(bPre)) {
      return 0;
    }
    if (aPre.isEmpty()) {
      return 1;
    }
    if (bPre.isEmpty()) {
      return -1;
    }
    String[] x = aPre.split("\\.");
    String[] y = bPre.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = x[i].matches("[0-9]+");
      boolean yn = y[i].matches("[0-9]+");
      int c;
      if (xn && yn) {
        c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
      } else if (xn != yn) {
        c = xn ? -1 : 1;
      } else {
        c = Integer.signum(x[i].compareTo(y[i]));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  static boolean refAtom(Atom a, int[] v, String vPre) {
    Spec s = a.spec();
    int[] c = {s.major(), s.minor(), s.patch()};
    int cmp = refCompare(v, vPre, c, s.pre());
    Level l = s.level();
    boolean zeroBase = c[0] == 0 && c[1] == 0 && c[2] == 0;
    switch (a.op()) {
      case "=":
        if (l == Level.EXACT) {
          return cmp == 0;
        }
        return refTilde(cmp, v, c, l, zeroBase);
      case "~":
        return refTilde(cmp, v, c, l, zeroBase);
      case "^":
        if (cmp < 0) {
          return false;
        }
        if (c[0] > 0 || l == Level.MINOR) {
          return v[0] == c[0];
        }
        if (v[0] != 0) {
          return false;
        }
        if (c[1] > 0 || l == Level.PATCH) {
          return v[1] == c[1];
        }
        return v[1] == 0 && v[2] == c[2];
      case ">":
        switch (l) {
          case MINOR:
            return v[0] > c[0];
          case PATCH:
            return v[0] > c[0] || (v[0] == c[0] && v[1] > c[1]);
          default:
            return cmp > 0;
        }
      case "<":
        return cmp < 0;
      case ">=":
        return cmp >= 0;
      case "<=":
        if (l == Level.EXACT) {
          return cmp <= 0;
        }
        return v[0] < c[0] || (v[0] == c[0] && (v[1] <= c[1] || l == Level.MINOR));
      default: // "!="
        switch (l) {
          case MINOR:
            return v[0] != c[0];
          case PATCH:
            return v[0] != c[0] || v[1] != c[1] || !vPre.equals(s.pre());
          default:
            return cmp != 0;
        }
    }
  }

  private static boolean refTilde(int cmp, int[] v, int[] c, Level l, boolean zeroBase) {
    if (cmp < 0) {
      return false;
    }
    if (zeroBase && (l == Level.ANY || l == Level.EXACT)) {
      return true;
    }
    return v[0] == c[0] && (l == Level.MINOR || v[1] == c[1]);
  }

  static boolean refMatches(List<List<Atom>> groups, int[] v, String vPre, boolean includePre) {
    for (List<Atom> g : groups) {
      boolean groupHasPre = g.stream().anyMatch(a -> !a.spec().pre().isEmpty());
      if (!vPre.isEmpty() && !includePre && !groupHasPre) {
        continue;
      }
      if (g.stream().allMatch(a -> refAtom(a, v, vPre))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyConstraintAgreesWithBruteForceEvaluation() {
    for (int n = 0; n < 600; n++) {
      List<List<Atom>> tree = constraint();
      String text = render(tree);
      VersionConstraint parsed = VersionConstraint.parse(text);
      VersionConstraint withPre = parsed.withIncludePrerelease(true);
      for (int ma = 0; ma < 3; ma++) {
        for (int mi = 0; mi < 3; mi++) {
          for (int pa = 0; pa < 3; pa++) {
            for (String pre : VERSION_PRES) {
              int[] v = {ma, mi, pa};
              Version version = new Version(ma, mi, pa, pre, "", "");
              // Build the failure message only on failure: this loop runs ~200,000 times.
              boolean want = refMatches(tree, v, pre, false);
              if (parsed.matches(version) != want) {
                fail(
                    VersionProperties.seed()
                        + "'"
                        + text
                        + "' with "
                        + version
                        + " should be "
                        + want);
              }
              boolean wantPre = refMatches(tree, v, pre, true);
              if (withPre.matches(version) != wantPre) {
                fail(
                    VersionProperties.seed()
                        + "'"
                        + text
                        + "' (include prereleases) with "
                        + version
                        + " should be "
                        + wantPre);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void canonicalFormParsesBackToTheSameConstraint() {
    for (int n = 0; n < 600; n++) {
      String text = render(constraint());
      VersionConstraint c = VersionConstraint.parse(text);
      VersionConstraint back = VersionConstraint.parse(c.toString());
      assertThat(back).as(VersionProperties.seed() + text).isEqualTo(c);
      for (String pre : VERSION_PRES) {
        Version v = new Version(1, 1, 1, pre, "", "");
        assertThat(back.matches(v))
            .as(VersionProperties.seed() + text + " " + v)
            .isEqualTo(c.matches(v));
      }
    }
  }

  @Test
  void referenceAgreesWithItselfOnAKnownCase() {
    // Guards the reference: ^0.2 with 0.2.5 matches and with 0.3.0 does not.
    Spec s = new Spec(0, 2, 0, Level.PATCH, "", "0.2");
    Atom caret = new Atom("^", s, "^0.2");
    assertThat(refAtom(caret, new int[] {0, 2, 5}, "")).isTrue();
    assertThat(refAtom(caret, new int[] {0, 3, 0}, "")).isFalse();
    assertThat(SEED).isNotNull();
  }
}
