package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.testing.HelmTemplate;
import dev.deploysafe.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads every YAML file of the real corpus in ../shared/corpus (z2jh chart, 2i2c hub configs). */
class CorpusYamlTest {

  private static List<Path> corpusYaml() throws IOException {
    try (Stream<Path> s = Files.walk(SharedCorpus.corpus(""))) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyCorpusFileReadsWithoutDuplicateKeysOrErrors() throws Exception {
    List<Path> files = corpusYaml();
    assertThat(files).hasSizeGreaterThan(60);
    for (Path p : files) {
      YamlFile f = YamlSource.load(p);
      assertThat(f.isReadable()).as(p + "\n" + f.report().toText()).isTrue();
      assertThat(f.report().findingsOf("yaml.duplicate-key")).as(p.toString()).isEmpty();
      assertThat(f.report().errors()).as(p.toString()).isEmpty();
    }
  }

  @Test
  void plantedDuplicateInARealFileIsFoundAtItsLine() throws Exception {
    Path real = SharedCorpus.corpus("2i2c/config/clusters/utoronto/common.values.yaml");
    List<String> lines = Files.readAllLines(real, StandardCharsets.UTF_8);
    // Repeat the first top-level key (with its whole block) at the end of the file.
    int end = 1;
    while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).isBlank())) {
      end++;
    }
    StringBuilder text = new StringBuilder(String.join("\n", lines)).append('\n');
    int plantedLine = lines.size() + 1;
    for (int i = 0; i < end; i++) {
      text.append(lines.get(i)).append('\n');
    }
    YamlFile f = YamlSource.parse(text.toString(), "planted.yaml");
    List<Finding> dups = f.report().findingsOf("yaml.duplicate-key");
    assertThat(dups).hasSizeGreaterThanOrEqualTo(1);
    assertThat(dups.get(0).location().line()).isEqualTo(plantedLine);
  }

  @Test
  void everyHubValuesFileTypesExactlyAsHelmReadsIt(@TempDir Path dir) throws Exception {
    int compared = 0;
    for (Path p : corpusYaml()) {
      if (!p.toString().contains("/2i2c/config/clusters/")
          || !p.toString().endsWith(".values.yaml")) {
        continue;
      }
      String yaml = Files.readString(p, StandardCharsets.UTF_8);
      YamlFile ours = YamlSource.parse(yaml, p.toString());
      Object value = ours.documents().isEmpty() ? null : ours.documents().get(0).value();
      String expected =
          HelmTemplate.run(HelmTemplate.chart(dir.resolve("c" + compared), yaml), List.of()).json();
      String actual = value == null ? "{}" : GoJson.write(value);
      assertThat(actual).as(p.toString()).isEqualTo(expected);
      compared++;
    }
    assertThat(compared).isEqualTo(60);
  }
}
