package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins typing, list, multi-document and loader quirks (§1, §2, §6), each checked against Helm. */
class QuirksTest {
  @TempDir Path dir;

  @Test
  void listsAreReplacedWholeNeverMerged() throws Exception {
    HelmCase.run(
            NullRulesTest.chart("l: [1, 2, {a: 1}]", "") + "=== user0.yaml\nl: [{b: 2}]\n", dir)
        .expect("", "{\"l\":[{\"b\":2}],\"sub\":{\"global\":{}}}");
  }

  @Test
  void yaml11BooleanKeysBecomeTrueAndFalse() throws Exception {
    HelmCase.run(NullRulesTest.chart("m: {x: 1, y: 2, off: 3, 'y': 4}", ""), dir)
        .expect("", "{\"m\":{\"false\":3,\"true\":2,\"x\":1,\"y\":4},\"sub\":{\"global\":{}}}");
  }

  @Test
  void fileNumbersAreFloatsAndSetIntegersAreInt64() throws Exception {
    HelmCase.run(
            NullRulesTest.chart("a: 1000000\nb: 0777\nc: 1e5\nd: 123456789012345678", ""),
            List.of("e=1000000", "f=0777"),
            ValuesOptions.defaults(),
            dir)
        .expect(
            "",
            "{\"a\":1000000,\"b\":511,\"c\":100000,\"d\":123456789012345680,\"e\":1000000,"
                + "\"f\":\"0777\",\"sub\":{\"global\":{}}}");
  }

  @Test
  void userMapOverChartScalarWinsWithHelmsWarning() throws Exception {
    HelmCase c =
        HelmCase.run(NullRulesTest.chart("x: 5", "") + "=== user0.yaml\nx: {k: 1}\n", dir)
            .expect("", "{\"sub\":{\"global\":{}},\"x\":{\"k\":1}}");
    assertThat(c.lib.report().warnings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).isEqualTo("warning: skipped value for top.x: Not a table.");
              assertThat(f.location().file()).endsWith("user0.yaml");
              assertThat(f.location().line()).isEqualTo(1);
            });
  }

  @Test
  void nestedUserScalarOverChartMapWinsWithHelmsWarning() throws Exception {
    HelmCase c =
        HelmCase.run(NullRulesTest.chart("a: {t: {k: 1}}", "") + "=== user0.yaml\na: {t: 3}\n", dir)
            .expect("", "{\"a\":{\"t\":3},\"sub\":{\"global\":{}}}");
    assertThat(c.lib.report().warnings())
        .extracting(f -> f.message())
        .containsExactly("warning: cannot overwrite table with non table for top.a.t (map[k:1])");
  }

  @Test
  void multiDocumentValuesFilesMergeInOrder() throws Exception {
    HelmCase.run(
            NullRulesTest.chart("a: {x: 1}\n---\na: {z: 2}\nl: [1]\n---\nl: [2]", "")
                + "=== user0.yaml\nb: 1\n---\nb: 2\n",
            dir)
        .expect("", "{\"a\":{\"x\":1,\"z\":2},\"b\":2,\"l\":[2],\"sub\":{\"global\":{}}}");
  }

  @Test
  void lastLineOf4096BytesWithoutNewlineIsDroppedLikeHelm() throws Exception {
    String longLine = "v: " + "x".repeat(4096 - 3);
    java.nio.file.Files.writeString(dir.resolve("user0.yaml"), "u: 1\n" + longLine);
    HelmCase c = HelmCase.run(NullRulesTest.chart("a: 1", ""), dir);
    c.expect("", "{\"a\":1,\"sub\":{\"global\":{}},\"u\":1}");
    assertThat(c.lib.report().warnings())
        .anyMatch(
            f -> f.code().equals("values.file.last-line-dropped") && f.location().line() == 2);
  }

  @Test
  void warningsNeverPrintValuesOfSecretLookingKeys() throws Exception {
    HelmCase c =
        HelmCase.run(
            NullRulesTest.chart("db: {password: {file: x}}\nauth: {k: 1}", "")
                + "=== user0.yaml\ndb: {password: hunter2}\nauth: {k: {apiToken: s3cr3t}}\n",
            dir);
    assertThat(c.lib.report().warnings()).hasSize(2);
    assertThat(c.lib.report().toText()).doesNotContain("hunter2", "s3cr3t", "file:x");
    assertThat(c.lib.report().warnings().get(0).message()).contains("<redacted>");
  }
}
