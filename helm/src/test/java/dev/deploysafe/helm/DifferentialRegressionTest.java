package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mismatches the differential test found, reduced and pinned (each also checked against Helm). The
 * generator seed that found each is in its javadoc.
 */
class DifferentialRegressionTest {
  @TempDir Path dir;

  /**
   * Seed 20322: importing an empty child table must not write the parent's imported nulls back into
   * the child, because Go's {@code Values.AsMap} hands out a fresh map for an empty table.
   */
  @Test
  void importOfAnEmptyTableDoesNotWriteBackIntoTheChild() throws Exception {
    HelmCase.run(
            """
            === top/Chart.yaml
            apiVersion: v2
            name: top
            version: 0.1.0
            dependencies:
            - name: b
              version: "0.1.0"
              alias: bx1
              import-values:
              - e1
              - child: global
                parent: .
            === top/charts/b/Chart.yaml
            apiVersion: v2
            name: b
            version: 0.1.0
            === top/charts/b/values.yaml
            exports:
              e1:
                k1: null
            """,
            dir)
        .expect("bx1", "{\"exports\":{\"e1\":{\"k1\":null}},\"global\":{}}")
        .expect("", "{\"bx1\":{\"exports\":{\"e1\":{\"k1\":null}},\"global\":{}},\"k1\":null}");
  }

  /**
   * Seed 20356: alias copies share the grandchildren of the original chart, whose parent pointer
   * still names the original, so Helm renders both copies' grandchild under one path and the later
   * copy's values win there.
   */
  @Test
  void aliasCopiesShareGrandchildrenAndTheLaterCopyWinsTheirPath() throws Exception {
    HelmCase c =
        HelmCase.run(
                """
                === top/Chart.yaml
                apiVersion: v2
                name: top
                version: 0.1.0
                dependencies:
                - name: a
                  version: "0.1.0"
                - name: a
                  version: "0.1.0"
                  alias: ax1
                === top/charts/a/Chart.yaml
                apiVersion: v2
                name: a
                version: 0.1.0
                === top/charts/a/charts/d/Chart.yaml
                apiVersion: v2
                name: d
                version: 0.1.0
                === top/charts/a/charts/d/charts/c/Chart.yaml
                apiVersion: v2
                name: c
                version: 0.1.0
                === user0.yaml
                a: {d: {c: {v: 1}}}
                ax1: {d: {c: {v: 2}}}
                """,
                dir)
            .expect("a/d/c", "{\"global\":{},\"v\":2}")
            .matchesHelm();
    assertThat(c.lib.values()).containsKeys("a/d", "ax1/d").doesNotContainKey("ax1/d/c");
  }

  private static final String SHARED_GRANDCHILD =
      """
      === top/Chart.yaml
      apiVersion: v2
      name: top
      version: 0.1.0
      dependencies:
      - name: mid
        version: 0.1.0
        alias: m0
      - name: mid
        version: 0.1.0
        alias: m1
      === top/charts/mid/Chart.yaml
      apiVersion: v2
      name: mid
      version: 0.1.0
      dependencies:
      - name: imp
        version: IMP_VERSION
      === top/charts/mid/charts/imp/Chart.yaml
      apiVersion: v2
      name: imp
      version: 0.1.0
      dependencies:
      - name: src
        version: 0.1.0
        import-values:
        - e
      === top/charts/mid/charts/imp/charts/src/Chart.yaml
      apiVersion: v2
      name: src
      version: 0.1.0
      === top/charts/mid/charts/imp/charts/src/values.yaml
      exports:
        e:
          x: 1
      """;

  /**
   * Seed 777116: an unmanaged grandchild of alias copies (its constraint does not match) keeps the
   * metadata it shares with the other copy, and Helm rewrites a dependency's import-values after
   * importing into a form its own second pass ignores; so only the first copy gets the imports.
   */
  @Test
  void sharedGrandchildMetadataImportsOnlyForTheFirstAliasCopy() throws Exception {
    HelmCase.run(SHARED_GRANDCHILD.replace("IMP_VERSION", "9.9.9"), dir)
        .expect(
            "m0/imp",
            "{\"global\":{},\"src\":{\"exports\":{\"e\":{\"x\":1}},\"global\":{}},\"x\":1}")
        .expect("m1/imp", "{\"global\":{},\"src\":{\"exports\":{\"e\":{\"x\":1}},\"global\":{}}}");
  }

  /** The declared variant: each copy gets its own metadata copy, so both import. */
  @Test
  void declaredGrandchildOfAliasCopiesImportsForEveryCopy() throws Exception {
    HelmCase.run(SHARED_GRANDCHILD.replace("IMP_VERSION", "0.1.0"), dir)
        .expect(
            "m0/imp",
            "{\"global\":{},\"src\":{\"exports\":{\"e\":{\"x\":1}},\"global\":{}},\"x\":1}")
        .expect(
            "m1/imp",
            "{\"global\":{},\"src\":{\"exports\":{\"e\":{\"x\":1}},\"global\":{}},\"x\":1}");
  }
}
