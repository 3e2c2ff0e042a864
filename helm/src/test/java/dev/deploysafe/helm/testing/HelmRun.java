package dev.deploysafe.helm.testing;

import dev.deploysafe.core.testing.Peers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code helm template} on a chart tree whose every chart prints {@code {{ .Values |
 * toJson }}} from {@code templates/values.yaml}, and maps each printed JSON line back to its chart
 * path through the {@code # Source:} headers.
 */
public final class HelmRun {
  /** What helm gave: exit code, JSON per chart path, stderr. */
  public record Result(int exitCode, Map<String, String> json, String stderr) {}

  private HelmRun() {}

  /** Runs {@code helm template r CHART ARGS...}. */
  public static Result template(Path chart, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Peers.helm().toString());
    cmd.add("template");
    cmd.add("r");
    cmd.add(chart.toString());
    cmd.addAll(args);
    Path out = Files.createTempFile("helm-out", ".txt");
    Path err = Files.createTempFile("helm-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("helm template did not finish: " + cmd);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      Map<String, String> json = new TreeMap<>();
      String[] lines = stdout.split("\n");
      for (int i = 0; i + 1 < lines.length; i++) {
        String l = lines[i];
        if (l.startsWith("# Source: ") && l.endsWith("/templates/values.yaml")) {
          json.put(chartPath(l.substring("# Source: ".length())), lines[i + 1]);
        }
      }
      return new Result(p.exitValue(), json, Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Turns {@code top/charts/a/charts/b/templates/values.yaml} into {@code a/b}. */
  static String chartPath(String source) {
    String s = source.substring(0, source.length() - "/templates/values.yaml".length());
    int slash = s.indexOf('/');
    if (slash < 0) {
      return "";
    }
    s = s.substring(slash + 1);
    List<String> parts = new ArrayList<>();
    String[] segs = s.split("/");
    for (int i = 0; i + 1 < segs.length; i += 2) {
      parts.add(segs[i + 1]);
    }
    return String.join("/", parts);
  }
}
