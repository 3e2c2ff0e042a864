package dev.deploysafe.helm;

import java.io.IOException;

/**
 * Checks a {@code --set-file} path the way Helm's {@code readFile} does before reading it: it calls
 * Go's {@code url.Parse} and fails on what that function rejects, then picks a getter by scheme.
 * Only the rejections a local path can plausibly hit are reproduced: control characters, a bad
 * {@code %} escape outside the query, a leading colon and a colon in the first segment of a
 * scheme-less path. See https://github.com/golang/go/blob/go1.25.0/src/net/url/url.go (parse).
 *
 * <p>Stateless and thread-safe.
 */
final class HelmUrl {

  private HelmUrl() {}

  /**
   * Returns the URL scheme in lower case ({@code ""} for a plain path).
   *
   * @throws IOException with Go's message when {@code url.Parse} would fail
   */
  static String check(String raw) throws IOException {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw fail(raw, "net/url: invalid control character in URL");
      }
    }
    String rest = raw;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      checkEscapes(raw, rest.substring(hash + 1));
      rest = rest.substring(0, hash);
    }
    if (rest.equals("*")) {
      return "";
    }
    String scheme = "";
    int colon = schemeEnd(rest);
    if (colon == 0) {
      throw fail(raw, "missing protocol scheme");
    }
    if (colon > 0) {
      scheme = rest.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
      rest = rest.substring(colon + 1);
    }
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (!rest.startsWith("/") && scheme.isEmpty()) {
      int slash = rest.indexOf('/');
      String segment = slash >= 0 ? rest.substring(0, slash) : rest;
      if (segment.contains(":")) {
        throw fail(raw, "first path segment in URL cannot contain colon");
      }
    }
    if (!(scheme.length() > 0 && !rest.startsWith("/"))) {
      checkEscapes(raw, rest);
    }
    return scheme;
  }

  /** Index of the colon ending a scheme, 0 for a leading colon, -1 when there is no scheme. */
  private static int schemeEnd(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return -1;
        }
        continue;
      }
      if (c == ':') {
        return i;
      }
      return -1;
    }
    return -1;
  }

  private static void checkEscapes(String raw, String part) throws IOException {
    for (int i = 0; i < part.length(); i++) {
      if (part.charAt(i) != '%') {
        continue;
      }
      if (i + 2 >= part.length() || !isHex(part.charAt(i + 1)) || !isHex(part.charAt(i + 2))) {
        String bad = part.substring(i, Math.min(part.length(), i + 3));
        throw fail(raw, "invalid URL escape " + GoText.quote(bad));
      }
      i += 2;
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static IOException fail(String raw, String reason) {
    return new IOException("parse " + GoText.quote(raw) + ": " + reason);
  }
}
