package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the null rows N1–N8 of helm-values-semantics.md §3; every expectation is also checked
 * against the real {@code helm template} when it is installed.
 */
class NullRulesTest {
  @TempDir Path dir;

  static String chart(String topValues, String subValues) {
    return """
        === top/Chart.yaml
        apiVersion: v2
        name: top
        version: 0.1.0
        dependencies:
        - name: sub
          version: 0.1.0
        === top/values.yaml
        %s
        === top/charts/sub/Chart.yaml
        apiVersion: v2
        name: sub
        version: 0.1.0
        === top/charts/sub/values.yaml
        %s
        """
        .formatted(topValues, subValues);
  }

  @Test
  void n1UserNullDeletesANestedChartDefault() throws Exception {
    HelmCase.run(chart("a: {b: 1, c: 2}", "") + "=== user0.yaml\na: {b: null}\n", dir)
        .expect("", "{\"a\":{\"c\":2},\"sub\":{\"global\":{}}}");
  }

  @Test
  void n1SetNullDeletesATopLevelDefault() throws Exception {
    HelmCase.run(chart("x: 1\nw: 2", ""), List.of("x=null"), ValuesOptions.defaults(), dir)
        .expect("", "{\"sub\":{\"global\":{}},\"w\":2}");
  }

  @Test
  void n2UserNullForAKeyWithoutDefaultIsKept() throws Exception {
    HelmCase.run(chart("a: {b: 1}", "") + "=== user0.yaml\nnn: null\na: {z: null}\n", dir)
        .expect("", "{\"a\":{\"b\":1,\"z\":null},\"nn\":null,\"sub\":{\"global\":{}}}");
  }

  @Test
  void n3UserNullOverDefaultNullAtTopLevelDeletes() throws Exception {
    HelmCase.run(chart("x: null", "") + "=== user0.yaml\nx: null\n", dir)
        .expect("", "{\"sub\":{\"global\":{}}}");
  }

  @Test
  void n3bUserNullOverNestedDefaultNullIsKept() throws Exception {
    HelmCase.run(chart("a: {x: null}", "") + "=== user0.yaml\na: {x: null}\n", dir)
        .expect("", "{\"a\":{\"x\":null},\"sub\":{\"global\":{}}}");
  }

  @Test
  void n3cUserNullUnderAnEmptyDefaultMapIsKept() throws Exception {
    HelmCase.run(chart("em: {}", "") + "=== user0.yaml\nem: {k: null}\n", dir)
        .expect("", "{\"em\":{\"k\":null},\"sub\":{\"global\":{}}}");
  }

  @Test
  void n4TopChartDefaultNullIsKeptInV41() throws Exception {
    HelmCase.run(chart("x: null", ""), dir).expect("", "{\"sub\":{\"global\":{}},\"x\":null}");
  }

  /**
   * Helm v4.1.4 differs from the semantics doc here: a declared subchart's own default null is
   * baked into the parent's defaults by import-values processing and then deleted as if the user
   * had set it (the N7 mechanism).
   */
  @Test
  void n4DeclaredSubchartDefaultNullIsDeletedThroughTheBakedCopy() throws Exception {
    HelmCase.run(chart("", "q: null\nr: 1"), dir)
        .expect("sub", "{\"global\":{},\"r\":1}")
        .expect("", "{\"sub\":{\"global\":{},\"r\":1}}");
  }

  @Test
  void n4SubchartDefaultNullIsDroppedInV42() throws Exception {
    HelmCase c =
        HelmCase.run(
            chart("x: null", "q: null\nr: 1"),
            List.of(),
            ValuesOptions.defaults().withCompat(HelmCompat.V4_2),
            dir);
    assertThat(c.lib.toJson("sub")).contains("{\"global\":{},\"r\":1}");
    assertThat(c.lib.toJson("")).contains("{\"sub\":{\"global\":{},\"r\":1},\"x\":null}");
  }

  @Test
  void n5ParentNullDeletesASubchartDefault() throws Exception {
    HelmCase.run(chart("sub: {x: null}", "x: 1\nw: 2"), dir)
        .expect("sub", "{\"global\":{},\"w\":2}");
  }

  @Test
  void n6SetNullOnASubchartKeyRemovesParentAndSubchartValues() throws Exception {
    HelmCase.run(
            chart("sub: {q: 5}", "q: 2\nr: 1"),
            List.of("sub.q=null"),
            ValuesOptions.defaults(),
            dir)
        .expect("sub", "{\"global\":{},\"r\":1}");
  }

  @Test
  void n6bSetSubchartNullDropsParentOverrides() throws Exception {
    HelmCase.run(chart("sub: {q: 5}", "q: 2"), List.of("sub=null"), ValuesOptions.defaults(), dir)
        .expect("sub", "{\"global\":{},\"q\":2}");
  }

  @Test
  void n6bSetSubchartNullWithoutParentSectionIsATypeMismatch() throws Exception {
    HelmCase c =
        HelmCase.run(chart("x: 1", "q: 2"), List.of("sub=null"), ValuesOptions.defaults(), dir)
            .matchesHelm();
    assertThat(c.lib.report().errors())
        .extracting(f -> f.message())
        .containsExactly("type mismatch on sub: %!t(<nil>)");
    assertThat(c.helmStderr())
        .contains(c.helm.isPresent() ? "type mismatch on sub: %!t(<nil>)" : "");
  }

  @Test
  void n7GlobalNullReachesTheParentButNotTheBakedSubchartCopy() throws Exception {
    HelmCase.run(
            chart("global: {s: parent}", ""),
            List.of("global.s=null"),
            ValuesOptions.defaults(),
            dir)
        .expect("", "{\"global\":{},\"sub\":{\"global\":{\"s\":\"parent\"}}}")
        .expect("sub", "{\"global\":{\"s\":\"parent\"}}");
  }

  @Test
  void n8LaterFileMapWinsOverEarlierNull() throws Exception {
    HelmCase.run(
            chart("x: {a: 1}", "") + "=== user0.yaml\nx: null\n=== user1.yaml\nx: {k: 1}\n", dir)
        .expect("", "{\"sub\":{\"global\":{}},\"x\":{\"a\":1,\"k\":1}}");
  }
}
