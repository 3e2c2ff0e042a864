package dev.deploysafe.helm;

/**
 * Matches names against shell patterns exactly as Go's {@code path/filepath.Match} does on Unix:
 * {@code *} matches any run of characters except {@code /}, {@code ?} one such character, {@code
 * [a-z]} and {@code [^a-z]} a character class, and {@code \} escapes the next character. The whole
 * name must match. A malformed pattern is an error, as Go's {@code ErrBadPattern}.
 */
final class GoGlob {

  /** Go's {@code filepath.ErrBadPattern}. */
  static final class BadPattern extends Exception {
    private static final long serialVersionUID = 1L;

    BadPattern() {
      super("syntax error in pattern", null, false, false);
    }
  }

  private GoGlob() {}

  /** Tells whether {@code name} matches {@code pattern}. */
  static boolean match(String pattern, String name) throws BadPattern {
    int[] p = pattern.codePoints().toArray();
    int[] n = name.codePoints().toArray();
    int pi = 0;
    int ni = 0;
    pattern:
    while (pi < p.length) {
      boolean star = false;
      while (pi < p.length && p[pi] == '*') {
        pi++;
        star = true;
      }
      int chunkStart = pi;
      pi = chunkEnd(p, pi);
      int chunkEnd = pi;
      if (star && chunkStart == chunkEnd) {
        // A trailing star matches the rest unless it holds a separator.
        for (int i = ni; i < n.length; i++) {
          if (n[i] == '/') {
            return false;
          }
        }
        return true;
      }
      int t = matchChunk(p, chunkStart, chunkEnd, n, ni);
      if (t >= 0 && (t == n.length || pi < p.length)) {
        ni = t;
        continue;
      }
      if (star) {
        for (int i = ni; i < n.length && n[i] != '/'; i++) {
          t = matchChunk(p, chunkStart, chunkEnd, n, i + 1);
          if (t >= 0) {
            if (pi == p.length && t != n.length) {
              continue;
            }
            ni = t;
            continue pattern;
          }
        }
      }
      // No match here; a malformed rest of the pattern is still an error, as in Go.
      validate(p, pi);
      return false;
    }
    return ni == n.length;
  }

  /** Checks that the pattern from {@code from} on is well formed. */
  private static void validate(int[] p, int from) throws BadPattern {
    int pi = from;
    while (pi < p.length) {
      while (pi < p.length && p[pi] == '*') {
        pi++;
      }
      int start = pi;
      pi = chunkEnd(p, pi);
      matchChunk(p, start, pi, new int[0], 0);
    }
  }

  /** Returns the end of the chunk (up to the next unescaped, unbracketed {@code *}). */
  private static int chunkEnd(int[] p, int from) {
    boolean inRange = false;
    int i = from;
    for (; i < p.length; i++) {
      switch (p[i]) {
        case '\\' -> {
          if (i + 1 < p.length) {
            i++;
          }
        }
        case '[' -> inRange = true;
        case ']' -> inRange = false;
        case '*' -> {
          if (!inRange) {
            return i;
          }
        }
        default -> {}
      }
    }
    return i;
  }

  /** Matches one chunk at the start of {@code n[ni..]}; returns the index after the match or -1. */
  private static int matchChunk(int[] p, int from, int to, int[] n, int ni) throws BadPattern {
    boolean failed = false;
    int i = from;
    while (i < to) {
      if (!failed && ni >= n.length) {
        failed = true;
      }
      int c = p[i];
      if (c == '[') {
        int r = 0;
        if (!failed) {
          r = n[ni];
          ni++;
        }
        i++;
        boolean negated = false;
        if (i < to && p[i] == '^') {
          negated = true;
          i++;
        }
        boolean matched = false;
        int count = 0;
        while (true) {
          if (i < to && p[i] == ']' && count > 0) {
            i++;
            break;
          }
          int[] lo = escapedChar(p, i, to);
          i = lo[1];
          int hi = lo[0];
          if (i < to && p[i] == '-') {
            int[] h = escapedChar(p, i + 1, to);
            i = h[1];
            hi = h[0];
          }
          if (lo[0] <= r && r <= hi) {
            matched = true;
          }
          count++;
        }
        if (matched == negated) {
          failed = true;
        }
      } else if (c == '?') {
        if (!failed) {
          if (n[ni] == '/') {
            failed = true;
          }
          ni++;
        }
        i++;
      } else if (c == '\\') {
        i++;
        if (i >= to) {
          throw new BadPattern();
        }
        if (!failed) {
          if (p[i] != n[ni]) {
            failed = true;
          }
          ni++;
        }
        i++;
      } else {
        if (!failed) {
          if (c != n[ni]) {
            failed = true;
          }
          ni++;
        }
        i++;
      }
    }
    return failed ? -1 : ni;
  }

  /** Reads one possibly escaped class character: {code point, next index}. */
  private static int[] escapedChar(int[] p, int i, int to) throws BadPattern {
    if (i >= to || p[i] == '-' || p[i] == ']') {
      throw new BadPattern();
    }
    int c = p[i];
    int next = i + 1;
    if (c == '\\') {
      if (i + 1 >= to) {
        throw new BadPattern();
      }
      c = p[i + 1];
      next = i + 2;
    }
    if (next >= to) {
      throw new BadPattern(); // an unterminated class
    }
    return new int[] {c, next};
  }
}
