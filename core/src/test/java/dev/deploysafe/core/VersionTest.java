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

/** Vectors from Masterminds/semver version_test.go (TestNewVersion, TestCompare), as facts. */
class VersionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          1.2.3                                ; 1.2.3
          v1.2.3                               ; 1.2.3
          1.0                                  ; 1.0.0
          v1.0                                 ; 1.0.0
          1                                    ; 1.0.0
          v1                                   ; 1.0.0
          1.2-5                                ; 1.2.0-5
          v1.2-5                               ; 1.2.0-5
          1.2-beta.5                           ; 1.2.0-beta.5
          1.2.3+test.01                        ; 1.2.3+test.01
          1.2.3-alpha.-1                       ; 1.2.3-alpha.-1
          1.2.0-x.Y.0+metadata                 ; 1.2.0-x.Y.0+metadata
          1.2.0-x.Y.0+metadata-width-hypen     ; 1.2.0-x.Y.0+metadata-width-hypen
          1.2.3-rc1-with-hypen                 ; 1.2.3-rc1-with-hypen
          1.2.2147483648                       ; 1.2.2147483648
          2147483648.3.0                       ; 2147483648.3.0
          20221209-update-renovatejson-v4      ; 20221209.0.0-update-renovatejson-v4
          01.1.1                               ; 1.1.1
          1.01.1                               ; 1.1.1
          2024.01.05                           ; 2024.1.5
          1.2.3----RC-SNAPSHOT.12.9.1--.12+788   ; 1.2.3----RC-SNAPSHOT.12.9.1--.12+788
          """)
  void parseCoercesLikeHelm(String input, String canonical) {
    Version v = Version.parse(input);
    assertThat(v.toString()).isEqualTo(canonical);
    assertThat(v.original()).isEqualTo(input);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "foo",
        "1.2.beta",
        "v1.2.beta",
        "\n1.2",
        "1.2.3.4",
        "1.2.3-alpha.01",
        "1.2.3-0123",
        "1.2.3-0123.0123",
        "1.1.2+.123",
        "+invalid",
        "-invalid",
        "-invalid.01",
        "alpha+beta",
        "1.2.3-alpha_beta",
        "1.0.0-alpha..1",
        "9.8.7+meta+meta",
        "V1.2.3",
        "1.2.3 ",
        "99999999999999999999.0.0"
      })
  void parseRejectsWithTheInputInTheMessage(String input) {
    assertThatThrownBy(() -> Version.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + input + "'");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1.2.3", "1.2", "1", "01.2.3", "1.2.03", "1.2.3-01"})
  void parseStrictRejectsWhatOnlyCoercionAccepts(String input) {
    assertThatThrownBy(() -> Version.parseStrict(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(input);
  }

  @Test
  void parseStrictAcceptsFullSemver() {
    assertThat(Version.parseStrict("1.2.3-rc.1+build.5"))
        .isEqualTo(new Version(1, 2, 3, "rc.1", "build.5", "1.2.3-rc.1+build.5"));
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource({
    "1.2.3, 1.5.1, -1",
    "2.2.3, 1.5.1, 1",
    "2.2.3, 2.2.2, 1",
    "3.2-beta, 3.2-beta, 0",
    "1.3, 1.1.4, 1",
    "4.2, 4.2-beta, 1",
    "4.2-beta, 4.2, -1",
    "4.2-alpha, 4.2-beta, -1",
    "4.2-alpha, 4.2-alpha, 0",
    "4.2-alpha, 4.2-alpha.1, -1",
    "4.2-alpha.9, 4.2-alpha.10, -1",
    "4.2-alpha.999, 4.2-beta, -1",
    "4.2-beta.2, 4.2-beta.1, 1",
    "4.2-beta2, 4.2-beta1, 1",
    "4.2-beta, 4.2-beta.2, -1",
    "4.2-beta, 4.2-beta.foo, -1",
    "4.2-beta.2, 4.2-beta, 1",
    "4.2-beta.foo, 4.2-beta, 1",
    "1.2+bar, 1.2+baz, 0",
    "1.0.0-beta.4, 1.0.0-beta.-2, -1",
    "1.0.0-beta.-2, 1.0.0-beta.-3, -1",
    "1.0.0-beta.-3, 1.0.0-beta.5, 1",
    "1.0.0-BETA, 1.0.0-alpha, -1",
    "1.0.0-1, 1.0.0-alpha, -1",
    "1.0.0-99999999999999999999, 1.0.0-1, 1"
  })
  void compareFollowsMastermindsPrecedence(String a, String b, int expected) {
    assertThat(Integer.signum(Version.parse(a).compareTo(Version.parse(b)))).isEqualTo(expected);
    assertThat(Integer.signum(Version.parse(b).compareTo(Version.parse(a)))).isEqualTo(-expected);
  }

  @Test
  void buildMetadataIsIgnoredByCompareButNotByEquals() {
    Version a = Version.parse("1.0.0+a");
    Version b = Version.parse("1.0.0+b");
    assertThat(a.compareTo(b)).isZero();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void originalKeepsTheSpellingAndToStringIsCanonical() {
    Version v = Version.parse("v1.2");
    assertThat(v.original()).isEqualTo("v1.2");
    assertThat(v).hasToString("1.2.0");
    assertThat(Version.of(1, 2, 0).original()).isEqualTo("1.2.0");
  }

  @Test
  void constructorRejectsInvalidParts() {
    assertThatThrownBy(() -> new Version(-1, 0, 0, "", "", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Version(1, 0, 0, "a..b", "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a..b");
    assertThatThrownBy(() -> new Version(1, 0, 0, "", "x_y", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x_y");
  }

  @Test
  void isSerializable() throws Exception {
    Version v = Version.parse("v1.2.3-rc.1+b");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(v);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(v);
    }
  }

  @Test
  void hugeInputIsRejectedQuicklyWithAShortMessage() {
    String huge = "1.2.3-" + "a.".repeat(200_000) + "!";
    assertThatThrownBy(() -> Version.parse(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
  }
}
