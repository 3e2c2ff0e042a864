package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorsTest {

  private static final ObjectNode POD = pod();

  private static ObjectNode pod() {
    try {
      return (ObjectNode)
          new ObjectMapper()
              .readTree(
                  "{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\",\"labels\":{\"app\":\"web\","
                      + "\"tier\":\"front\"}},\"spec\":{\"nodeName\":\"n1\"},"
                      + "\"status\":{\"phase\":\"Running\"}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "labels ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "app=web|true",
        "app==web|true",
        "app!=web|false",
        "app=api|false",
        "app in (api, web)|true",
        "app notin (api,web)|false",
        "tier|true",
        "!tier|false",
        "!missing|true",
        "app=web,tier=back|false",
        "app in (web),tier|true",
        "''|true"
      })
  void labelSelectorMatchesLikeKubernetes(String selector, boolean expected) {
    assertThat(Selectors.labels(selector).test(POD)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "fields ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "metadata.name=p|true",
        "metadata.namespace==ns|true",
        "spec.nodeName=n1|true",
        "spec.nodeName!=n1|false",
        "spec.nodeName=|false",
        "status.phase=Running,metadata.name=p|true",
        "involvedObject.name=p|false"
      })
  void fieldSelectorMatchesDottedPaths(String selector, boolean expected) {
    assertThat(Selectors.fields(selector).test(POD)).isEqualTo(expected);
  }
}
