package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the example of core/README.md, so the README cannot rot. */
class ReadmeExampleTest {

  @Test
  void readmeExampleWorks() {
    Check<Version> notOlder =
        Checks.of(
            "chart.version.downgrade",
            v -> v.compareTo(Version.parse("1.5.2")) >= 0,
            v -> "chart " + v + " < deployed 1.5.2");
    Check<Version> inRange =
        Checks.of(
            "chart.version.range",
            VersionConstraint.parse(">= 1.4, < 2.0 || ^3")::matches,
            v -> v + " outside >= 1.4, < 2.0 || ^3");
    Report report = Checks.allOf(notOlder, inRange).check(Version.parse("v1.4.0"));
    String sarif =
        Reports.render(report, Format.SARIF, RenderOptions.defaults().withToolVersion("0.1.0"));
    String junit = Reports.render(report, Format.parse("junit"));
    String safe = Redaction.redactText("curl -H 'Authorization: Bearer abc'");

    assertThat(report.toText()).contains("chart 1.4.0 < deployed 1.5.2").contains("FAILED");
    assertThat(sarif).contains("chart.version.downgrade");
    assertThat(junit).contains("name=\"chart.version.range\"");
    assertThat(safe).isEqualTo("curl -H 'Authorization: <redacted>");
  }
}
