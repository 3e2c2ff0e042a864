package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.testing.Peers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares which files of a chart directory deploysafe loads with what the real Helm v4 keeps: for
 * each {@code .helmignore} text, {@code helm package} writes the chart it loaded, and the archive's
 * entries must be exactly our file list (or both must refuse the chart). {@code \n} in a case
 * stands for a line break; {@code <none>} means no {@code .helmignore} at all.
 */
class HelmIgnoreDifferentialTest {

  private static final List<String> TREE =
      List.of(
          "README.md",
          "NOTES.md",
          "x.swp",
          "ci/test-values.yaml",
          "ci/deep/x.yaml",
          "templates/a.yaml",
          "templates/b.yaml",
          "templates/.hidden.yaml",
          "templates/sub/c.yaml",
          "templates/_helpers.tpl",
          "docs/guide.md",
          "files/a.txt",
          "files/b.log",
          "files/.dot",
          "charts/sub/Chart.yaml",
          "charts/sub/values.yaml",
          "charts/sub/templates/s.yaml",
          "charts/sub/templates/.h.yaml");

  @TempDir Path dir;

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "<none>",
        "",
        "*.md",
        "ci/",
        "/ci",
        "ci",
        "templates/sub/*",
        "templates/sub",
        "docs/\\n*.swp\\n.*",
        "# comment\\n\\n   *.txt   \\n",
        "charts/sub/templates/s.yaml",
        "t?mplates/a.yaml",
        "templates/[ab].yaml",
        "templates/[^a].yaml",
        "*/test-values.yaml",
        "*/*/x.yaml",
        "values.yaml",
        "*.log\\n!files/*",
        "!*.yaml",
        "!ci/",
        "**/x.yaml",
        "[",
        "templates/\\\\a.yaml",
        "files/[a-c].txt",
        "*",
        "/*.md",
        ".helmignore",
      })
  void loadsExactlyTheFilesHelmPackages(String ignore) throws Exception {
    Path helm = Peers.helm();
    Path chart = Files.createDirectories(dir.resolve("top"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: top\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.yaml"), "a: 1\n");
    for (String f : TREE) {
      Path p = chart.resolve(f);
      Files.createDirectories(p.getParent());
      String text =
          f.endsWith("Chart.yaml")
              ? "apiVersion: v2\nname: sub\nversion: 0.1.0\n"
              : f.endsWith(".yaml") ? "k: v\n" : "x\n";
      Files.writeString(p, text);
    }
    if (!ignore.equals("<none>")) {
      Files.writeString(chart.resolve(".helmignore"), ignore.replace("\\n", "\n"));
    }

    Path out = Files.createDirectories(dir.resolve("out"));
    Process p =
        new ProcessBuilder(helm.toString(), "package", chart.toString(), "-d", out.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean helmOk = p.waitFor() == 0;

    List<Finding> findings = new ArrayList<>();
    Optional<List<String>> ours =
        ChartLoader.directoryFiles(chart, ValuesOptions.defaults(), findings);
    boolean oursOk = HelmValues.loadChart(chart, ValuesOptions.defaults()).chart().isPresent();
    assertThat(oursOk)
        .as("loads at all; helm said: %s; ours: %s", said, findings)
        .isEqualTo(helmOk);
    if (!helmOk) {
      return;
    }
    Path tgz;
    try (var s = Files.list(out)) {
      tgz = s.filter(x -> x.toString().endsWith(".tgz")).findFirst().orElseThrow();
    }
    assertThat(new TreeSet<>(ours.orElseThrow()))
        .as("files kept for .helmignore %s", ignore)
        .isEqualTo(entries(Files.readAllBytes(tgz), "top/"));
  }

  /** Lists the regular-file entries of a tar.gz, without the leading {@code prefix}. */
  private static TreeSet<String> entries(byte[] tgz, String prefix) throws Exception {
    TreeSet<String> names = new TreeSet<>();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          break;
        }
        String ustarPrefix = field(header, 345, 155);
        if (!ustarPrefix.isEmpty()) {
          name = ustarPrefix + "/" + name;
        }
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        if ((type == '0' || type == 0) && name.startsWith(prefix)) {
          names.add(name.substring(prefix.length()));
        }
        long padded = (size + 511) / 512 * 512;
        in.skipNBytes(padded);
      }
    }
    return names;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }
}
