package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validates real chart defaults and the incident-1 mistake against the real corpus schemas. */
class ValuesSchemaCorpusTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @SuppressWarnings("unchecked")
  static Map<String, Object> readYaml(Path file) throws IOException {
    Map<String, Object> m = YAML.readValue(file.toFile(), Map.class);
    return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
  }

  @Test
  void z2jhDefaultsPassTheirOwnSchema() throws IOException {
    ValuesSchema schema = ValuesSchema.load(SharedCorpus.corpus("z2jh/4.3.3/values.schema.json"));
    assertThat(schema.draft()).isEqualTo(SchemaDraft.DRAFT_7);
    Report r = schema.validate(readYaml(SharedCorpus.corpus("z2jh/4.3.3/values.yaml")));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void z2jhSchemaRejectsAMistypedHubField() throws IOException {
    ValuesSchema schema = ValuesSchema.load(SharedCorpus.corpus("z2jh/4.3.3/values.schema.json"));
    Map<String, Object> values = readYaml(SharedCorpus.corpus("z2jh/4.3.3/values.yaml"));
    values.put("imagePullSecretz", Map.of("create", true));
    Report r = schema.validate(values);
    assertThat(r.findings())
        .extracting(Finding::code, f -> f.location().pointer())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "values.schema.additional-property", "/imagePullSecretz"));
  }

  @Test
  void basehubSchemaRejectsTopLevelImagePullSecret() throws IOException {
    Path basehub = SharedCorpus.corpus("2i2c/helm-charts/basehub");
    ValuesSchema schema = ValuesSchema.load(basehub.resolve("values.schema.json"));
    Map<String, Object> values = readYaml(basehub.resolve("values.yaml"));
    values.put("imagePullSecret", Map.of("create", true, "registry", "quay.io"));
    List<Finding> extra =
        schema.validate(values).findings().stream()
            .filter(f -> f.code().equals("values.schema.additional-property"))
            .toList();
    assertThat(extra).hasSize(1);
    assertThat(extra.get(0).location().pointer()).isEqualTo("/imagePullSecret");
    assertThat(extra.get(0).evidence()).containsEntry("helmPointer", "");
  }

  @Test
  void basehubDefaultsAloneHaveNoAdditionalPropertyErrors() throws IOException {
    Path basehub = SharedCorpus.corpus("2i2c/helm-charts/basehub");
    ValuesSchema schema = ValuesSchema.load(basehub.resolve("values.schema.json"));
    Report r = schema.validate(readYaml(basehub.resolve("values.yaml")));
    assertThat(r.findings())
        .extracting(Finding::code)
        .doesNotContain("values.schema.additional-property");
  }
}
