package dev.deploysafe.helm.testing;

import dev.deploysafe.core.YamlSource;
import dev.deploysafe.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assembles runnable chart trees from the shared 2i2c corpus, which holds only Chart.yaml,
 * values.yaml and schemas: basehub with charts/jupyterhub (z2jh 4.3.3), and daskhub wrapping
 * basehub. Each chart gets a {@code toJson} template. z2jh's in-git version placeholder is set to
 * 4.3.3 (the version basehub pins, as the published chart has). basehub's other dependencies are
 * not in the corpus; {@code stripAbsent} removes them from basehub's Chart.yaml so that Helm can
 * render it (Helm rejects undeclared-but-missing dependencies of the top chart).
 */
public final class CorpusCharts {
  private CorpusCharts() {}

  /** One hub: its chart ({@code basehub}/{@code daskhub}) and its values files in -f order. */
  public record Hub(String name, String chart, List<Path> files) {
    @Override
    public String toString() {
      return name + " (" + chart + ", " + files.size() + " files)";
    }
  }

  /** Reads hubs.json: every hub with its included values files in order. */
  public static List<Hub> hubs() throws IOException {
    Path root = SharedCorpus.corpus("2i2c");
    Object v = YamlSource.load(root.resolve("hubs.json")).documents().get(0).value();
    List<Hub> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      Map<?, ?> h = (Map<?, ?>) o;
      List<Path> files = new ArrayList<>();
      for (Object f : (List<?>) h.get("helm_values_files_in_order")) {
        Map<?, ?> fm = (Map<?, ?>) f;
        if (Boolean.TRUE.equals(fm.get("included"))) {
          files.add(root.resolve((String) fm.get("file")));
        }
      }
      out.add(new Hub(h.get("cluster") + "/" + h.get("hub"), (String) h.get("helm_chart"), files));
    }
    return out;
  }

  /**
   * Writes {@code basehub/} and {@code daskhub/} below {@code dir}.
   *
   * @param stripAbsent remove basehub's dependencies that the corpus does not hold
   */
  public static void assemble(Path dir, boolean stripAbsent) throws IOException {
    assemble(dir, stripAbsent, true);
  }

  /**
   * Writes the charts; without {@code templates}, as the corpus holds them (defaults and schemas
   * only), which is what values lint needs (a toJson template reads every key).
   */
  public static void assemble(Path dir, boolean stripAbsent, boolean templates) throws IOException {
    withTemplates = templates;
    Path corpus = SharedCorpus.corpus("");
    Path basehub = dir.resolve("basehub");
    writeBasehub(basehub, corpus, stripAbsent);
    Path daskhub = dir.resolve("daskhub");
    Files.createDirectories(daskhub);
    Files.copy(
        corpus.resolve("2i2c/helm-charts/daskhub/Chart.yaml"), daskhub.resolve("Chart.yaml"));
    template(daskhub);
    writeBasehub(daskhub.resolve("charts/basehub"), corpus, stripAbsent);
  }

  private static void writeBasehub(Path basehub, Path corpus, boolean stripAbsent)
      throws IOException {
    Files.createDirectories(basehub);
    String chartYaml =
        Files.readString(
            corpus.resolve("2i2c/helm-charts/basehub/Chart.yaml"), StandardCharsets.UTF_8);
    if (stripAbsent) {
      int cut = chartYaml.indexOf("  - name: binderhub-service");
      chartYaml = chartYaml.substring(0, cut);
    }
    Files.writeString(basehub.resolve("Chart.yaml"), chartYaml, StandardCharsets.UTF_8);
    Files.copy(
        corpus.resolve("2i2c/helm-charts/basehub/values.yaml"), basehub.resolve("values.yaml"));
    Files.copy(
        corpus.resolve("2i2c/helm-charts/basehub/values.schema.json"),
        basehub.resolve("values.schema.json"));
    template(basehub);
    Path z2jh = basehub.resolve("charts/jupyterhub");
    Files.createDirectories(z2jh);
    String z = Files.readString(corpus.resolve("z2jh/4.3.3/Chart.yaml"), StandardCharsets.UTF_8);
    z = z.replace("version: 0.0.1-set.by.chartpress", "version: 4.3.3");
    Files.writeString(z2jh.resolve("Chart.yaml"), z, StandardCharsets.UTF_8);
    Files.copy(corpus.resolve("z2jh/4.3.3/values.yaml"), z2jh.resolve("values.yaml"));
    Files.copy(corpus.resolve("z2jh/4.3.3/values.schema.json"), z2jh.resolve("values.schema.json"));
    template(z2jh);
  }

  private static boolean withTemplates = true;

  private static void template(Path chart) throws IOException {
    if (!withTemplates) {
      return;
    }
    Path t = chart.resolve("templates/values.yaml");
    Files.createDirectories(t.getParent());
    Files.writeString(t, "{{ .Values | toJson }}\n", StandardCharsets.UTF_8);
  }
}
