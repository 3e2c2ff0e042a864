package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlSourceTest {

  private static final Path LINT = Path.of("src/test/resources/yaml/lint");
  private static final Path HOSTILE = Path.of("src/test/resources/yaml/hostile");

  @Test
  void keepsLineAndColumnOfEveryKey() {
    YamlFile f =
        YamlSource.parse(
            """
            hub:
              image:
                name: x
            list:
              - a
              - {b: 2}
            """,
            "v.yaml");
    YamlDocument d = f.documents().get(0);
    assertThat(d.positionOf(List.of("hub", "image", "name"))).contains(new YamlNode.Mark(3, 5));
    assertThat(d.positionOf(List.of("list", "1", "b"))).contains(new YamlNode.Mark(6, 6));
    assertThat(d.positionOf(List.of("nope"))).isEmpty();
    assertThat(d.locationOf(List.of("hub", "image")).toString()).isEqualTo("v.yaml:2:3 hub.image");
  }

  @Test
  void readsEveryDocumentOfAMultiDocumentFile() {
    YamlFile f = YamlSource.parse("a: 1\n---\nb: 2\n---\n", "m.yaml");
    assertThat(f.documents()).hasSize(3);
    assertThat(f.documents().get(1).value()).isEqualTo(Map.of("b", 2.0));
    assertThat(f.documents().get(2).value()).isNull();
  }

  @Test
  void emptyFileHasNoDocuments() {
    YamlFile f = YamlSource.parse("", "e.yaml");
    assertThat(f.documents()).isEmpty();
    assertThat(f.report().passed()).isTrue();
  }

  @Test
  void stripsUtf8AndDecodesUtf16ByteOrderMarks() throws Exception {
    YamlFile u8 = YamlSource.load(LINT.resolve("utf8-bom.yaml"));
    YamlFile u16 = YamlSource.load(LINT.resolve("utf16-bom.yaml"));
    assertThat(u8.documents().get(0).value()).isEqualTo(Map.of("a", 1.0, "b", "two"));
    assertThat(u16.documents().get(0).value()).isEqualTo(Map.of("a", 1.0, "b", "zwei"));
  }

  @Test
  void findsPlantedDuplicateKeysAtTheirLines() throws Exception {
    YamlFile f = YamlSource.load(LINT.resolve("duplicates.yaml"));
    List<Finding> dups = f.report().findingsOf("yaml.duplicate-key");
    assertThat(dups).extracting(x -> x.location().line()).containsExactly(4, 10);
    assertThat(dups).extracting(x -> x.location().keyPath()).containsExactly("image.tag", "hub");
    assertThat(dups.get(0).message()).contains("first at line 3");
    // Helm keeps the last value.
    Object image = ((Map<?, ?>) f.documents().get(0).value()).get("image");
    assertThat(((Map<?, ?>) image).get("tag")).isEqualTo("4.3.2");
  }

  @Test
  void reportsWhatHelmDoesSilently() throws Exception {
    YamlFile f = YamlSource.load(LINT.resolve("surprises.yaml"));
    Report r = f.report();
    assertThat(r.findingsOf("yaml.bool-key"))
        .singleElement()
        .satisfies(x -> assertThat(x.location().line()).isEqualTo(1));
    assertThat(r.findingsOf("yaml.bool-value"))
        .extracting(x -> x.location().keyPath())
        .containsExactly("country", "enabled");
    assertThat(r.findingsOf("yaml.number-form"))
        .extracting(x -> x.location().keyPath())
        .containsExactly("mode", "version", "size");
    assertThat(r.findingsOf("yaml.number-precision"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("123456789012345680"));
    assertThat(r.findingsOf("yaml.tab-indent")).isEmpty();
    assertThat(f.isReadable()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1} at line {2}")
  @CsvSource({
    "billion-laughs.yaml, yaml.alias-expansion, 0",
    "doubling-aliases.yaml, yaml.alias-expansion, 0",
    "deep-nesting.yaml, yaml.too-deep, 1",
    "deep-block-nesting.yaml, yaml.too-deep, 0",
    "invalid-utf8.yaml, yaml.encoding, 2",
    "binary-garbage.bin, yaml.encoding, 0",
    "nul-byte.yaml, yaml.syntax, 2",
    "recursive-alias.yaml, yaml.syntax, 2",
    "unknown-anchor.yaml, yaml.syntax, 2",
    "unclosed-quote.yaml, yaml.syntax, 0",
    "tab-indent.yaml, yaml.tab-indent, 2",
    "tab-before-comment.yaml, yaml.tab-indent, 3",
    "null-key.yaml, yaml.type, 1",
    "complex-key.yaml, yaml.type, 1",
    "infinity.yaml, yaml.type, 2",
  })
  void rejectsHostileInputWithAClearFinding(String file, String code, int line) throws Exception {
    YamlFile f = YamlSource.load(HOSTILE.resolve(file));
    assertThat(f.isReadable()).isFalse();
    List<Finding> matching = f.report().findingsOf(code);
    assertThat(matching).as(f.report().toText()).isNotEmpty();
    Finding first = matching.get(0);
    assertThat(first.severity()).isEqualTo(Severity.ERROR);
    assertThat(first.location().file()).endsWith(file);
    if (line > 0) {
      assertThat(first.location().line()).isEqualTo(line);
    } else {
      assertThat(first.location().line()).isPositive();
    }
  }

  @Test
  void rejectsScalarsAndFilesOverTheLimits() throws Exception {
    YamlFile scalar =
        YamlSource.load(
            HOSTILE.resolve("huge-scalar.yaml"), YamlLimits.defaults().withMaxScalarChars(65536));
    assertThat(scalar.report().findingsOf("yaml.scalar-too-large"))
        .singleElement()
        .satisfies(x -> assertThat(x.location().line()).isEqualTo(1));
    YamlFile big =
        YamlSource.load(
            HOSTILE.resolve("huge-scalar.yaml"), YamlLimits.defaults().withMaxBytes(1000));
    assertThat(big.report().findingsOf("yaml.too-large")).hasSize(1);
  }

  @Test
  void missingFilesThrowWithTheirName() {
    assertThatThrownBy(() -> YamlSource.load(Path.of("no/such/file.yaml")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("no/such/file.yaml");
  }

  @Test
  void valuesAreImmutableUntilCopied() {
    YamlDocument d = YamlSource.parse("a: {b: [1]}\n", "v").documents().get(0);
    assertThatThrownBy(() -> cast(d.value()).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) d.mutableValue();
    copy.put("x", 1.0);
    assertThat(copy).containsKeys("a", "x");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
