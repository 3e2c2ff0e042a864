package dev.deploysafe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Assembles the largest hub of the shared 2i2c corpus (leap/prod: daskhub → basehub → z2jh 4.3.3,
 * two values files, 16 KB) into a runnable chart tree with a {@code toJson} template per chart, for
 * benchmarks. basehub's dependencies absent from the corpus are removed from its Chart.yaml.
 */
final class CorpusHub {
  private CorpusHub() {}

  /**
   * Returns the shared folder: {@code DEPLOYSAFE_SHARED}, else {@code ../shared}, else
   * /work/shared.
   */
  static Path shared() {
    String env = System.getenv("DEPLOYSAFE_SHARED");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path rel = Path.of("..", "shared").toAbsolutePath().normalize();
    return Files.isDirectory(rel.resolve("corpus")) ? rel : Path.of("/work/shared");
  }

  /** The leap/prod values files, in cluster.yaml order. */
  static List<Path> files(Path shared) {
    Path c = shared.resolve("corpus/2i2c/config/clusters/leap");
    return List.of(c.resolve("daskhub-common.values.yaml"), c.resolve("prod.values.yaml"));
  }

  /** Writes daskhub/charts/basehub/charts/jupyterhub below dir; returns the daskhub directory. */
  static Path assemble(Path shared, Path dir) throws IOException {
    Path corpus = shared.resolve("corpus");
    Path daskhub = dir.resolve("daskhub");
    Files.createDirectories(daskhub);
    Files.copy(
        corpus.resolve("2i2c/helm-charts/daskhub/Chart.yaml"), daskhub.resolve("Chart.yaml"));
    template(daskhub);
    Path basehub = daskhub.resolve("charts/basehub");
    Files.createDirectories(basehub);
    String chart =
        Files.readString(
            corpus.resolve("2i2c/helm-charts/basehub/Chart.yaml"), StandardCharsets.UTF_8);
    chart = chart.substring(0, chart.indexOf("  - name: binderhub-service"));
    Files.writeString(basehub.resolve("Chart.yaml"), chart, StandardCharsets.UTF_8);
    Files.copy(
        corpus.resolve("2i2c/helm-charts/basehub/values.yaml"), basehub.resolve("values.yaml"));
    template(basehub);
    Path z2jh = basehub.resolve("charts/jupyterhub");
    Files.createDirectories(z2jh);
    String z = Files.readString(corpus.resolve("z2jh/4.3.3/Chart.yaml"), StandardCharsets.UTF_8);
    Files.writeString(
        z2jh.resolve("Chart.yaml"),
        z.replace("version: 0.0.1-set.by.chartpress", "version: 4.3.3"),
        StandardCharsets.UTF_8);
    Files.copy(corpus.resolve("z2jh/4.3.3/values.yaml"), z2jh.resolve("values.yaml"));
    template(z2jh);
    return daskhub;
  }

  private static void template(Path chart) throws IOException {
    Path t = chart.resolve("templates/values.yaml");
    Files.createDirectories(t.getParent());
    Files.writeString(t, "{{ .Values | toJson }}\n", StandardCharsets.UTF_8);
  }
}
