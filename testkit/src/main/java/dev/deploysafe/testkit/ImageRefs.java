package dev.deploysafe.testkit;

import java.util.regex.Pattern;

/** Image reference normalisation as the container runtime does it (docker.io/library defaults). */
final class ImageRefs {
  // distribution/reference grammar, simplified: lower-case path components, optional tag/digest.
  private static final Pattern REF =
      Pattern.compile(
          "^(?:(?<host>[a-zA-Z0-9.-]+(?::[0-9]+)?|localhost(?::[0-9]+)?)/)?"
              + "(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
              + "(?::(?<tag>[\\w][\\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*:[0-9a-fA-F]{32,}))?$");

  private ImageRefs() {}

  static boolean invalid(String ref) {
    if (ref == null || ref.isBlank()) {
      return true;
    }
    String r = ref.trim();
    int slash = r.indexOf('/');
    if (slash > 0) {
      String first = r.substring(0, slash);
      boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
      if (!isHost && !first.equals(first.toLowerCase(java.util.Locale.ROOT))) {
        return true;
      }
    }
    return !REF.matcher(r).matches();
  }

  /** Returns the fully qualified form, e.g. {@code docker.io/library/nginx:latest}. */
  static String normalize(String ref) {
    String r = ref.trim();
    String host = "docker.io";
    String rest = r;
    int slash = r.indexOf('/');
    if (slash > 0) {
      String first = r.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        host = first;
        rest = r.substring(slash + 1);
      }
    }
    if (host.equals("docker.io") && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    int at = rest.indexOf('@');
    String nameTag = at < 0 ? rest : rest.substring(0, at);
    if (!nameTag.contains(":") && at < 0) {
      rest = rest + ":latest";
    }
    return host + "/" + rest;
  }

  static String host(String ref) {
    String n = normalize(ref);
    return n.substring(0, n.indexOf('/'));
  }

  static String repository(String ref) {
    String n = normalize(ref);
    String rest = n.substring(n.indexOf('/') + 1);
    int at = rest.indexOf('@');
    if (at >= 0) {
      rest = rest.substring(0, at);
    }
    int colon = rest.lastIndexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  static boolean hasLatestOrNoTag(String ref) {
    String r = ref.trim();
    if (r.contains("@")) {
      return false;
    }
    int slash = r.lastIndexOf('/');
    String last = slash < 0 ? r : r.substring(slash + 1);
    return !last.contains(":") || last.endsWith(":latest");
  }
}
