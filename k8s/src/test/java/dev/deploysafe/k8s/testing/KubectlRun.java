package dev.deploysafe.k8s.testing;

import dev.deploysafe.core.testing.Peers;
import dev.deploysafe.testkit.EmbeddedApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl (the peer binary) against an embedded API server. */
public final class KubectlRun {

  /** One kubectl run: exit code, output and wall time. */
  public record Result(int exitCode, String stdout, String stderr, long millis) {}

  private final Path binary;
  private final Path kubeconfig;
  private final Path dir;

  private KubectlRun(Path binary, Path kubeconfig, Path dir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.dir = dir;
  }

  /** Finds kubectl (skips outside CI when absent) and writes a kubeconfig under {@code dir}. */
  public static KubectlRun against(EmbeddedApiServer api, Path dir) throws IOException {
    Path bin = Peers.kubectl();
    return new KubectlRun(bin, api.writeKubeconfig(dir.resolve("kubeconfig")), dir);
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.add("--cache-dir=" + dir.resolve("cache"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish: " + cmd);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        ms);
  }
}
