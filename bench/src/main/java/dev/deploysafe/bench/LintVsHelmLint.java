package dev.deploysafe.bench;

import dev.deploysafe.core.YamlSource;
import dev.deploysafe.helm.LintResult;
import dev.deploysafe.helm.SetFileReader;
import dev.deploysafe.helm.ValuesInput;
import dev.deploysafe.helm.ValuesLint;
import dev.deploysafe.helm.ValuesOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lints every 2i2c corpus hub twice: with {@code ValuesLint} in one warm JVM (per-hub time, median
 * of the last passes) and with one real {@code helm lint} process per hub (median of runs), on the
 * same assembled charts (defaults and schemas, no templates, as the corpus holds them) and the same
 * {@code -f} files, with a stub first for the keys the deployer's values.jsonnet supplies. Prints a
 * table and the ratio. Usage: {@code LintVsHelmLint [RUNS]}; needs {@code DEPLOYSAFE_HELM}.
 */
public final class LintVsHelmLint {

  private LintVsHelmLint() {}

  private static final String STUB =
      "jupyterhub:\n  ingress:\n    hosts: [hub.example.org]\n    tls:\n"
          + "      - hosts: [hub.example.org]\n        secretName: https-auto-tls\n"
          + "userServiceAccount:\n  enabled: true\nnfs:\n  pv:\n    serverIP: 10.0.0.2\n";

  /** Runs the comparison and prints the table. */
  public static void main(String... args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String helm = System.getenv("DEPLOYSAFE_HELM");
    if (helm == null) {
      throw new IllegalStateException("run eval \"$(scripts/install-peers.sh --env)\" first");
    }
    Path shared = CorpusHub.shared();
    Path dir = Files.createTempDirectory("lint-bench");
    Path charts = assemble(shared.resolve("corpus"), dir);
    Path stubBase = dir.resolve("stub-basehub.yaml");
    Path stubDask = dir.resolve("stub-daskhub.yaml");
    Files.writeString(stubBase, STUB, StandardCharsets.UTF_8);
    Files.writeString(
        stubDask, "basehub:\n" + STUB.replaceAll("(?m)^", "  "), StandardCharsets.UTF_8);
    Object hubs =
        YamlSource.load(shared.resolve("corpus/2i2c/hubs.json")).documents().get(0).value();
    System.out.printf(
        "%-34s %10s %12s %7s %9s %8s%n",
        "hub", "ds ms", "helm ms", "ds err", "helm err", "helm rc");
    double dsTotal = 0;
    double helmTotal = 0;
    int n = 0;
    for (Object o : (List<?>) hubs) {
      Map<?, ?> h = (Map<?, ?>) o;
      String chart = (String) h.get("helm_chart");
      List<Path> files = new ArrayList<>();
      files.add(chart.equals("daskhub") ? stubDask : stubBase);
      for (Object f : (List<?>) h.get("helm_values_files_in_order")) {
        Map<?, ?> fm = (Map<?, ?>) f;
        if (Boolean.TRUE.equals(fm.get("included"))) {
          files.add(shared.resolve("corpus/2i2c").resolve((String) fm.get("file")));
        }
      }
      Path chartDir = charts.resolve(chart);
      long[] ds = new long[runs + 2];
      LintResult last = null;
      for (int i = 0; i < ds.length; i++) {
        long s = System.nanoTime();
        List<ValuesInput> inputs = new ArrayList<>();
        for (Path f : files) {
          inputs.add(ValuesInput.file(f));
        }
        last =
            ValuesLint.lint(
                chartDir, inputs, List.of(), SetFileReader.none(), ValuesOptions.defaults());
        ds[i] = System.nanoTime() - s;
      }
      long[] he = new long[runs];
      int rc = 0;
      int helmErrors = 0;
      for (int i = 0; i < runs; i++) {
        List<String> cmd = new ArrayList<>(List.of(helm, "lint", chartDir.toString()));
        for (Path f : files) {
          cmd.add("-f");
          cmd.add(f.toString());
        }
        File out = File.createTempFile("helm-lint", ".txt");
        long s = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
        p.waitFor(60, TimeUnit.SECONDS);
        he[i] = System.nanoTime() - s;
        rc = p.exitValue();
        helmErrors =
            (int)
                Files.readAllLines(out.toPath()).stream()
                    .filter(l -> l.contains("[ERROR]"))
                    .count();
        Files.delete(out.toPath());
      }
      double dsMs = median(Arrays.copyOfRange(ds, 2, ds.length)) / 1e6;
      double helmMs = median(he) / 1e6;
      dsTotal += dsMs;
      helmTotal += helmMs;
      n++;
      System.out.printf(
          "%-34s %10.1f %12.1f %7d %9d %8d%n",
          h.get("cluster") + "/" + h.get("hub"),
          dsMs,
          helmMs,
          last.report().errors().size(),
          helmErrors,
          rc);
    }
    System.out.printf(
        "%nhubs %d: deploysafe %.1f ms/hub, helm lint %.1f ms/hub, helm lint / deploysafe = %.1fx%n",
        n, dsTotal / n, helmTotal / n, helmTotal / dsTotal);
  }

