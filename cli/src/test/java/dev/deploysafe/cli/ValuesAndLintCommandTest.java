package dev.deploysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.testing.DeepStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuesAndLintCommandTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String CHART = "examples/charts/incident-1-umbrella";

  private static CliTest.Run run(String... args) {
    return CliTest.run(ROOT, "", args);
  }

  @Test
  void deepSetFlagsWorkOnTheCommandThreadAndFailClearlyOnASmallStack() throws Exception {
    String deep = "jupyterhub.x" + "[0]".repeat(5000) + "=1";
    CliTest.Run[] onMain = new CliTest.Run[2];
    int code =
        Main.onCommandThread(
            () -> (onMain[0] = run("values", "--chart", CHART, "--set", deep)).code());
    assertThat(code).as(onMain[0].err()).isZero();
    // Past 500 levels redaction cannot tell what a leaf is, so it masks it (fail closed).
    assertThat(onMain[0].out()).contains("\"x\":[[[[").contains("credacted").doesNotContain("1]]");
    Main.onCommandThread(
        () ->
            (onMain[1] = run("values", "--chart", CHART, "--set", deep, "--show-secrets")).code());
    assertThat(onMain[1].out()).contains("[1]]]]");
    CliTest.Run small =
        DeepStack.call(128 << 10, () -> run("values", "--chart", CHART, "--set", deep));
    assertThat(small.code()).isEqualTo(ExitCode.USAGE);
    assertThat(small.out() + small.err())
        .contains("nests too deeply")
        .doesNotContain("StackOverflowError")
        .doesNotContain("internal error");
  }

  @Test
  void endlessInputsAreRefusedByName() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")));
    CliTest.Run f = run("lint", "--chart", CHART, "-f", "/dev/zero");
    assertThat(f.code()).isEqualTo(ExitCode.USAGE);
    assertThat(f.err()).contains("/dev/zero is larger than the limit of 16777216 bytes");
    CliTest.Run y = run("yaml-lint", "/dev/zero");
    assertThat(y.code()).isEqualTo(ExitCode.FAILED);
    assertThat(y.out()).contains("yaml.too-large");
    CliTest.Run s = run("values", "--chart", CHART, "--set-file", "jupyterhub.x=/dev/zero");
    assertThat(s.code()).isEqualTo(ExitCode.USAGE);
    assertThat(s.out() + s.err()).contains("/dev/zero is larger than the limit");
  }

  /** Helm's error for a bad flag quotes the flag; a secret in it must still never be printed. */
  @Test
  void secretsInBrokenFlagsNeverReachTheOutput() {
    String secret = "hunter2-not-for-logs";
    for (String command : List.of("values", "lint")) {
      for (String format : List.of("text", "json", "sarif", "junit", "markdown")) {
        CliTest.Run r =
            run(
                command,
                "--chart",
                CHART,
                "--format",
                format,
                "--set-json",
                "jupyterhub.hub.password={\"x\":\"" + secret + "\"");
        assertThat(r.code()).as(command + " " + format).isNotZero();
        assertThat(r.out() + r.err()).as(command + " " + format).doesNotContain(secret);
      }
    }
  }

  @Test
  void lintFindsIncidentOneAndExitsOne() {
    CliTest.Run r = run("lint", "--chart", CHART, "-f", CHART + "/values-broken.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out())
        .contains("ERROR values.key.unused " + CHART + "/values-broken.yaml:4:1")
        .contains("jupyterhub.imagePullSecret");
  }

  @Test
  void lintPassesTheFixAndRendersEveryFormat() {
    assertThat(run("lint", "--chart", CHART, "-f", CHART + "/values-fixed.yaml").code()).isZero();
    CliTest.Run sarif =
        run("lint", "--format", "sarif", "--chart", CHART, "-f", CHART + "/values-broken.yaml");
    assertThat(sarif.out())
        .contains("\"ruleId\" : \"values.key.unused\"")
        .contains("\"startLine\" : 4");
  }

  @Test
  void valuesPrintsHelmJsonAndAppliesSetFamiliesInHelmOrder() {
    CliTest.Run r =
        run(
            "values",
            "--chart",
            CHART,
            "--set-string",
            "jupyterhub.hub.x=1",
            "--set",
            "jupyterhub.hub.x=2",
            "--set",
            "jupyterhub.hub.n=10");
    assertThat(r.code()).as(r.err()).isZero();
    // --set-string is applied after --set whatever the command-line order.
    assertThat(r.out()).contains("\"x\":\"1\"").contains("\"n\":10");
  }

  @Test
  void valuesMasksSecretsUnlessAsked() {
    CliTest.Run masked = run("values", "--chart", CHART, "-f", CHART + "/values-fixed.yaml");
    assertThat(masked.out())
        .doesNotContain("not-a-real-password")
        .contains("\\u003credacted\\u003e");
    CliTest.Run shown =
        run("values", "--chart", CHART, "-f", CHART + "/values-fixed.yaml", "--show-secrets");
    assertThat(shown.out()).contains("not-a-real-password");
    CliTest.Run explain =
        run(
            "values",
            "--chart",
            CHART,
            "-f",
            CHART + "/values-fixed.yaml",
            "--explain",
            "jupyterhub.imagePullSecret.password");
    assertThat(explain.out())
        .contains("values-fixed.yaml:7:5")
        .doesNotContain("not-a-real-password");
  }

  @Test
  void badInputsAreUsageErrorsWithHelmsMessage(@TempDir Path dir) throws Exception {
    CliTest.Run noChart = run("values");
    assertThat(noChart.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noChart.err()).contains("--chart PATH is required");
    CliTest.Run badSet = run("values", "--chart", CHART, "--set", "a");
    assertThat(badSet.code()).isEqualTo(ExitCode.USAGE);
    assertThat(badSet.err()).contains("key \"a\" has no value");
    CliTest.Run secretFlag = run("values", "--chart", CHART, "--set", "db.password=hunter22,x");
    assertThat(secretFlag.code()).isEqualTo(ExitCode.USAGE);
    assertThat(secretFlag.err()).doesNotContain("hunter22");
    CliTest.Run badQuote = run("lint", "--chart", CHART, "-f", "\"a.yaml");
    assertThat(badQuote.code()).isEqualTo(ExitCode.USAGE);
    assertThat(badQuote.err()).doesNotContain("internal error");
    CliTest.Run missing = run("lint", "--chart", CHART, "-f", "nope.yaml");
    assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("nope.yaml").doesNotContain("\tat ");
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: [broken\n");
    CliTest.Run broken = CliTest.run(dir, "", "lint", "--chart", ".");
    assertThat(broken.code()).isNotZero();
    assertThat(broken.out() + broken.err()).contains("Chart.yaml").doesNotContain("\tat ");
  }
}
