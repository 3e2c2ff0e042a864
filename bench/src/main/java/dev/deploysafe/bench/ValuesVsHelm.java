package dev.deploysafe.bench;

import dev.deploysafe.helm.HelmValues;
import dev.deploysafe.helm.ValuesInput;
import dev.deploysafe.helm.ValuesOptions;
import dev.deploysafe.helm.ValuesResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares one library call (load chart + read files + resolve, warm JVM) with one {@code helm
 * template} process on the same inputs (leap/prod), printing medians of N runs and their ratio.
 *
 * <p>Usage: {@code ValuesVsHelm [runs]}; needs {@code DEPLOYSAFE_HELM}.
 */
public final class ValuesVsHelm {
  private ValuesVsHelm() {}

  /** Runs the comparison. */
  public static void main(String... args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    String helm = System.getenv("DEPLOYSAFE_HELM");
    if (helm == null || helm.isBlank()) {
      throw new IllegalStateException("set DEPLOYSAFE_HELM (scripts/install-peers.sh --env)");
    }
    Path shared = CorpusHub.shared();
    Path chart = CorpusHub.assemble(shared, Files.createTempDirectory("values-vs-helm"));
    List<Path> files = CorpusHub.files(shared);
    for (int i = 0; i < 200; i++) {
      library(chart, files); // warm up the JIT, as a long-lived process (CLI daemon, CI agent) is
    }
    long[] lib = new long[runs];
    long[] proc = new long[runs];
    List<String> cmd = new ArrayList<>(List.of(helm, "template", "r", chart.toString()));
    for (Path f : files) {
      cmd.add("-f");
      cmd.add(f.toString());
    }
    cmd.add("--skip-schema-validation");
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      ValuesResult r = library(chart, files);
      lib[i] = System.nanoTime() - t0;
      if (!r.isComputed()) {
        throw new IllegalStateException(r.report().toText());
      }
      t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("helm failed");
      }
      proc[i] = System.nanoTime() - t0;
    }
    double libMs = median(lib) / 1e6;
    double helmMs = median(proc) / 1e6;
    System.out.printf(
        "leap/prod (daskhub>basehub>jupyterhub, %d files), median of %d runs:%n"
            + "  library call (load+resolve, warm JVM): %.2f ms%n"
            + "  helm template process:                 %.2f ms%n"
            + "  ratio helm/library:                    %.1fx%n",
        files.size(), runs, libMs, helmMs, helmMs / libMs);
  }

  private static ValuesResult library(Path chart, List<Path> files) throws Exception {
    List<ValuesInput> in = new ArrayList<>();
    for (Path f : files) {
      in.add(ValuesInput.file(f));
    }
    return HelmValues.resolve(chart, in, ValuesOptions.defaults());
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