  /** Lints every hub a few times so the per-hub numbers are warm-JVM times, not JIT warm-up. */
  private static void warmUp(List<?> hubs, Path shared, Path charts, Path stubBase, Path stubDask)
      throws Exception {
    for (int round = 0; round < 5; round++) {
      for (Object o : hubs) {
        Map<?, ?> h = (Map<?, ?>) o;
        String chart = (String) h.get("helm_chart");
        List<ValuesInput> inputs = new ArrayList<>();
        inputs.add(ValuesInput.file(chart.equals("daskhub") ? stubDask : stubBase));
        for (Object f : (List<?>) h.get("helm_values_files_in_order")) {
          Map<?, ?> fm = (Map<?, ?>) f;
          if (Boolean.TRUE.equals(fm.get("included"))) {
            inputs.add(
                ValuesInput.file(shared.resolve("corpus/2i2c").resolve((String) fm.get("file"))));
          }
        }
        ValuesLint.lint(
            charts.resolve(chart),
            inputs,
            List.of(),
            SetFileReader.none(),
            ValuesOptions.defaults());
      }
    }
  }

  private static double median(long[] xs) {
    long[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static Path assemble(Path corpus, Path dir) throws Exception {
    Path basehub = dir.resolve("basehub");
    writeBasehub(corpus, basehub);
    Path daskhub = dir.resolve("daskhub");
    Files.createDirectories(daskhub);
    Files.copy(
        corpus.resolve("2i2c/helm-charts/daskhub/Chart.yaml"), daskhub.resolve("Chart.yaml"));
    writeBasehub(corpus, daskhub.resolve("charts/basehub"));
    return dir;
  }

  private static void writeBasehub(Path corpus, Path basehub) throws Exception {
    Files.createDirectories(basehub);
    for (String f : List.of("Chart.yaml", "values.yaml", "values.schema.json")) {
      Files.copy(corpus.resolve("2i2c/helm-charts/basehub/" + f), basehub.resolve(f));
    }
    Path z2jh = basehub.resolve("charts/jupyterhub");
    Files.createDirectories(z2jh);
    String z = Files.readString(corpus.resolve("z2jh/4.3.3/Chart.yaml"), StandardCharsets.UTF_8);
    Files.writeString(
        z2jh.resolve("Chart.yaml"),
        z.replace("version: 0.0.1-set.by.chartpress", "version: 4.3.3"),
        StandardCharsets.UTF_8);
    Files.copy(corpus.resolve("z2jh/4.3.3/values.yaml"), z2jh.resolve("values.yaml"));
    Files.copy(corpus.resolve("z2jh/4.3.3/values.schema.json"), z2jh.resolve("values.schema.json"));
  }
}
