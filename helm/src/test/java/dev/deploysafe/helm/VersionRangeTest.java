package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dependency version matching as Helm's IsCompatibleRange decides it (Masterminds semver v3); the
 * differential test exercises the same forms against the real Helm.
 */
class VersionRangeTest {
  @ParameterizedTest(name = "\"{0}\" matches {1}: {2}")
  @CsvSource({
    "0.1.0, 0.1.0, true",
    "'', 0.1.0, false",
    "^0.1, 0.1.5, true",
    "^0.1, 0.2.0, false",
    "^0.0.1, 0.1.0, false",
    "~0.1.0, 0.1.9, true",
    "~0.1.0, 0.2.0, false",
    ">=1.0.0, 0.1.0, false",
    "0.1.x, 0.1.7, true",
    "!=0.1.0, 0.1.0, false",
    "'>0.0.9 <0.2.0', 0.1.0, true",
    "0.2.0 || 0.1.0, 0.1.0, true",
    "1.2 - 1.4, 1.3.0, true",
    "1.2 - 1.4, 1.5.0, false",
    "*, 1.0.0, true",
    ">=0.1.0, 0.2.0-beta, false",
    ">=0.1.0-0, 0.2.0-beta, true",
    "v0.1.0, 0.1.0, true",
    "0.1.0, not-a-version, false"
  })
  void matchesLikeHelm(String constraint, String version, boolean expected) {
    assertThat(VersionRange.isCompatible(constraint, version)).isEqualTo(expected);
  }
}
