package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the globals rules and quirks of helm-values-semantics.md §4, each checked against Helm. */
class GlobalsTest {
  @TempDir Path dir;

  @Test
  void parentGlobalsFlowIntoSubchartsAndWinOverSubchartDefaults() throws Exception {
    HelmCase.run(NullRulesTest.chart("global: {a: 1}", "global: {a: 2, b: 3}"), dir)
        .expect("sub", "{\"global\":{\"a\":1,\"b\":3}}")
        .expect("", "{\"global\":{\"a\":1},\"sub\":{\"global\":{\"a\":1,\"b\":3}}}");
  }

  @Test
  void subchartDefaultGlobalsAtDepthTwoLeakIntoTheParent() throws Exception {
    HelmCase.run(
            NullRulesTest.chart("global: {a: {b: {x: 1}}}", "global: {a: {b: {w: 2}}, c: 3}"), dir)
        .expect(
            "",
            "{\"global\":{\"a\":{\"b\":{\"w\":2,\"x\":1}}},"
                + "\"sub\":{\"global\":{\"a\":{\"b\":{\"w\":2,\"x\":1}},\"c\":3}}}");
  }

  @Test
  void parentGlobalMapBeatsSubchartDefaultScalarWithAWarning() throws Exception {
    HelmCase c =
        HelmCase.run(NullRulesTest.chart("global: {t: {k: 1}}", "global: {t: 5}"), dir)
            .expect("sub", "{\"global\":{\"t\":{\"k\":1}}}");
    assertThat(c.lib.report().warnings())
        .extracting(f -> f.message())
        .contains(
            "warning: destination for top.sub.global.t is a table. Ignoring non-table value (5)");
  }

  @Test
  void subGlobalScalarSetAtParentLevelBeatsParentGlobalMap() throws Exception {
    HelmCase c =
        HelmCase.run(NullRulesTest.chart("global: {t: {k: 1}}\nsub: {global: {t: 5}}", ""), dir)
            .expect("sub", "{\"global\":{\"t\":5}}");
    assertThat(c.lib.report().warnings())
        .extracting(f -> f.message())
        .contains("Conflict: cannot merge map onto non-map for \"t\". Skipping.");
  }

  @Test
  void nonMapGlobalIsSkippedWithAWarning() throws Exception {
    HelmCase c =
        HelmCase.run(NullRulesTest.chart("global: 7", "global: {a: 1}"), dir)
            .expect("sub", "{\"global\":{\"a\":1}}");
    assertThat(c.lib.report().warnings())
        .extracting(f -> f.message())
        .contains("warning: skipping globals because source global is not a table.");
  }

  @Test
  void userGlobalsReachNestedSubcharts() throws Exception {
    String spec =
        NullRulesTest.chart("", "")
            + """
            === top/charts/sub/charts/deep/Chart.yaml
            apiVersion: v2
            name: deep
            version: 0.1.0
            === top/charts/sub/charts/deep/values.yaml
            global: {z: 0}
            === user0.yaml
            global: {z: 9}
            """;
    HelmCase.run(spec, dir).expect("sub/deep", "{\"global\":{\"z\":9}}");
  }
}
