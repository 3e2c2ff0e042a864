package dev.deploysafe.core;

import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Holds a semantic version as Helm reads chart and app versions (Masterminds semver v3): {@code
 * MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, with the spelling the user wrote kept in {@link
 * #original()}.
 *
 * <p><b>Order</b> ({@link #compareTo}) follows semver 2.0 precedence as Masterminds implements it:
 * numbers first, a prerelease sorts before its release, prerelease identifiers compare one by one
 * (numeric ones as numbers and before alphanumeric ones, alphanumeric ones in ASCII order so {@code
 * BETA < alpha}, a shorter list first when all shared ones are equal), and build metadata is
 * ignored. The order is therefore <em>not consistent with {@link #equals}</em>: {@code 1.0.0+a} and
 * {@code 1.0.0+b} compare as 0 but are not equal, and neither are {@code v1.2} and {@code 1.2.0}
 * (their originals differ). Helm cannot order chart versions that differ only in build metadata
 * either; callers should treat that case as ambiguous.
 *
 * <p>Numbers are limited to {@link Long#MAX_VALUE} (Masterminds allows up to 2<sup>64</sup>-1);
 * larger ones are rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number
 * @param prerelease dot-separated prerelease identifiers without the leading {@code -}, or {@code
 *     ""}
 * @param metadata dot-separated build identifiers without the leading {@code +}, or {@code ""}
 * @param original the text this version was parsed from; {@code ""} given to the constructor
 *     becomes the canonical form
 */
public record Version(
    long major, long minor, long patch, String prerelease, String metadata, String original)
    implements Comparable<Version>, Serializable {

  private static final long serialVersionUID = 1L;

  private static final int MAX_SHOWN = 200;

  /** Checks the parts: numbers not negative, identifiers valid. */
  public Version {
    Objects.requireNonNull(prerelease, "prerelease");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(original, "original");
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(
          "version numbers must be >= 0: " + major + "." + minor + "." + patch);
    }
    String problem = prereleaseProblem(prerelease);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    problem = metadataProblem(metadata);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (original.isEmpty()) {
      original = canonical(major, minor, patch, prerelease, metadata);
    }
  }

  /** Returns the release version {@code major.minor.patch}. */
  public static Version of(long major, long minor, long patch) {
    return new Version(major, minor, patch, "", "", "");
  }

  /**
   * Reads a version the way Helm does (Masterminds {@code NewVersion} with coercion): an optional
   * {@code v}, missing minor and patch become 0 ({@code 1.2} is {@code 1.2.0}), and leading zeros
   * are allowed in the numbers ({@code 2024.01.05}) but not in numeric prerelease identifiers.
   *
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static Version parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("invalid version '': empty");
    }
    Version v = scan(text, false);
    if (v == null) {
      throw new IllegalArgumentException(
          "invalid version '"
              + shown(text)
              + "': expected [v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]");
    }
    return v;
  }

  /**
   * Reads a strict semver 2.0 version (Masterminds {@code StrictNewVersion}): exactly three numbers
   * without leading zeros and without a {@code v}.
   *
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static Version parseStrict(String text) {
    Objects.requireNonNull(text, "text");
    Version v = scan(text, true);
    if (v == null) {
      throw new IllegalArgumentException(
          "invalid strict version '"
              + shown(text)
              + "': expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] without leading zeros or v");
    }
    return v;
  }

  /**
   * Scans {@code [v]N[.N[.N]][-ids][+ids]} by hand (a regex would recurse once per identifier and
   * overflow the stack on hostile input); returns null when the shape is wrong and throws when the
   * shape is right but a part is invalid.
   */
  private static @Nullable Version scan(String text, boolean strict) {
    int n = text.length();
    int i = 0;
    if (!strict && i < n && text.charAt(i) == 'v') {
      i++;
    }
    String[] nums = new String[3];
    int count = 0;
    while (count < 3) {
      if (count > 0) {
        if (i + 1 < n && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      int start = i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        return null;
      }
      nums[count++] = text.substring(start, i);
    }
    if (strict) {
      if (count != 3) {
        return null;
      }
      for (String num : nums) {
        if (num.length() > 1 && num.charAt(0) == '0') {
          return null;
        }
      }
    }
    String pre = null;
    if (i < n && text.charAt(i) == '-') {
      int end = identifiersEnd(text, i + 1);
      if (end < 0) {
        return null;
      }
      pre = text.substring(i + 1, end);
      i = end;
    }
    String meta = null;
    if (i < n && text.charAt(i) == '+') {
      int end = identifiersEnd(text, i + 1);
      if (end < 0) {
        return null;
      }
      meta = text.substring(i + 1, end);
      i = end;
    }
    if (i != n) {
      return null;
    }
    return build(text, nums[0], nums[1], nums[2], pre, meta);
  }

  /** End of {@code id(.id)*} with ids of [0-9A-Za-z-]+ starting at {@code i}, or -1. */
  private static int identifiersEnd(String text, int i) {
    int n = text.length();
    while (true) {
      int start = i;
      while (i < n && isIdentifierChar(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -1;
      }
      if (i < n && text.charAt(i) == '.') {
        i++;
      } else {
        return i;
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  private static Version build(
      String text,
      String maj,
      @Nullable String min,
      @Nullable String pat,
      @Nullable String pre,
      @Nullable String meta) {
    try {
      return new Version(
          number(maj),
          min == null ? 0 : number(min),
          pat == null ? 0 : number(pat),
          pre == null ? "" : pre,
          meta == null ? "" : meta,
          text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid version '" + shown(text) + "': " + e.getMessage(), e);
    }
  }

  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "number " + shown(digits) + " is larger than " + Long.MAX_VALUE, e);
    }
  }

  static String shown(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }

  /** Tells whether this is a prerelease ({@code 1.2.3-rc.1}). */
  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** Returns a copy with another prerelease ({@code ""} for none) and no build metadata. */
  public Version withPrerelease(String newPrerelease) {
    return new Version(major, minor, patch, newPrerelease, "", "");
  }

  /**
   * Compares by precedence; build metadata and the original spelling are ignored (see the class
   * comment).
   */
  @Override
  public int compareTo(Version o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
      // A release sorts after any of its prereleases.
      return Boolean.compare(prerelease.isEmpty(), o.prerelease.isEmpty());
    }
    return comparePrerelease(prerelease, o.prerelease);
  }

  /**
   * Compares two prerelease strings identifier by identifier, the way Masterminds does, including
   * its treatment of an empty string as one empty identifier.
   */
  static int comparePrerelease(String a, String b) {
    String[] as = a.split("\\.", -1);
    String[] bs = b.split("\\.", -1);
    int n = Math.max(as.length, bs.length);
    for (int i = 0; i < n; i++) {
      int c = compareIdentifier(i < as.length ? as[i] : "", i < bs.length ? bs[i] : "");
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareIdentifier(String s, String o) {
    if (s.equals(o)) {
      return 0;
    }
    if (s.isEmpty()) {
      return -1;
    }
    if (o.isEmpty()) {
      return 1;
    }
    @Nullable Long sn = numeric(s);
    @Nullable Long on = numeric(o);
    if (sn != null && on != null) {
      return Long.compareUnsigned(sn, on);
    }
    if (sn != null) {
      return -1;
    }
    if (on != null) {
      return 1;
    }
    return s.compareTo(o) > 0 ? 1 : -1;
  }

  /** The identifier as an unsigned 64-bit number, or null when it is not all digits or too big. */
  private static @Nullable Long numeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable String prereleaseProblem(String pre) {
    if (pre.isEmpty()) {
      return null;
    }
    for (String id : pre.split("\\.", -1)) {
      if (id.isEmpty()) {
        return "empty prerelease identifier in '" + shown(pre) + "'";
      }
      if (!isIdentifier(id)) {
        return "prerelease identifier '" + shown(id) + "' has characters outside [0-9A-Za-z-]";
      }
      if (id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
        return "numeric prerelease identifier '" + shown(id) + "' has a leading zero";
      }
    }
    return null;
  }

  private static @Nullable String metadataProblem(String meta) {
    if (meta.isEmpty()) {
      return null;
    }
    for (String id : meta.split("\\.", -1)) {
      if (id.isEmpty() || !isIdentifier(id)) {
        return "build metadata '" + shown(meta) + "' must be dot-separated [0-9A-Za-z-]+";
      }
    }
    return null;
  }

  private static boolean isIdentifier(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (!isIdentifierChar(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String canonical(long ma, long mi, long pa, String pre, String meta) {
    StringBuilder b = new StringBuilder().append(ma).append('.').append(mi).append('.').append(pa);
    if (!pre.isEmpty()) {
      b.append('-').append(pre);
    }
    if (!meta.isEmpty()) {
      b.append('+').append(meta);
    }
    return b.toString();
  }

  /**
   * Renders the canonical form {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, without a {@code v}
   * and with coerced parts filled in; {@link #parse} reads it back to an equal-comparing version.
   */
  @Override
  public String toString() {
    return canonical(major, minor, patch, prerelease, metadata);
  }
}
