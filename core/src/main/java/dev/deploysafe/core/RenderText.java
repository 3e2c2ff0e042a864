package dev.deploysafe.core;

/** Text clean-up shared by the renderers: bad UTF-16, control characters, length. */
final class RenderText {

  private RenderText() {}

  /** Replaces unpaired surrogates (which no encoder can write) with U+FFFD. */
  static String clean(String s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!bad) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        bad = Character.isLowSurrogate(c);
      }
      if (bad && out == null) {
        out = new StringBuilder(n).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Normalises CR LF and lone CR to LF. */
  static String unixNewlines(String s) {
    return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * Tells whether a character must not reach a terminal or a review UI as is: C0/C1 controls other
   * than tab and newline (ESC starts ANSI sequences), and the bidirectional overrides that make
   * text read differently from how it is stored.
   */
  static boolean isUnsafe(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return Character.getType(c) == Character.CONTROL
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }

  /** Writes unsafe characters as visible {@code \\uXXXX} escapes; keeps newlines and tabs. */
  static String escapeUnsafe(String s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(s, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Cuts text longer than {@code max} characters, saying how much was left out. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = max;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return s.substring(0, cut) + "\u2026 (" + (s.length() - cut) + " more characters)";
  }

  /** Clean, unix newlines, unsafe characters escaped, cut at {@code max}. */
  static String forPeople(String s, int max) {
    return escapeUnsafe(unixNewlines(truncate(clean(s), max)));
  }

  /** Counts as people say it: {@code 1 error}, {@code 2 errors}. */
  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
