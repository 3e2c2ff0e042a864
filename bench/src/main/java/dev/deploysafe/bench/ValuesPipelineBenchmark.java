package dev.deploysafe.bench;

import dev.deploysafe.helm.Chart;
import dev.deploysafe.helm.HelmValues;
import dev.deploysafe.helm.ValuesInput;
import dev.deploysafe.helm.ValuesOptions;
import dev.deploysafe.helm.ValuesResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the Helm-exact values pipeline on the largest corpus hub (leap/prod, daskhub → basehub →
 * z2jh): with the chart already loaded, and end to end from disk (load chart, read files, resolve).
 *
 * <p>Run: {@code scripts/bench-values.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValuesPipelineBenchmark {
  Path chartDir;
  Chart chart;
  List<ValuesInput> inputs;
  List<Path> files;

  /** Assembles the hub chart tree once. */
  @Setup
  public void setup() throws IOException {
    Path shared = CorpusHub.shared();
    chartDir = CorpusHub.assemble(shared, Files.createTempDirectory("bench-values"));
    files = CorpusHub.files(shared);
    inputs = new ArrayList<>();
    for (Path f : files) {
      inputs.add(ValuesInput.file(f));
    }
    chart = HelmValues.loadChart(chartDir, ValuesOptions.defaults()).chart().orElseThrow();
  }

  /** Resolves values for a loaded chart and parsed-once inputs (the pipeline alone). */
  @Benchmark
  public ValuesResult resolveLoadedChart() {
    return HelmValues.resolve(chart, inputs, ValuesOptions.defaults());
  }

  /** Loads the chart, reads the files and resolves: what one CLI call does. */
  @Benchmark
  public ValuesResult loadAndResolveFromDisk() throws IOException {
    List<ValuesInput> in = new ArrayList<>();
    for (Path f : files) {
      in.add(ValuesInput.file(f));
    }
    return HelmValues.resolve(chartDir, in, ValuesOptions.defaults());
  }
}
