package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explains where effective values came from: chart defaults, user files, flags, deleting nulls. */
class ProvenanceTest {
  @TempDir Path dir;

  private ValuesResult run(String extra, List<String> sets) throws Exception {
    return HelmCase.run(
            NullRulesTest.chart("sub: {img: {tag: parent}}\ngone: 1", "img: {tag: child, pull: x}")
                + extra,
            sets,
            ValuesOptions.defaults(),
            dir)
        .matchesHelm()
        .lib;
  }

  @Test
  void userFileLineWinsOverParentAndSubchartDefaults() throws Exception {
    ValuesResult r = run("=== user0.yaml\nsub:\n  img:\n    tag: mine\n", List.of());
    Explanation e = r.explain("sub", List.of("img", "tag"));
    assertThat(e.effectiveJson()).isEqualTo("\"mine\"");
    assertThat(e.contributions())
        .extracting(Contribution::effect)
        .containsExactly(
            Contribution.Effect.OVERRIDDEN,
            Contribution.Effect.OVERRIDDEN,
            Contribution.Effect.WON);
    ValueOrigin won = e.winner().orElseThrow().origin();
    assertThat(won.kind()).isEqualTo(ValueOrigin.Kind.USER_FILE);
    assertThat(won.location().file()).endsWith("user0.yaml");
    assertThat(won.location().line()).isEqualTo(3);
  }

  @Test
  void chartDefaultOriginNamesTheChartFileAndLine() throws Exception {
    ValuesResult r = run("", List.of());
    Contribution won = r.explain("sub", List.of("img", "pull")).winner().orElseThrow();
    assertThat(won.origin().kind()).isEqualTo(ValueOrigin.Kind.CHART_DEFAULT);
    assertThat(won.origin().chartPath()).isEqualTo("sub");
    assertThat(won.origin().location().file()).endsWith("charts/sub/values.yaml");
    assertThat(won.origin().location().line()).isEqualTo(1);
  }

  @Test
  void flagOriginCarriesFamilyIndexAndText() throws Exception {
    ValuesResult r = run("", List.of("x=1", "sub.img.tag=flag"));
    ValueOrigin o = r.explain("sub", List.of("img", "tag")).winner().orElseThrow().origin();
    assertThat(o).isEqualTo(ValueOrigin.flag("set", 1, "sub.img.tag=flag"));
  }

  @Test
  void nullThatDeletesADefaultIsNamed() throws Exception {
    ValuesResult r = run("=== user0.yaml\ngone: null\n", List.of());
    Explanation e = r.explain("", List.of("gone"));
    assertThat(e.present()).isFalse();
    assertThat(e.deletedBy().orElseThrow().origin().location().line()).isEqualTo(1);
    assertThat(e.contributions().get(0).effect()).isEqualTo(Contribution.Effect.DELETED);
  }

  @Test
  void userKeysListEveryPathTheUserSuppliedEvenIgnoredOnes() throws Exception {
    ValuesResult r = run("=== user0.yaml\nnotused:\n  deep: 1\n", List.of("sub.k=2"));
    assertThat(r.userKeys())
        .extracting(UserKey::path)
        .containsExactly(
            List.of("notused"), List.of("notused", "deep"), List.of("sub"), List.of("sub", "k"));
    assertThat(r.userKeys().get(1).origin().location().line()).isEqualTo(2);
    assertThat(r.provenance().userOrigin(List.of("sub", "k")))
        .hasValue(ValueOrigin.flag("set", 0, "sub.k=2"));
  }
}
