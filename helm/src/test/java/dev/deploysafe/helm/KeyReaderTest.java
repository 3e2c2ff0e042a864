package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyReaderTest {

  static String dotted(List<String> p) {
    return String.join(".", p);
  }

  @Test
  void defaultsNameTheirKeys() {
    DefaultKeys d =
        DefaultKeys.of(Map.of("hub", Map.of("image", Map.of("tag", "1"))), "values.yaml");
    assertThat(d.verdict(List.of("hub", "image", "tag")).use()).isEqualTo(KeyVerdict.Use.NAMED);
    assertThat(d.verdict(List.of("hub", "imag")).use()).isEqualTo(KeyVerdict.Use.UNREAD);
  }

  @Test
  void emptyMapDefaultIsFreeForm() {
    DefaultKeys d = DefaultKeys.of(Map.of("nodeSelector", Map.of()), "values.yaml");
    KeyVerdict v = d.verdict(List.of("nodeSelector", "disk"));
    assertThat(v.use()).isEqualTo(KeyVerdict.Use.FREE_FORM);
    assertThat(v.reason()).contains("empty map");
  }

  @Test
  void unionTakesTheStrongestVerdict() {
    KeyReader r =
        KeyReader.union(
            List.of(KeyReader.ofPaths(List.of(List.of("a"))), KeyReader.opaque("not vendored")));
    assertThat(r.verdict(List.of("a")).use()).isEqualTo(KeyVerdict.Use.NAMED);
    assertThat(r.verdict(List.of("zzz")).use()).isEqualTo(KeyVerdict.Use.FREE_FORM);
  }

  @Test
  void childKeysComeFromEveryReader() {
    KeyReader r =
        KeyReader.union(
            List.of(
                KeyReader.ofPaths(List.of(List.of("hub", "image"))),
                DefaultKeys.of(Map.of("hub", Map.of("config", Map.of("x", 1))), "values.yaml")));
    assertThat(r.childKeys(List.of("hub"))).containsExactlyInAnyOrder("image", "config");
  }
}
