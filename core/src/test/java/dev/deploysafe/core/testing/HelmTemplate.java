package dev.deploysafe.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code helm template} on a throw-away chart whose only template prints {@code {{
 * .Values | toJson }}}, so tests can compare deploysafe's view of values with Helm's.
 */
public final class HelmTemplate {

  /** What one helm run gave: exit code, the JSON line (or ""), and stderr. */
  public record Result(int exitCode, String json, String stderr) {}

  private HelmTemplate() {}

  /** Writes a minimal chart (name {@code x}) with the given values.yaml into {@code dir}. */
  public static Path chart(Path dir, String valuesYaml) throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(
        dir.resolve("Chart.yaml"),
        "apiVersion: v2\nname: x\nversion: 0.1.0\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("values.yaml"), valuesYaml, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("templates/out.yaml"), "{{ .Values | toJson }}\n", StandardCharsets.UTF_8);
    return dir;
  }

  /** Runs {@code helm template x CHART ARGS...} and returns the printed JSON of {@code .Values}. */
  public static Result run(Path chart, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Peers.helm().toString());
    cmd.add("template");
    cmd.add("x");
    cmd.add(chart.toString());
    cmd.addAll(args);
    Path out = Files.createTempFile("helm-out", ".txt");
    Path err = Files.createTempFile("helm-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("helm template did not finish in 60 s: " + cmd);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String json = "";
      String[] lines = stdout.split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith("# Source: x/templates/out.yaml") && i + 1 < lines.length) {
          json = lines[i + 1];
        }
      }
      return new Result(p.exitValue(), json, Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
