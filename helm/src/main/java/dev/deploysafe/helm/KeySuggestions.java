package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ranks explanations and fixes for a user key path that no chart reads, in the order issue 5 asks
 * for: (1) the same key or subtree is read at another nesting level (under a subchart or alias, in
 * the parent, in a sibling); (2) the values sit under an aliased chart's original name; (3) they
 * are for a disabled subchart; (4) a typo within edit distance 2 of a key read at that level; (5) a
 * YAML 1.1 key such as {@code y}/{@code on}/{@code no} that became {@code "true"}/{@code "false"}.
 *
 * <p>Not API. Stateless and thread-safe.
 */
final class KeySuggestions {

  private KeySuggestions() {}

  /** What kind of explanation a suggestion is, in rank order. */
  enum Kind {
    /** The key is read at another nesting level: move it there. */
    OTHER_LEVEL,
    /** The values are under the original name of an aliased subchart: use the alias. */
    ALIAS,
    /** The values are for a disabled subchart: enable it or drop them. */
    DISABLED,
    /** A key read at that level is within edit distance 2. */
    TYPO,
    /** The key was {@code y}/{@code yes}/{@code on}/{@code n}/{@code no}/{@code off} unquoted. */
    YAML11_BOOLEAN
  }

  /**
   * One suggestion: {@code keyPath} is the full dotted path to use instead (for DISABLED, the
   * subchart's key), {@code reason} says why in words.
   */
  record KeySuggestion(Kind kind, String keyPath, List<String> segments, String reason) {
    KeySuggestion {
      Objects.requireNonNull(kind, "kind");
      segments = List.copyOf(segments);
    }

    /** Tells whether this names a key to use instead ("did you mean"). */
    boolean isRename() {
      return kind == Kind.OTHER_LEVEL || kind == Kind.ALIAS || kind == Kind.TYPO;
    }
  }

  private static final Set<String> YAML_TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> YAML_FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

  /**
   * Returns ranked suggestions, best first, for a user key path (from the top chart's values root)
   * that no chart reads.
   */
  static List<KeySuggestion> suggest(ChartKeys top, List<String> userPath) {
    Objects.requireNonNull(top, "top");
    List<String> user = List.copyOf(userPath);
    List<Ranked> found = new ArrayList<>();

    // locate the deepest chart whose scope the path enters
    ChartKeys at = top;
    List<String> prefix = new ArrayList<>();
    int idx = 0;
    boolean descended = true;
    while (descended && idx < user.size()) {
      descended = false;
      for (ChartKeys c : at.children()) {
        if (c.valuesKey().equals(user.get(idx))) {
          if (!c.enabled()) {
            List<String> p = new ArrayList<>(prefix);
            p.add(c.valuesKey());
            found.add(
                new Ranked(
                    new KeySuggestion(
                        Kind.DISABLED,
                        KeyReader.display(p),
                        p,
                        "subchart `"
                            + KeyReader.display(p)
                            + "` is disabled"
                            + (c.disabledReason().isEmpty() ? "" : " (" + c.disabledReason() + ")")
                            + ", so Helm ignores values under it"),
                    0,
                    0));
          }
          at = c;
          prefix.add(c.valuesKey());
          idx++;
          descended = true;
          break;
        }
      }
    }
    List<String> rel = user.subList(idx, user.size());

    // (2) original name of an aliased subchart, at any level the path passes through
    aliases(top, user, new ArrayList<>(), found);

    // (1) the same key or subtree read at another level
    for (ChartKeys.Placed n : top.flatten()) {
      if (!n.active()) {
        continue;
      }
      for (int k = 0; k < user.size(); k++) {
        List<String> s = user.subList(k, user.size());
        if (s.get(0).equals("global")) {
          continue;
        }
        KeyVerdict v = n.chart().reader().verdict(s);
        if (v.use() != KeyVerdict.Use.NAMED) {
          continue;
        }
        List<String> candidate = concat(n.prefix(), s);
        if (candidate.equals(user)) {
          continue;
        }
        found.add(
            new Ranked(
                new KeySuggestion(
                    Kind.OTHER_LEVEL,
                    KeyReader.display(candidate),
                    candidate,
                    "`"
                        + KeyReader.display(s)
                        + "` is read by "
                        + chartName(n)
                        + (n.prefix().isEmpty()
                            ? " at the top level"
                            : ", whose values sit under `" + KeyReader.display(n.prefix()) + "`")
                        + " ("
                        + v.reason()
                        + ")"),
                k,
                n.prefix().size()));
      }
    }

    // (4) typo among keys read at that level
    typos(at, prefix, rel, found);

    // (5) YAML 1.1 booleans as keys
    for (int i = 0; i < user.size(); i++) {
      String seg = user.get(i);
      if (!seg.equals("true") && !seg.equals("false")) {
        continue;
      }
      Set<String> spellings = seg.equals("true") ? YAML_TRUE : YAML_FALSE;
      List<String> parentUser = user.subList(0, i);
      String match = null;
      for (ChartKeys.Placed n : top.flatten()) {
        if (KeyReader.startsWith(parentUser, n.prefix())) {
          for (String key :
              n.chart().reader().childKeys(parentUser.subList(n.prefix().size(), i))) {
            if (spellings.contains(key)) {
              match = key;
            }
          }
        }
      }
      List<String> fixed = new ArrayList<>(user);
      if (match != null) {
        fixed.set(i, match);
      }
      found.add(
          new Ranked(
              new KeySuggestion(
                  Kind.YAML11_BOOLEAN,
                  KeyReader.display(fixed),
                  fixed,
                  "YAML 1.1 reads an unquoted key "
                      + (match == null ? "y/yes/on/n/no/off" : "`" + match + "`")
                      + " as the boolean "
                      + seg
                      + "; quote it"
                      + (match == null ? "" : " as \"" + match + "\"")),
              0,
              0));
    }

    found.sort(
        Comparator.comparingInt((Ranked r) -> order(r.suggestion().kind()))
            .thenComparingInt(Ranked::primary)
            .thenComparingInt(Ranked::secondary)
            .thenComparing(r -> r.suggestion().keyPath()));
    Map<String, KeySuggestion> unique = new LinkedHashMap<>();
    for (Ranked r : found) {
      unique.putIfAbsent(r.suggestion().kind() + " " + r.suggestion().keyPath(), r.suggestion());
    }
    // one entry per key path: the best-ranked explanation wins
    Map<String, KeySuggestion> byPath = new LinkedHashMap<>();
    for (KeySuggestion s : unique.values()) {
      if (s.kind() == Kind.DISABLED || s.kind() == Kind.YAML11_BOOLEAN) {
        byPath.putIfAbsent(s.kind() + " " + s.keyPath(), s);
      } else {
        byPath.putIfAbsent(s.keyPath(), s);
      }
    }
    return List.copyOf(byPath.values());
  }

