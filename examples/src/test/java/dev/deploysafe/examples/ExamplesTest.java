package dev.deploysafe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every cluster-free example main and every JShell script, so examples cannot rot. */
class ExamplesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static Stream<String> jshellScripts() throws Exception {
    try (Stream<Path> s = Files.list(ROOT.resolve("examples/jshell"))) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jsh"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("jshellScripts")
  void jshellScriptRunsCleanly(String script) throws Exception {
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    Result r =
        exec(
            List.of(
                jshell.toString(),
                "--class-path",
                System.getProperty("java.class.path"),
                "examples/jshell/" + script));
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContain("Error:").doesNotContain("Exception");
  }

  @ParameterizedTest
  @MethodSource("mains")
  void exampleMainRuns(String main, String arg, int expectedExit) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Result r =
        exec(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), main, arg));
    assertThat(r.code()).as(r.output()).isEqualTo(expectedExit);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> mains() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "dev.deploysafe.examples.LintYamlFiles", "examples/values/hub-surprises.yaml", 0),
        org.junit.jupiter.params.provider.Arguments.of(
            "dev.deploysafe.examples.LintYamlFiles",
            "core/src/test/resources/yaml/lint/duplicates.yaml",
            1));
  }

  record Result(int code, String output) {}

  private static Result exec(List<String> cmd) throws Exception {
    File out = File.createTempFile("example", ".log");
    try {
      Process p =
          new ProcessBuilder(new ArrayList<>(cmd))
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out)
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("example did not finish in 120 s: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out.toPath());
    }
  }
}
