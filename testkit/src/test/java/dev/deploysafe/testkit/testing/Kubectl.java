package dev.deploysafe.testkit.testing;

import dev.deploysafe.core.testing.Peers;
import dev.deploysafe.testkit.EmbeddedApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary against an embedded server through a written kubeconfig. */
public final class Kubectl {

  /** The outcome of one kubectl run. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Returns stdout, failing with stderr when kubectl did not exit 0. */
    public String ok() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ": " + stderr + "\n" + stdout);
      }
      return stdout;
    }
  }

  private final Path binary;
  private final Path kubeconfig;
  private final Path cacheDir;
  private final Path dir;

  private Kubectl(Path binary, Path kubeconfig, Path cacheDir, Path dir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
    this.dir = dir;
  }

  /** Finds kubectl (skipping outside CI when absent) and writes a kubeconfig under {@code dir}. */
  public static Kubectl against(EmbeddedApiServer server, Path dir) throws IOException {
    Path bin = Peers.kubectl();
    Path kc = server.writeKubeconfig(dir.resolve("kubeconfig"));
    return new Kubectl(bin, kc, dir.resolve("cache"), dir);
  }

  /** Returns the kubeconfig path. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Runs kubectl with these arguments and waits at most 60 seconds. */
  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput("", args);
  }

  /** Runs kubectl with {@code stdin} as standard input and waits at most 60 seconds. */
  public Result runWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish within 60s: " + List.of(args));
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Starts kubectl without waiting; the caller reads its output and destroys it. */
  public Process start(String... args) throws IOException {
    return builder(args).redirectErrorStream(true).start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.add("--cache-dir=" + cacheDir);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", dir.toString());
    pb.environment().remove("KUBECONFIG");
    return pb;
  }
}
