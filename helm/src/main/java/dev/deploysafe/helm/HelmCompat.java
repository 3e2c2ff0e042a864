package dev.deploysafe.helm;

/**
 * Names the Helm release whose values rules to follow. The two differ in one rule: from v4.2 on,
 * {@code null}s in a subchart's default values are dropped when coalescing instead of being kept
 * (helm/helm commit 00638773 and helm#32530); v4.1 keeps them.
 *
 * <p>Immutable and thread-safe.
 */
public enum HelmCompat {
  /** Helm v4.1 (proven against v4.1.4): chart-default nulls are kept. */
  V4_1,
  /** Helm v4.2 and later: nulls in subchart defaults are dropped while coalescing. */
  V4_2;

  /** Parses {@code 4.1} or {@code 4.2} (a leading {@code v} is allowed). */
  public static HelmCompat parse(String text) {
    String t = text.trim();
    if (t.startsWith("v")) {
      t = t.substring(1);
    }
    return switch (t) {
      case "4.1" -> V4_1;
      case "4.2" -> V4_2;
      default -> throw new IllegalArgumentException("helm compat must be 4.1 or 4.2: " + text);
    };
  }
}