  /** Returns the dotted paths of the rename suggestions, for {@code Finding.withSuggestions}. */
  static List<String> renames(List<KeySuggestion> suggestions) {
    Set<String> out = new LinkedHashSet<>();
    for (KeySuggestion s : suggestions) {
      if (s.isRename()) {
        out.add(s.keyPath());
      }
    }
    return List.copyOf(out);
  }

  private record Ranked(KeySuggestion suggestion, int primary, int secondary) {}

  /** ALIAS explains the same move as OTHER_LEVEL better, so it sorts first; then issue order. */
  private static int order(Kind k) {
    return switch (k) {
      case ALIAS -> 0;
      case OTHER_LEVEL -> 1;
      case DISABLED -> 2;
      case TYPO -> 3;
      case YAML11_BOOLEAN -> 4;
    };
  }

  private static void aliases(
      ChartKeys node, List<String> user, List<String> prefix, List<Ranked> found) {
    int i = prefix.size();
    if (i >= user.size()) {
      return;
    }
    for (ChartKeys c : node.children()) {
      if (c.alias().isPresent()
          && !c.alias().get().equals(c.name())
          && c.name().equals(user.get(i))) {
        List<String> fixed = new ArrayList<>(user);
        fixed.set(i, c.alias().get());
        found.add(
            new Ranked(
                new KeySuggestion(
                    Kind.ALIAS,
                    KeyReader.display(fixed),
                    fixed,
                    "subchart `"
                        + c.name()
                        + "` is aliased as `"
                        + c.alias().get()
                        + "`; Helm ignores values under the original name"),
                0,
                0));
      }
      if (c.valuesKey().equals(user.get(i))) {
        List<String> p = new ArrayList<>(prefix);
        p.add(c.valuesKey());
        aliases(c, user, p, found);
      }
    }
  }

  private static void typos(
      ChartKeys at, List<String> prefix, List<String> rel, List<Ranked> found) {
    int j = 0;
    while (j < rel.size() && at.reader().verdict(rel.subList(0, j + 1)).isRead()) {
      j++;
    }
    if (j >= rel.size()) {
      return;
    }
    List<String> parent = rel.subList(0, j);
    String wrong = rel.get(j);
    Set<String> keys = new LinkedHashSet<>(at.reader().childKeys(parent));
    if (parent.isEmpty()) {
      for (ChartKeys c : at.children()) {
        keys.add(c.valuesKey());
      }
      keys.add("global");
      keys.add("tags");
    }
    for (String key : keys) {
      int d = distance(wrong, key);
      if (d == 0 || d > 2 || d >= Math.max(wrong.length(), key.length())) {
        continue;
      }
      List<String> fixed = new ArrayList<>(prefix);
      fixed.addAll(parent);
      fixed.add(key);
      fixed.addAll(rel.subList(j + 1, rel.size()));
      found.add(
          new Ranked(
              new KeySuggestion(
                  Kind.TYPO,
                  KeyReader.display(fixed),
                  fixed,
                  "`" + key + "` is read at that level (edit distance " + d + ")"),
              d,
              0));
    }
  }

  /** Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count 1). */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }

  private static String chartName(ChartKeys.Placed n) {
    return n.chart().chartPath().isEmpty()
        ? "chart " + n.chart().name()
        : "chart " + n.chart().chartPath();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
