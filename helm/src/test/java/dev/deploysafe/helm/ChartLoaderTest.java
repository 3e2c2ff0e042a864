package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysafe.helm.testing.ChartFixture;
import dev.deploysafe.helm.testing.TarGz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads charts from directories and archives; malformed input gives findings, not exceptions. */
class ChartLoaderTest {
  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> chartFiles(String prefix, String name, String values) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(prefix + "Chart.yaml", utf8("apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n"));
    m.put(prefix + "values.yaml", utf8(values));
    m.put(prefix + "templates/values.yaml", utf8("{{ .Values | toJson }}\n"));
    return m;
  }

  @Test
  void loadsAnArchiveWithANestedArchiveSubchart() throws Exception {
    Map<String, byte[]> inner = chartFiles("sub/", "sub", "k: inner\n");
    Map<String, byte[]> outer = chartFiles("top/", "top", "sub: {j: 1}\n");
    outer.put("top/charts/sub-0.1.0.tgz", TarGz.pack(inner));
    Path tgz = dir.resolve("top-0.1.0.tgz");
    Files.write(tgz, TarGz.pack(outer));
    ValuesResult r = HelmValues.resolve(tgz, List.of(), ValuesOptions.defaults());
    assertThat(r.toJson("sub")).contains("{\"global\":{},\"j\":1,\"k\":\"inner\"}");
    assertThat(r.chart().orElseThrow().subcharts()).extracting(Chart::name).containsExactly("sub");
  }

  @Test
  void archiveEntryLeavingTheChartIsAFinding() throws Exception {
    Map<String, byte[]> files = chartFiles("top/", "top", "");
    files.put("top/../../etc/evil", utf8("x"));
    ChartLoad load =
        HelmValues.loadChartArchive(TarGz.pack(files), "evil.tgz", ValuesOptions.defaults());
    assertThat(load.chart()).isEmpty();
    assertThat(load.report().errors())
        .extracting(f -> f.code())
        .containsExactly("chart.load.archive");
  }

  @Test
  void garbageArchiveIsAFinding() {
    ChartLoad load =
        HelmValues.loadChartArchive(utf8("not gzip"), "x.tgz", ValuesOptions.defaults());
    assertThat(load.report().errors()).hasSize(1);
  }

  @Test
  void archiveOverTheSizeLimitIsAFinding() throws Exception {
    Map<String, byte[]> files = chartFiles("top/", "top", "a: " + "x".repeat(5000) + "\n");
    ChartLoad load =
        HelmValues.loadChartArchive(
            TarGz.pack(files), "big.tgz", ValuesOptions.defaults().withMaxChartBytes(1000));
    assertThat(load.report().errors().get(0).message()).contains("limit of 1000 bytes");
  }

  @Test
  void endlessDevicesAreRefusedWithinTheLimits() throws Exception {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "needs /dev/zero");
    ChartLoad load = HelmValues.loadChart(zero, ValuesOptions.defaults().withMaxChartBytes(4096));
    assertThat(load.chart()).isEmpty();
    assertThat(load.report().errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo("chart.load.too-large");
              assertThat(e.message()).contains("limit of 4096 bytes");
            });
    assertThatThrownBy(() -> ValuesInput.file(zero, 4096))
        .isInstanceOf(dev.deploysafe.core.BoundedInput.TooLargeException.class)
        .hasMessageContaining("/dev/zero");
    SetFileReader files =
        SetFileReader.filesystem(dir, () -> new java.io.ByteArrayInputStream(new byte[0]));
    assertThatThrownBy(
            () ->
                SetFlags.apply(Map.of(), List.of(SetFlag.of(SetFamily.FILE, "a=/dev/zero")), files))
        .isInstanceOf(SetFlagException.class)
        .hasMessageContaining("/dev/zero is larger than the limit of 16777216 bytes");
  }

  /**
   * Helm drops a UTF-8 byte-order mark from every chart file (helm template applies the schema).
   */
  @Test
  void byteOrderMarksAreDroppedFromChartFilesInDirectoriesAndArchives() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Map<String, byte[]> files = chartFiles("top/", "top", "a: 1\n");
    byte[] schema =
        "{\"properties\":{\"a\":{\"type\":\"string\"}}}".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + schema.length];
    System.arraycopy(bom, 0, withBom, 0, 3);
    System.arraycopy(schema, 0, withBom, 3, schema.length);
    files.put("top/values.schema.json", withBom);
    Path tgz = Files.write(dir.resolve("top-0.1.0.tgz"), TarGz.pack(files));
    Path tree = Files.createDirectories(dir.resolve("tree"));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = tree.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
    for (Path chart : List.of(tgz, tree.resolve("top"))) {
      LintResult r =
          ValuesLint.lint(
              chart, List.of(), List.of(), SetFileReader.none(), ValuesOptions.defaults());
      assertThat(r.report().errors())
          .as("%s: %s", chart, r.report().toText())
          .extracting(f -> f.code())
          .containsExactly("values.schema.type");
    }
  }

  @Test
  void v1ChartTakesDependenciesFromRequirementsYaml() throws Exception {
    ChartFixture.write(
        """
        === top/Chart.yaml
        apiVersion: v1
        name: top
        version: 0.1.0
        === top/requirements.yaml
        dependencies:
        - name: sub
          version: 0.1.0
          alias: al
        === top/charts/sub/Chart.yaml
        apiVersion: v1
        name: sub
        version: 0.1.0
        """,
        dir);
    ValuesResult r = HelmValues.resolve(dir.resolve("top"), List.of(), ValuesOptions.defaults());
    assertThat(r.chart().orElseThrow().dependencies())
        .extracting(ChartDependency::effectiveName)
        .containsExactly("al");
    assertThat(r.values()).containsKey("al");
  }

  @Test
  void apiVersionV3IsRejected() throws Exception {
    ChartFixture.write("=== top/Chart.yaml\napiVersion: v3\nname: top\nversion: 0.1.0\n", dir);
    ChartLoad load = HelmValues.loadChart(dir.resolve("top"), ValuesOptions.defaults());
    assertThat(load.chart()).isEmpty();
    assertThat(load.report().errors().get(0).message()).contains("invalid chart apiVersion");
  }

  @Test
  void malformedChartYamlIsAFindingWithALine() throws Exception {
    ChartFixture.write("=== top/Chart.yaml\napiVersion: v2\nname: [top\nversion: 0.1.0\n", dir);
    ChartLoad load = HelmValues.loadChart(dir.resolve("top"), ValuesOptions.defaults());
    assertThat(load.chart()).isEmpty();
    assertThat(load.report().errors()).anyMatch(f -> f.location().line() > 0);
  }

  @Test
  void malformedValuesYamlIsAFindingWithALine() throws Exception {
    ChartFixture.write(
        "=== top/Chart.yaml\napiVersion: v2\nname: top\nversion: 0.1.0\n"
            + "=== top/values.yaml\na: 1\nb: [\n",
        dir);
    ChartLoad load = HelmValues.loadChart(dir.resolve("top"), ValuesOptions.defaults());
    assertThat(load.chart()).isEmpty();
    assertThat(load.report().errors())
        .anyMatch(f -> f.location().file().endsWith("values.yaml") && f.location().line() > 0);
  }

  @Test
  void exposesSchemaTemplatesAndDependencyMetadata() throws Exception {
    ChartFixture.write(
        """
        === top/Chart.yaml
        apiVersion: v2
        name: top
        version: 0.1.0
        appVersion: "1.2"
        dependencies:
        - name: sub
          version: 0.1.0
          condition: sub.enabled,x.y
          tags: [t1]
          import-values:
          - data
          - child: a.b
            parent: c
        === top/values.schema.json
        {"type": "object"}
        === top/charts/sub/Chart.yaml
        apiVersion: v2
        name: sub
        version: 0.1.0
        === top/charts/_ignored/Chart.yaml
        broken: [
        """,
        dir);
    Chart c =
        HelmValues.loadChart(dir.resolve("top"), ValuesOptions.defaults()).chart().orElseThrow();
    assertThat(c.appVersion()).isEqualTo("1.2");
    assertThat(new String(c.schema(), StandardCharsets.UTF_8)).contains("object");
    assertThat(c.schemaFile())
        .hasValueSatisfying(f -> assertThat(f).endsWith("values.schema.json"));
    assertThat(c.templates()).containsExactly("templates/values.yaml");
    ChartDependency d = c.dependencies().get(0);
    assertThat(d.condition()).isEqualTo("sub.enabled,x.y");
    assertThat(d.tags()).containsExactly("t1");
    assertThat(d.importValues())
        .containsExactly(
            new ImportValue("exports.data", ".", true), new ImportValue("a.b", "c", false));
    assertThat(c.subcharts()).extracting(Chart::name).containsExactly("sub");
  }

  @Test
  void followsSymlinkedSubchartDirectoriesLikeHelm() throws Exception {
    ChartFixture.write(
        """
        === top/Chart.yaml
        apiVersion: v2
        name: top
        version: 0.1.0
        === elsewhere/sub/Chart.yaml
        apiVersion: v2
        name: sub
        version: 0.1.0
        === elsewhere/sub/values.yaml
        k: linked
        """,
        dir);
    Files.createDirectories(dir.resolve("top/charts"));
    Files.createSymbolicLink(dir.resolve("top/charts/sub"), dir.resolve("elsewhere/sub"));
    ValuesResult r = HelmValues.resolve(dir.resolve("top"), List.of(), ValuesOptions.defaults());
    assertThat(r.toJson("sub")).contains("{\"global\":{},\"k\":\"linked\"}");
  }

  @Test
  void symlinkLoopIsAFinding() throws Exception {
    ChartFixture.write("=== top/Chart.yaml\napiVersion: v2\nname: top\nversion: 0.1.0\n", dir);
    Files.createDirectories(dir.resolve("top/charts"));
    Files.createSymbolicLink(dir.resolve("top/charts/loop"), dir.resolve("top"));
    ChartLoad load = HelmValues.loadChart(dir.resolve("top"), ValuesOptions.defaults());
    assertThat(load.chart()).isEmpty();
    assertThat(load.report().errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo("chart.load.invalid");
              assertThat(e.message()).contains("charts/loop").contains("leads back");
            });
  }
}
