package dev.deploysafe.helm;

import dev.deploysafe.core.Version;
import dev.deploysafe.core.VersionConstraint;
import java.util.Optional;

/**
 * Decides whether a chart version satisfies a dependency's version constraint the way Helm's {@code
 * IsCompatibleRange} does: an unparsable constraint or version never matches. The semver rules
 * themselves are core's {@link VersionConstraint} (Masterminds v3, differential-tested against
 * Helm).
 */
final class VersionRange {

  private VersionRange() {}

  /** Parses a chart version with Masterminds' coercing rules, or returns empty. */
  static Optional<Version> parseVersion(String s) {
    try {
      return Optional.of(Version.parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Tells whether {@code version} satisfies {@code constraint}; false when either is malformed. */
  static boolean isCompatible(String constraint, String version) {
    Optional<Version> v = parseVersion(version);
    if (v.isEmpty()) {
      return false;
    }
    try {
      return VersionConstraint.parse(constraint).matches(v.get());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
