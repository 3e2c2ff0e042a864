package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins aliases, conditions, tags, import-values and dependency matching (§5), each checked against
 * Helm.
 */
class DependenciesTest {
  @TempDir Path dir;

  static String chart(String depExtra, String topValues, String subValues) {
    return """
        === top/Chart.yaml
        apiVersion: v2
        name: top
        version: 0.1.0
        dependencies:
        - name: sub
          version: 0.1.0
        %s
        === top/values.yaml
        %s
        === top/charts/sub/Chart.yaml
        apiVersion: v2
        name: sub
        version: 0.1.0
        === top/charts/sub/values.yaml
        %s
        """
        .formatted(depExtra.indent(2).stripTrailing(), topValues, subValues);
  }

  @Test
  void aliasedChartReadsValuesUnderTheAliasAndIgnoresTheOriginalName() throws Exception {
    HelmCase c =
        HelmCase.run(
                chart("alias: al", "", "k: 0") + "=== user0.yaml\nsub: {k: 1}\nal: {k: 2}\n", dir)
            .expect("al", "{\"global\":{},\"k\":2}");
    assertThat(c.lib.values()).doesNotContainKey("sub");
    assertThat(c.lib.report().warnings())
        .anySatisfy(
            f -> {
              assertThat(f.code()).isEqualTo("values.alias.original-name");
              assertThat(f.location().file()).endsWith("user0.yaml");
              assertThat(f.location().line()).isEqualTo(1);
            });
  }

  @Test
  void subchartsOwnEnabledFalseDisablesIt() throws Exception {
    HelmCase c =
        HelmCase.run(chart("condition: sub.enabled", "", "enabled: false"), dir).expect("", "{}");
    assertThat(c.lib.disabled())
        .containsExactly(new DisabledChart("sub", "sub", "condition sub.enabled is false"));
  }

  @Test
  void firstConditionPathThatResolvesToABoolWins() throws Exception {
    HelmCase.run(
            chart("condition: nope.x,sub.on2,sub.on1", "sub: {on2: true, on1: false}", ""), dir)
        .expect("sub", "{\"global\":{},\"on1\":false,\"on2\":true}");
  }

  @Test
  void nonBoolConditionWarnsAndKeepsTheChart() throws Exception {
    HelmCase c =
        HelmCase.run(chart("condition: sub.enabled", "sub: {enabled: yes please}", ""), dir)
            .matchesHelm();
    assertThat(c.lib.values()).containsKey("sub");
    assertThat(c.lib.report().warnings())
        .anyMatch(f -> f.code().equals("values.condition.non-bool"));
  }

  @Test
  void conditionThatIsAMapCountsAsNoValue() throws Exception {
    HelmCase.run(chart("condition: sub.enabled", "sub: {enabled: {x: false}}", ""), dir)
        .expect("sub", "{\"enabled\":{\"x\":false},\"global\":{}}");
  }

  @Test
  void allFalseTagsDisableAndAConditionOverridesTags() throws Exception {
    HelmCase.run(chart("tags: [t1]", "tags: {t1: false}", ""), dir)
        .expect("", "{\"tags\":{\"t1\":false}}");
  }

  @Test
  void conditionOverridesFalseTags() throws Exception {
    HelmCase.run(
            chart("tags: [t1]\ncondition: sub.on", "tags: {t1: false}\nsub: {on2: 1}", "on: true"),
            dir)
        .matchesHelm();
  }

  @Test
  void disabledSubchartGetsNoDefaultsAndItsUserValuesStayInTheParent() throws Exception {
    HelmCase c =
        HelmCase.run(
                chart("condition: sub.enabled", "", "d: 1")
                    + "=== user0.yaml\nsub: {enabled: false, u: 1}\n",
                dir)
            .expect("", "{\"sub\":{\"enabled\":false,\"u\":1}}");
    assertThat(c.lib.report().infos()).anyMatch(f -> f.code().equals("values.subchart.disabled"));
  }

  @Test
  void importValuesStringFormCopiesExportsBelowParentValues() throws Exception {
    HelmCase.run(
            chart("import-values: [data]", "b: parent", "exports: {data: {a: child, b: child}}"),
            dir)
        .expect(
            "",
            "{\"a\":\"child\",\"b\":\"parent\",\"sub\":{\"exports\":{\"data\":{\"a\":\"child\","
                + "\"b\":\"child\"}},\"global\":{}}}");
  }

  @Test
  void importValuesMapFormIgnoresUserValues() throws Exception {
    HelmCase.run(
            chart("import-values:\n- child: cfg\n  parent: imported", "", "cfg: {a: 1}")
                + "=== user0.yaml\nsub: {cfg: {a: 2}}\n",
            dir)
        .expect("", "{\"imported\":{\"a\":1},\"sub\":{\"cfg\":{\"a\":2},\"global\":{}}}");
  }

  @Test
  void importOfAMissingTableWarns() throws Exception {
    HelmCase c =
        HelmCase.run(chart("import-values:\n- child: nope\n  parent: x", "", "k: 1"), dir)
            .matchesHelm();
    assertThat(c.lib.report().warnings())
        .anyMatch(f -> f.code().equals("values.import.missing-table"));
  }

  @Test
  void subchartKeyHoldingAScalarIsHelmsTypeMismatchError() throws Exception {
    HelmCase c = HelmCase.run(chart("", "", "") + "=== user0.yaml\nsub: str\n", dir).matchesHelm();
    assertThat(c.lib.isComputed()).isFalse();
    assertThat(c.lib.report().errors())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).isEqualTo("type mismatch on sub: %!t(string=str)");
              assertThat(f.location().file()).endsWith("user0.yaml");
            });
    assertThat(c.helmStderr())
        .contains(c.helm.isPresent() ? "type mismatch on sub: %!t(string=str)" : "");
  }

  @Test
  void vendoredChartWithAnIncompatibleVersionStaysButIsNotAliased() throws Exception {
    String spec =
        chart("alias: al", "", "k: 1")
            .replace("  version: 0.1.0\n  alias", "  version: 0.2.0\n  alias");
    HelmCase c = HelmCase.run(spec, dir).matchesHelm();
    assertThat(c.lib.values()).containsKey("sub").doesNotContainKey("al");
  }

  @Test
  void missingDependencyIsHelmsErrorWhenRendering() throws Exception {
    String spec = chart("", "", "") + "";
    spec = spec.replace("- name: sub\n", "- name: ghost\n  version: 1.0.0\n- name: sub\n");
    HelmCase c = HelmCase.run(spec, dir).matchesHelm();
    assertThat(c.lib.report().errors())
        .extracting(f -> f.message())
        .containsExactly("found in Chart.yaml, but missing in charts/ directory: ghost");
  }

  @Test
  void missingDependencyIsOpaqueInAnalysisMode() throws Exception {
    String spec =
        chart("", "", "")
            .replace("- name: sub\n", "- name: ghost\n  version: 1.0.0\n- name: sub\n");
    HelmCase c =
        HelmCase.run(spec, List.of(), ValuesOptions.defaults().withMode(ChartMode.ANALYSIS), dir);
    assertThat(c.lib.isComputed()).isTrue();
    assertThat(c.lib.report().infos()).anyMatch(f -> f.code().equals("chart.dependency.opaque"));
  }
}
