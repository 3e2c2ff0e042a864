package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.testing.HelmTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that deploysafe types YAML values exactly as Helm v4 does (yaml.v2 YAML 1.1 resolution,
 * then float64 through JSON), by rendering the same values.yaml with the real {@code helm template}
 * and comparing {@code toJson} output byte for byte.
 */
class YamlTypingDifferentialTest {

  /** Hand-picked scalars from helm-values-semantics.md §6 and yaml.v2's resolve table. */
  private static final List<String> TABLE =
      List.of(
          "1",
          "0",
          "-0",
          "+5",
          "-5",
          "0777",
          "0o17",
          "0x1F",
          "0X1f",
          "0b101",
          "-0b11",
          "08",
          "09.5",
          "1e5",
          "1E5",
          "1e+5",
          "1.5e-7",
          "0.0000001",
          "1_000",
          "1__0",
          "123456789012345678",
          "9223372036854775807",
          "9223372036854775808",
          "18446744073709551615",
          "18446744073709551616",
          "1000000",
          "100000",
          "1e21",
          "1e20",
          "1.10",
          "1.0",
          "1.",
          ".5",
          ".0_",
          "._5",
          ".5_0",
          "0b+1",
          "0b-1",
          "-0b-1",
          "-0b+1",
          "0b+",
          "0b1111111111111111111111111111111111111111111111111111111111111111",
          "0b+1111111111111111111111111111111111111111111111111111111111111111",
          "-0b1000000000000000000000000000000000000000000000000000000000000000",
          ".5__0",
          ".5e1_0",
          ".5e_1",
          ".5e3",
          ".5E-2",
          ".1e400",
          ".e3",
          ".5e",
          "-.5",
          "+.5",
          "3.14159265358979323846",
          "y",
          "Y",
          "yes",
          "Yes",
          "YES",
          "n",
          "N",
          "no",
          "No",
          "NO",
          "on",
          "On",
          "ON",
          "off",
          "Off",
          "OFF",
          "true",
          "True",
          "TRUE",
          "false",
          "FALSE",
          "tRUE",
          "~",
          "null",
          "Null",
          "NULL",
          "nULL",
          "2024-01-02",
          "2001-12-14t21:59:43.10-05:00",
          "2001-12-14 21:59:43.10",
          "1:20",
          "12:30:45",
          "0x",
          "0b",
          "0o",
          "+",
          "-1_2",
          "0.1",
          "1e400",
          "-1e400",
          "4.9e-324",
          "1.7976931348623157e308",
          "abc",
          "e5",
          "x10",
          "1e",
          "1.2.3",
          "v1.2",
          "0_7",
          "0x_1F",
          "0xFF_FF",
          "-0x10",
          "+0x10",
          "0777_7",
          "00",
          "007",
          "-007",
          "1__");

  @Test
  void handPickedScalarsTypeLikeHelm(@TempDir Path dir) throws Exception {
    compareScalars(dir, TABLE);
  }

  @Test
  void generatedScalarsTypeLikeHelm(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("deploysafe.seed", System.nanoTime());
    Random r = new Random(seed);
    List<String> scalars = new ArrayList<>();
    String[] atoms = {
      "0", "1", "7", "9", "0x", "0o", "0b", "_", ".", "e", "E", "+", "-", "f", "a", "x", "yes",
      "on", "n", "~", "inf", "nan", ":"
    };
    while (scalars.size() < 400) {
      StringBuilder b = new StringBuilder();
      int len = 1 + r.nextInt(5);
      for (int i = 0; i < len; i++) {
        b.append(atoms[r.nextInt(atoms.length)]);
      }
      String s = b.toString();
      if (isSinglePlainScalar(s)) {
        scalars.add(s);
      }
    }
    try {
      compareScalars(dir, scalars);
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + " (rerun with -Ddeploysafe.seed=" + seed + ")", e);
    }
  }

  @Test
  void keysBecomeStringsLikeHelm(@TempDir Path dir) throws Exception {
    List<String> keys =
        List.of(
            "y",
            "n",
            "yes",
            "off",
            "ON",
            "1",
            "0777",
            "0x10",
            "1.5",
            "1e3",
            "0.1",
            "-2",
            "true",
            "\"y\"",
            "'on'",
            "1.0",
            "100000000",
            "3.4028235e38");
    StringBuilder yaml = new StringBuilder("m:\n");
    Set<String> seen = new HashSet<>();
    for (String k : keys) {
      if (seen.add(typedKey(k))) {
        yaml.append("  ").append(k).append(": v\n");
      }
    }
    compareDocument(dir, yaml.toString());
  }

  @Test
  void structuresAnchorsAndMergesTypeLikeHelm(@TempDir Path dir) throws Exception {
    compareDocument(
        dir,
        """
        base: &b {a: 1, b: [x, 2, null], c: {d: on}}
        copy: *b
        merged:
          <<: *b
          a: 2
        later:
          a: 3
          <<: *b
        many:
          <<: [{p: 1, q: 1}, {q: 2, r: 2}]
        empty: {}
        list: []
        nul:
        str: "0777"
        lit: |
          line1
            line2
        fold: >
          a
          b
        html: "<a & b>"
        ctl: "tab\\there\\u2028"
        """);
  }

  private static String typedKey(String yamlKey) {
    YamlNode root = YamlSource.parse(yamlKey + ": 1\n", "k").documents().get(0).root();
    return YamlTyping.keyString(((YamlNode.Mapping) root).entries().get(0).key(), List.of());
  }

  private static boolean isSinglePlainScalar(String s) {
    YamlFile f = YamlSource.parse("k: " + s + "\n", "gen");
    if (!f.isReadable() || f.documents().size() != 1) {
      return false;
    }
    return f.documents().get(0).root() instanceof YamlNode.Mapping m
        && m.entries().size() == 1
        && m.entries().get(0).value() instanceof YamlNode.Scalar sc
        && sc.style() == YamlNode.Style.PLAIN
        && sc.text().equals(s);
  }

  private static void compareScalars(Path dir, List<String> scalars) throws Exception {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < scalars.size(); i++) {
      yaml.append("k").append(i).append(": ").append(scalars.get(i)).append('\n');
    }
    YamlFile ours = YamlSource.parse(yaml.toString(), "values.yaml");
    if (!ours.isReadable()) {
      // Scalars Helm would reject (.inf) make the whole file unreadable for both tools.
      HelmTemplate.Result helm =
          HelmTemplate.run(HelmTemplate.chart(dir, yaml.toString()), List.of());
      assertThat(helm.exitCode()).as(ours.report().toText()).isNotZero();
      // Retry without the rejected ones so the rest are still compared.
      List<String> kept = new ArrayList<>();
      for (String s : scalars) {
        if (YamlSource.parse("k: " + s + "\n", "one").isReadable()) {
          kept.add(s);
        }
      }
      assertThat(kept).hasSizeLessThan(scalars.size());
      compareScalars(dir, kept);
      return;
    }
    compareDocument(dir, yaml.toString());
  }

  private static void compareDocument(Path dir, String yaml) throws Exception {
    YamlFile ours = YamlSource.parse(yaml, "values.yaml");
    assertThat(ours.isReadable()).as(ours.report().toText()).isTrue();
    String expected = HelmTemplate.run(HelmTemplate.chart(dir, yaml), List.of()).json();
    assertThat(GoJson.write(ours.documents().get(0).value()))
        .as("values.yaml:\n" + yaml)
        .isEqualTo(expected);
  }
}
