package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySuggestionsTest {

  private static List<List<String>> paths(String... dotted) {
    return java.util.Arrays.stream(dotted).map(d -> List.of(d.split("\\."))).toList();
  }

  /** umbrella → hub (alias of jupyterhub), worker (disabled), with a few read keys each. */
  private static ChartKeys umbrella() {
    ChartKeys hub =
        ChartKeys.sub(
                "hub",
                "jupyterhub",
                KeyReader.ofPaths(
                    paths("imagePullSecret.create", "proxy.secretToken", "singleuser.image")),
                List.of())
            .withAlias("hub");
    ChartKeys worker =
        ChartKeys.sub("worker", "worker", KeyReader.ofPaths(paths("replicas")), List.of())
            .disabled("condition worker.enabled is false");
    return ChartKeys.top(
        "umbrella",
        KeyReader.ofPaths(paths("nfs.enabled", "userServiceAccount.enabled")),
        List.of(hub, worker));
  }

  private static List<String> user(String dotted) {
    return List.of(dotted.split("\\."));
  }

  @Test
  void keyReadUnderASubchartIsSuggestedThere() {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(umbrella(), user("imagePullSecret.create"));
    assertThat(s.get(0).kind()).isEqualTo(KeySuggestions.Kind.OTHER_LEVEL);
    assertThat(s.get(0).keyPath()).isEqualTo("hub.imagePullSecret.create");
  }

  @Test
  void keyReadByTheParentIsSuggestedFromInsideASubchart() {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(umbrella(), user("hub.nfs.enabled"));
    assertThat(KeySuggestions.renames(s)).startsWith("nfs.enabled");
  }

  @Test
  void valuesUnderTheOriginalNameOfAnAliasedChartSuggestTheAlias() {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(umbrella(), user("jupyterhub.proxy.secretToken"));
    assertThat(s.get(0).kind()).isEqualTo(KeySuggestions.Kind.ALIAS);
    assertThat(s.get(0).keyPath()).isEqualTo("hub.proxy.secretToken");
    assertThat(s.get(0).reason()).contains("aliased as `hub`");
  }

  @Test
  void valuesForADisabledSubchartNameTheCondition() {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(umbrella(), user("worker.replicas"));
    assertThat(s)
        .anySatisfy(
            x -> {
              assertThat(x.kind()).isEqualTo(KeySuggestions.Kind.DISABLED);
              assertThat(x.reason()).contains("condition worker.enabled is false");
            });
  }

  @Test
  void typoWithinDistanceTwoIsSuggested() {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(umbrella(), user("hub.singeluser.image"));
    assertThat(s)
        .extracting(KeySuggestions.KeySuggestion::kind, KeySuggestions.KeySuggestion::keyPath)
        .contains(
            org.assertj.core.groups.Tuple.tuple(KeySuggestions.Kind.TYPO, "hub.singleuser.image"));
  }

  @Test
  void farAwayKeyIsNoTypo() {
    assertThat(KeySuggestions.suggest(umbrella(), user("hub.completelyDifferent"))).isEmpty();
  }

  @Test
  void yamlBooleanKeyIsExplained() {
    ChartKeys top = ChartKeys.top("c", KeyReader.ofPaths(paths("axes.x", "axes.y")), List.of());
    List<KeySuggestions.KeySuggestion> s = KeySuggestions.suggest(top, user("axes.true"));
    assertThat(s).hasSize(1);
    assertThat(s.get(0).kind()).isEqualTo(KeySuggestions.Kind.YAML11_BOOLEAN);
    assertThat(s.get(0).keyPath()).isEqualTo("axes.y");
    assertThat(s.get(0).reason()).contains("quote it as \"y\"");
  }

  @ParameterizedTest
  @CsvSource({
    "kitten, sitting, 3",
    "imagePullSecret, imagePullSecrets, 1",
    "singeluser, singleuser, 1",
    "ab, ba, 1",
    "'', abc, 3",
    "same, same, 0"
  })
  void distanceIsDamerauLevenshtein(String a, String b, int d) {
    assertThat(KeySuggestions.distance(a, b)).isEqualTo(d);
    assertThat(KeySuggestions.distance(b, a)).isEqualTo(d);
  }

  @Test
  void incidentOneAtBasehubRootSuggestsJupyterhubImagePullSecret() throws IOException {
    ChartKeys basehub = CorpusCharts.basehub("");
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(basehub, user("imagePullSecret.create"));
    assertThat(KeySuggestions.renames(s)).first().isEqualTo("jupyterhub.imagePullSecret.create");
  }

  @Test
  void incidentOneAtBasehubRootWithAMapValueSuggestsJupyterhubImagePullSecret() throws IOException {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(CorpusCharts.basehub(""), user("imagePullSecret"));
    assertThat(KeySuggestions.renames(s)).first().isEqualTo("jupyterhub.imagePullSecret");
  }

  @Test
  void incidentOneAtDaskhubRootSuggestsBasehubJupyterhubImagePullSecret() throws IOException {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(CorpusCharts.daskhub(), user("imagePullSecret"));
    assertThat(KeySuggestions.renames(s)).first().isEqualTo("basehub.jupyterhub.imagePullSecret");
  }

  @Test
  void jupyterhubKeyAtDaskhubRootSuggestsTheBasehubNesting() throws IOException {
    List<KeySuggestions.KeySuggestion> s =
        KeySuggestions.suggest(CorpusCharts.daskhub(), user("jupyterhub.imagePullSecret"));
    assertThat(KeySuggestions.renames(s)).first().isEqualTo("basehub.jupyterhub.imagePullSecret");
  }

  @Test
  void basehubDefaultsDoNotCountDisabledSubchartsAsReaders() throws IOException {
    ChartKeys basehub = CorpusCharts.basehub("");
    assertThat(basehub.children())
        .filteredOn(c -> c.name().equals("dask-gateway"))
        .extracting(ChartKeys::enabled)
        .containsExactly(false);
  }
}
