package dev.deploysafe.helm;

import dev.deploysafe.core.GoJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real {@code helm template} on a throw-away chart that prints {@code .Values} as JSON,
 * and runs our implementation on the same inputs, so a test can compare the two outcomes.
 *
 * <p>The chart has no defaults, so coalescing leaves the user values as they are (nulls included).
 * The template base64-encodes the JSON inside a YAML map ({@code v: ...}) so no value can confuse
 * Helm's manifest splitting or its {@code kind}/{@code apiVersion} sniffing.
 */
final class HelmTemplateRunner {

  /** What a run gave: JSON on success, or the error text Helm prints after {@code Error: }. */
  record Outcome(boolean ok, String text) {
    @Override
    public String toString() {
      return (ok ? "json " : "error ") + text;
    }
  }

  private final Path helm;
  private final Path root;
  private final Path chart;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<DiffCase, Path> dirs = new IdentityHashMap<>();

  HelmTemplateRunner(Path helm, Path root) throws IOException {
    this.helm = helm;
    this.root = root;
    this.chart = root.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: x\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.yaml"), "");
    Files.writeString(
        chart.resolve("templates/values.yaml"), "v: {{ .Values | toJson | b64enc }}\n");
  }

  /** Runs {@code helm template} for the case. */
  Outcome helm(DiffCase c) throws IOException, InterruptedException {
    return helm(prepare(c), c.helmArgs(), c.stdin() == null ? "" : c.stdin());
  }

  /** Runs {@code helm template x <chart> <args>} in {@code dir}. */
  Outcome helm(Path dir, List<String> args, String stdin) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(helm.toString(), "template", "x", chart.toString()));
    cmd.addAll(args);
    Path out = dir.resolve(".stdout");
    Path err = dir.resolve(".stderr");
    Path in = dir.resolve(".stdin");
    Files.writeString(in, stdin);
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    int rc = p.waitFor();
    if (rc != 0) {
      String e = Files.readString(err);
      int at = e.indexOf("Error: ");
      String msg = at >= 0 ? e.substring(at + "Error: ".length()) : e;
      return new Outcome(false, msg.endsWith("\n") ? msg.substring(0, msg.length() - 1) : msg);
    }
    for (String line : Files.readAllLines(out)) {
      if (line.startsWith("v: ")) {
        byte[] json = Base64.getDecoder().decode(line.substring(3).trim());
        return new Outcome(true, new String(json, StandardCharsets.UTF_8));
      }
    }
    throw new IllegalStateException("no values line in helm output: " + Files.readString(out));
  }

  /** Returns a fresh empty directory under the work root. */
  Path freshDir() throws IOException {
    return Files.createDirectories(root.resolve("dir-" + counter.incrementAndGet()));
  }

  /** Runs our implementation for the case. */
  Outcome ours(DiffCase c) throws IOException {
    Path dir = prepare(c);
    Map<String, Object> base = Map.of();
    if (c.baseJson() != null) {
      try {
        base = SetFlagParser.asMap(GoJsonReader.readDocument(c.baseJson()));
      } catch (GoJsonReader.JsonError e) {
        throw new IllegalArgumentException("bad base JSON in case " + c, e);
      }
    }
    byte[] stdin = (c.stdin() == null ? "" : c.stdin()).getBytes(StandardCharsets.UTF_8);
    ByteArrayInputStream stdinStream = new ByteArrayInputStream(stdin);
    SetFileReader files = SetFileReader.filesystem(dir, () -> stdinStream);
    try {
      return new Outcome(true, GoJson.write(SetFlags.apply(base, c.flags(), files)));
    } catch (SetFlagException e) {
      return new Outcome(false, e.getMessage());
    }
  }

  private Path prepare(DiffCase c) throws IOException {
    Path known = dirs.get(c);
    if (known != null) {
      return known;
    }
    Path dir = Files.createDirectories(root.resolve("case-" + counter.incrementAndGet()));
    dirs.put(c, dir);
    if (c.baseJson() != null) {
      Files.writeString(dir.resolve("base.yaml"), c.baseJson());
    }
    for (Map.Entry<String, String> f : c.files().entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    return dir;
  }
}
