package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vectors from Masterminds/semver constraints_test.go (TestConstraintCheck, TestConstraintsCheck,
 * TestConstraintsCheckIncludePrerelease, TestNewConstraint), carried over as facts.
 */
class VersionConstraintTest {

  @ParameterizedTest(name = "''{0}'' with {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          =2.0.0 ; 1.2.3 ; false
          =2.0.0 ; 2.0.0 ; true
          =2.0 ; 1.2.3 ; false
          =2.0 ; 2.0.0 ; true
          =2.0 ; 2.0.1 ; true
          4.1 ; 4.1.0 ; true
          !=4.1.0 ; 4.1.0 ; false
          !=4.1.0 ; 4.1.1 ; true
          !=4.1 ; 4.1.0 ; false
          !=4.1 ; 4.1.1 ; false
          !=4.1 ; 5.1.0-alpha.1 ; false
          !=4.1.0 ; 5.1.0-alpha.1 ; false
          !=4.1-alpha ; 4.1.0 ; true
          !=4.1 ; 5.1.0 ; true
          <11 ; 0.1.0 ; true
          <11 ; 11.1.0 ; false
          <1.1 ; 0.1.0 ; true
          <1.1 ; 1.1.0 ; false
          <1.1 ; 1.1.1 ; false
          <=11 ; 1.2.3 ; true
          <=11 ; 12.2.3 ; false
          <=11 ; 11.2.3 ; true
          <=1.1 ; 1.2.3 ; false
          <=1.1 ; 0.1.0 ; true
          <=1.1 ; 1.1.0 ; true
          <=1.1 ; 1.1.1 ; true
          >1.1 ; 4.1.0 ; true
          >1.1 ; 1.1.0 ; false
          >0 ; 0 ; false
          >0 ; 1 ; true
          >0 ; 0.0.1-alpha ; false
          >0.0 ; 0.0.1-alpha ; false
          >0-0 ; 0.0.1-alpha ; false
          >0.0-0 ; 0.0.1-alpha ; false
          >0 ; 0.0.0-alpha ; false
          >0-0 ; 0.0.0-alpha ; false
          >0.0.0-0 ; 0.0.0-alpha ; true
          >1.2.3-alpha.1 ; 1.2.3-alpha.2 ; true
          >1.2.3-alpha.1 ; 1.3.3-alpha.2 ; true
          >11 ; 11.1.0 ; false
          >11.1 ; 11.1.0 ; false
          >11.1 ; 11.1.1 ; false
          >11.1 ; 11.2.1 ; true
          >=11 ; 11.1.2 ; true
          >=11.1 ; 11.1.2 ; true
          >=11.1 ; 11.0.2 ; false
          >=1.1 ; 4.1.0 ; true
          >=1.1 ; 1.1.0 ; true
          >=1.1 ; 0.0.9 ; false
          >=0 ; 0.0.1-alpha ; false
          >=0.0 ; 0.0.1-alpha ; false
          >=0-0 ; 0.0.1-alpha ; true
          >=0.0-0 ; 0.0.1-alpha ; true
          >=0 ; 0.0.0-alpha ; false
          >=0-0 ; 0.0.0-alpha ; true
          >=0.0.0-0 ; 0.0.0-alpha ; true
          >=0.0.0-0 ; 1.2.3 ; true
          >=0.0.0-0 ; 3.4.5-beta.1 ; true
          <0 ; 0.0.0-alpha ; false
          <0-z ; 0.0.0-alpha ; true
          >=0 ; 0 ; true
          =0 ; 1 ; false
          * ; 1 ; true
          * ; 4.5.6 ; true
          * ; 1.2.3-alpha.1 ; false
          *-0 ; 1.2.3-alpha.1 ; true
          2.* ; 1 ; false
          2.* ; 3.4.5 ; false
          2.* ; 2.1.1 ; true
          2.1.* ; 2.1.1 ; true
          2.1.* ; 2.2.1 ; false
          2 ; 1 ; false
          2 ; 3.4.5 ; false
          2 ; 2.1.1 ; true
          2.1 ; 2.1.1 ; true
          2.1 ; 2.2.1 ; false
          ~1.2.3 ; 1.2.4 ; true
          ~1.2.3 ; 1.3.4 ; false
          ~1.2 ; 1.2.4 ; true
          ~1.2 ; 1.3.4 ; false
          ~1 ; 1.2.4 ; true
          ~1 ; 2.3.4 ; false
          ~0.2.3 ; 0.2.5 ; true
          ~0.2.3 ; 0.3.5 ; false
          ~1.2.3-beta.2 ; 1.2.3-beta.4 ; true
          ~1.2.3-beta.2 ; 1.2.4-beta.2 ; true
          ~1.2.3-beta.2 ; 1.3.4-beta.2 ; false
          ^1.2.3 ; 1.8.9 ; true
          ^1.2.3 ; 2.8.9 ; false
          ^1.2.3 ; 1.2.1 ; false
          ^1.1.0 ; 2.1.0 ; false
          ^1.2.0 ; 2.2.1 ; false
          ^1.2.0 ; 1.2.1-alpha.1 ; false
          ^1.2.0-alpha.0 ; 1.2.1-alpha.1 ; true
          ^1.2.0-alpha.0 ; 1.2.1-alpha.0 ; true
          ^1.2.0-alpha.2 ; 1.2.0-alpha.1 ; false
          ^1.2 ; 1.8.9 ; true
          ^1.2 ; 2.8.9 ; false
          ^1 ; 1.8.9 ; true
          ^1 ; 2.8.9 ; false
          ^0.2.3 ; 0.2.5 ; true
          ^0.2.3 ; 0.5.6 ; false
          ^0.2 ; 0.2.5 ; true
          ^0.2 ; 0.5.6 ; false
          ^0.0.3 ; 0.0.3 ; true
          ^0.0.3 ; 0.0.4 ; false
          ^0.0 ; 0.0.3 ; true
          ^0.0 ; 0.1.4 ; false
          ^0.0 ; 1.0.4 ; false
          ^0 ; 0.2.3 ; true
          ^0 ; 1.1.4 ; false
          ^0.2.3-beta.2 ; 0.2.3-beta.4 ; true
          ^0.2.3-beta.2 ; 0.2.4-beta.2 ; true
          ^0.2.3-beta.2 ; 0.3.4-beta.2 ; false
          ^0.2.3-beta.2 ; 0.2.3-beta.2 ; true
          """)
  void singleComparatorsMatchLikeMasterminds(String constraint, String version, boolean expected) {
    assertThat(VersionConstraint.parse(constraint).matches(Version.parse(version)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' with {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          * ; 1.2.3 ; true
          ~0.0.0 ; 1.2.3 ; true
          0.x.x ; 1.2.3 ; false
          0.0.x ; 1.2.3 ; false
          0.0.0 ; 1.2.3 ; false
          ^0.0.0 ; 1.2.3 ; false
          = 2.0 ; 1.2.3 ; false
          = 2.0 ; 2.0.0 ; true
          4.1.x ; 4.1.3 ; true
          1.x ; 1.4 ; true
          !=4.1-alpha ; 4.1.0-alpha ; false
          !=4.1-alpha ; 4.1.1-alpha ; false
          !=4.x ; 5.1.0 ; true
          !=4.x ; 4.1.0 ; false
          !=4.1.x ; 4.2.0 ; true
          !=4.2.x ; 4.2.3 ; false
          <1.x ; 1.1.1 ; false
          <1.x ; 0.1.1 ; true
          <1.x ; 2.0.0 ; false
          <1.1.x ; 1.2.1 ; false
          <1.1.x ; 1.1.500 ; false
          <1.1.x ; 1.0.500 ; true
          <1.2.x ; 1.1.1 ; true
          >=1.1 ; 4.1.0-beta ; false
          <=1.1 ; 0.1.0-alpha ; false
          <=1.1-a ; 0.1.0-alpha ; true
          <=1.x ; 1.1.0 ; true
          <=2.x ; 3.0.0 ; false
          <=1.1.x ; 1.2.500 ; false
          <=4.5 ; 3.4.0 ; true
          <=4.5 ; 3.7.0 ; true
          <=4.5 ; 4.6.3 ; false
          >1.1, <2 ; 1.1.1 ; false
          >1.1, <2 ; 1.2.1 ; true
          >1.1, <3 ; 4.3.2 ; false
          >=1.1, <2, !=1.2.3 ; 1.2.3 ; false
          >1.1 <2 ; 1.1.1 ; false
          >1.1 <2 ; 1.2.1 ; true
          >1.1    <3 ; 4.3.2 ; false
          >=1.1    <2    !=1.2.3 ; 1.2.3 ; false
          >=1.1, <2, !=1.2.3 || > 3 ; 4.1.2 ; true
          >=1.1, <2, !=1.2.3 || > 3 ; 3.1.2 ; false
          >=1.1, <2, !=1.2.3 || >= 3 ; 3.0.0 ; true
          >=1.1, <2, !=1.2.3 || > 3 ; 3.0.0 ; false
          >=1.1, <2, !=1.2.3 || > 3 ; 1.2.3 ; false
          >=1.1 <2 !=1.2.3 || > 3 ; 4.1.2 ; true
          > 1.1, <     2 ; 1.1.1 ; false
          >   1.1, <2 ; 1.2.1 ; true
          >= 1.1, <     2, !=1.2.3 ; 1.2.3 ; false
          > 1.1 < 2 ; 1.1.1 ; false
          >=1.1    < 2    != 1.2.3 ; 1.2.3 ; false
          >= 1.1 < 2 !=1.2.3 || > 3 ; 3.0.0 ; false
          >= 1.0.0  <= 2.0.0-beta ; 1.0.1-beta ; true
          >= 1.0.0  <= 2.0.0-beta ; 1.0.1 ; true
          >= 1.0.0  <= 2.0.0-beta ; 3.0.0 ; false
          >= 1.0.0  <= 2.0.0-beta || > 3 ; 1.0.1-beta ; true
          >= 1.0.0  <= 2.0.0-beta || > 3 ; 3.0.1-beta ; false
          >= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3 ; 1.0.1-beta ; true
          >= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3 ; 1.0.1-beta ; false
          >= 1.0.0-0  <= 2.0.0 ; 1.0.1-beta ; true
          1.1 - 2 ; 1.1.1 ; true
          1.5.0 - 4.5 ; 3.7.0 ; true
          1.1-3 ; 4.3.2 ; false
          ^1.1 ; 1.1.1 ; true
          ^1.1 ; 4.3.2 ; false
          ^1.x ; 1.1.1 ; true
          ^2.x ; 1.1.1 ; false
          ^1.x ; 2.1.1 ; false
          ^1.x ; 1.1.1-beta1 ; false
          ^1.1.2-alpha ; 1.2.1-beta1 ; true
          ^1.2.x-alpha ; 1.1.1-beta1 ; false
          ^0.0.1 ; 0.0.1 ; true
          ^0.0.1 ; 0.3.1 ; false
          ~* ; 2.1.1 ; true
          ~1 ; 2.1.1 ; false
          ~1 ; 1.3.5 ; true
          ~1 ; 1.4 ; true
          ~1.x ; 2.1.1 ; false
          ~1.x ; 1.3.5 ; true
          ~1.1 ; 1.1.1-alpha ; false
          ~1.1-alpha ; 1.1.1-beta ; true
          ~1.1.1-beta ; 1.1.1-alpha ; false
          ~1.1.1-beta ; 1.1.1 ; true
          ~1.2.3 ; 1.2.5 ; true
          ~1.2.3 ; 1.2.2 ; false
          ~1.2.3 ; 1.3.2 ; false
          ~1.1 ; 1.2.3 ; false
          ~1.3 ; 2.4.5 ; false
          1.0.0 - 2.0.0 <=2.0.0 ; 1.5.0 ; true
          1.0.0 - 2.0.0, <=2.0.0 ; 1.5.0 ; true
          """)
  void groupsMatchLikeMasterminds(String constraint, String version, boolean expected) {
    assertThat(VersionConstraint.parse(constraint).matches(Version.parse(version)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' with {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          >=1.1 ; 4.1.0-beta ; true
          >1.1 ; 4.1.0-beta ; true
          <=1.1 ; 0.1.0-alpha ; true
          <1.1 ; 0.1.0-alpha ; true
          ^1.x ; 1.1.1-beta1 ; true
          ~1.1 ; 1.1.1-alpha ; true
          * ; 1.2.3-alpha ; true
          = 2.0 ; 2.0.1-beta ; true
          ~1.1.1-beta ; 1.1.1-alpha ; false
          ~1.3.6-alpha ; 1.3.5-beta ; false
          ^1.1.1-beta ; 1.1.1-alpha ; false
          !=4.2.x ; 4.2.3 ; false
          """)
  void includePrereleaseLetsEveryGroupMatchPrereleases(
      String constraint, String version, boolean expected) {
    VersionConstraint c = VersionConstraint.parse(constraint).withIncludePrerelease(true);
    assertThat(c.matches(Version.parse(version))).isEqualTo(expected);
    assertThat(c.includePrerelease()).isTrue();
  }

  @ParameterizedTest(name = "''{0}'' has {1} group(s), first of {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          >= 1.1 ; 1 ; 1
          >40.50.60, < 50.70 ; 1 ; 2
          2.0 ; 1 ; 1
          v2.3.5-20161202202307-sha.e8fc5e5 ; 1 ; 1
          >= 1.2.3 < 2.0 ; 1 ; 2
          >= 1.2.3 < 2.0 || => 3.0 < 4 ; 2 ; 2
          >= 1.2.3, < 2.0 ; 1 ; 2
          >= 1.2.3, < 2.0 || => 3.0, < 4 ; 2 ; 2
          3 - 4 || => 3.0, < 4 ; 2 ; 2
          12.3.34 ~1.2.3 ; 1 ; 2
          1.0.0 - 2.0.0, <=2.0.0 ; 1 ; 3
          2 - 3 4.0.0 - 5.1 ; 1 ; 4
          """)
  void parseSplitsOrGroupsAndComparators(String constraint, int ors, int firstCount) {
    VersionConstraint c = VersionConstraint.parse(constraint);
    assertThat(c.groups()).hasSize(ors);
    assertThat(c.groups().get(0)).hasSize(firstCount);
    assertThat(c.original()).isEqualTo(constraint);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "   ",
        "foo",
        ">= bar",
        "BAR >= 1.2.3",
        "12.3.4.1234",
        "12.23.4.1234",
        "12.3.34.1234",
        "12.3.34~ 1.2.3",
        "1.2 ||",
        "|| 1.2",
        ">1,,<2",
        ">1,",
        "1.2 - ",
        "1.xx",
        "1.2x",
        "1.2.3-01",
        ">=99999999999999999999",
        "1 - 2 - 3",
        ">=1.2 <",
        ">1 1 - 2"
      })
  void parseRejectsBadInputWithTheInputInTheMessage(String constraint) {
    assertThatThrownBy(() -> VersionConstraint.parse(constraint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + constraint + "'");
  }

  @Test
  void parseRejectsOverlongInput() {
    assertThatThrownBy(() -> VersionConstraint.parse(">=1 ".repeat(2000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 4096");
  }

  @Test
  void errorNamesThePosition() {
    assertThatThrownBy(() -> VersionConstraint.parse(">=1.2, <bar"))
        .hasMessageContaining("position 9");
  }

  @Test
  void toStringIsCanonicalAndParsesBackToAnEqualConstraint() {
    VersionConstraint c = VersionConstraint.parse(">= 1.2.3,<2.0 ||  1.0 - v1.4.x || =>5");
    assertThat(c).hasToString(">=1.2.3 <2.0 || >=1.0 <=v1.4.x || =>5");
    assertThat(VersionConstraint.parse(c.toString())).isEqualTo(c);
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          2 - 3 ; '>= 2, <= 3 '
          2 - 3, 2 - 3 ; '>= 2, <= 3 ,>= 2, <= 3 '
          2 - 3, 4.0.0 - 5.1 ; '>= 2, <= 3 ,>= 4.0.0, <= 5.1 '
          2 - 3 4.0.0 - 5.1 ; '>= 2, <= 3 >= 4.0.0, <= 5.1 '
          1.0.0 - 2.0.0 <=2.0.0 ; '>= 1.0.0, <= 2.0.0 <=2.0.0'
          >1 1 - 2 ; '>1>= 1, <= 2 '
          3||1 - 2 ; '>= 3||1, <= 2 '
          1.2-1.4.5 ; 1.2-1.4.5
          """)
  void hyphenRangesAreRewrittenLikeMasterminds(String in, String out) {
    assertThat(VersionConstraint.rewriteRanges(in)).isEqualTo(out);
  }

  @Test
  void rangeAfterAnOrWithoutSpacesReadsLikeHelm() {
    VersionConstraint c = VersionConstraint.parse("3||1 - 2");
    assertThat(c).hasToString(">=3 || 1 <=2");
    assertThat(c.matches(Version.parse("1.5.0"))).isTrue();
    assertThat(c.matches(Version.parse("3.1.0"))).isTrue();
    assertThat(c.matches(Version.parse("2.0.0"))).isFalse();
  }

  @Test
  void hyphenWithoutSpacesIsAPrerelease() {
    VersionConstraint c = VersionConstraint.parse("1.2-1.4.5");
    assertThat(c.groups().get(0)).hasSize(1);
    assertThat(c.groups().get(0).get(0).con()).hasToString("1.2.0-1.4.5");
  }

  @Test
  void explainMismatchNamesTheFailingComparatorPerGroup() {
    VersionConstraint c = VersionConstraint.parse(">=1.1, <2 || >3");
    assertThat(c.explainMismatch(Version.parse("2.5.0")))
        .hasValue("2.5.0 does not satisfy <2; 2.5.0 does not satisfy >3");
    assertThat(c.explainMismatch(Version.parse("1.5.0"))).isEmpty();
    assertThat(c.explainMismatch(Version.parse("1.5.0-rc.1")).orElseThrow()).contains("prerelease");
  }

  @Test
  void isSerializable() throws Exception {
    VersionConstraint c = VersionConstraint.parse("^1.2 || ~3").withIncludePrerelease(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      VersionConstraint back = (VersionConstraint) in.readObject();
      assertThat(back).isEqualTo(c);
      assertThat(back.matches(Version.parse("1.9.0-rc.1"))).isTrue();
    }
  }
}
