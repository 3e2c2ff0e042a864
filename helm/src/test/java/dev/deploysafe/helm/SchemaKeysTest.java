package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.testing.SharedCorpus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaKeysTest {

  private static KeyVerdict.Use use(String schema, String dottedPath) {
    KeyReader r = SchemaKeys.of(ValuesSchema.parse(schema, "values.schema.json"));
    return r.verdict(List.of(dottedPath.split("\\."))).use();
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{\"properties\":{\"a\":{\"properties\":{\"b\":{}}}}} => a.b => NAMED",
        "{\"properties\":{\"a\":{\"properties\":{\"b\":{}}}}} => a.c => UNREAD",
        "{\"properties\":{\"a\":{\"properties\":{\"b\":{}}}}} => z => UNREAD",
        "{\"properties\":{\"a\":{\"type\":\"object\"}}} => a.anything.deep => FREE_FORM",
        "{\"properties\":{\"a\":{}}} => a.x => FREE_FORM",
        "{\"properties\":{\"a\":{\"additionalProperties\":{\"type\":\"string\"}}}} => a.x => FREE_FORM",
        "{\"properties\":{\"a\":{\"properties\":{\"b\":{}},\"additionalProperties\":false}}} => a.x => UNREAD",
        "{\"properties\":{\"a\":{\"patternProperties\":{\"^[A-Z]\":{}}}}} => a.Kube => NAMED",
        "{\"properties\":{\"a\":{\"patternProperties\":{\"^[A-Z]\":{\"properties\":{\"q\":{}}}}}}} => a.kube => UNREAD",
        "{\"$defs\":{\"img\":{\"properties\":{\"tag\":{}}}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/img\"}}} => a.tag => NAMED",
        "{\"$defs\":{\"img\":{\"properties\":{\"tag\":{}}}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/img\"}}} => a.tga => UNREAD",
        "{\"properties\":{\"a\":{\"anyOf\":[{\"properties\":{\"x\":{}}},{\"properties\":{\"y\":{}}}]}}} => a.y => NAMED",
        "{\"properties\":{\"a\":{\"allOf\":[{\"properties\":{\"x\":{}}}]}}} => a.x => NAMED",
        "{\"properties\":{\"a\":{\"if\":{},\"then\":{\"properties\":{\"t\":{}}},\"else\":{\"properties\":{\"e\":{}}}}}} => a.e => NAMED",
        "{\"properties\":{\"a\":{\"type\":\"string\"}}} => a.x => UNREAD",
        "true => anything.at.all => FREE_FORM",
      })
  void decidesWhetherTheSchemaNamesAKey(String schema, String path, KeyVerdict.Use expected) {
    assertThat(use(schema, path)).isEqualTo(expected);
  }

  @Test
  void z2jhSchemaNamesImagePullSecretAndHubConfigClasses() throws IOException {
    KeyReader r =
        SchemaKeys.of(ValuesSchema.load(SharedCorpus.corpus("z2jh/4.3.3/values.schema.json")));
    assertThat(r.verdict(List.of("imagePullSecret", "registry")).use())
        .isEqualTo(KeyVerdict.Use.NAMED);
    assertThat(r.verdict(List.of("hub", "config", "KubeSpawner", "x")).use())
        .isEqualTo(KeyVerdict.Use.FREE_FORM);
    assertThat(r.verdict(List.of("hub", "nodeSelector", "disk")).use())
        .isEqualTo(KeyVerdict.Use.FREE_FORM);
    assertThat(r.verdict(List.of("hubb")).use()).isEqualTo(KeyVerdict.Use.UNREAD);
    assertThat(r.childKeys(List.of())).contains("imagePullSecret", "hub", "singleuser");
  }
}
