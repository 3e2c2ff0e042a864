package dev.deploysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  /** One in-process run: exit code, stdout, stderr. */
  record Run(int code, String out, String err) {}

  static Run run(Path dir, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Io io =
        new Io(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            dir,
            false);
    int code = Cli.run(List.of(args), io);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void cleanFilePassesWithExitZero(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v.yaml"), "a: 1\nb: [x, y]\n");
    Run r = run(dir, "", "yaml-lint", "v.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.PASSED);
    assertThat(r.out()).contains("PASSED");
  }

  @Test
  void duplicateKeyFailsWithExitOneAndNamesFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v.yaml"), "a: 1\nb: 2\na: 3\n");
    Run r = run(dir, "", "yaml-lint", "v.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("ERROR yaml.duplicate-key v.yaml:3:1");
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommand(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v.yaml"), "a: 1\n");
    assertThat(run(dir, "", "--format", "text", "yaml-lint", "v.yaml").code()).isZero();
    assertThat(run(dir, "", "yaml-lint", "v.yaml", "--format=text").code()).isZero();
  }

  @Test
  void readsStdinWhenTheFileIsADash(@TempDir Path dir) {
    Run r = run(dir, "x: 1\nx: 2\n", "yaml-lint", "-");
    assertThat(r.code()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("<stdin>:2:1");
  }

  @Test
  void directoriesAreLintedRecursively(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf/sub"));
    Files.writeString(dir.resolve("conf/sub/a.yaml"), "k: 1\nk: 2\n");
    Files.writeString(dir.resolve("conf/b.yml"), "ok: true\n");
    Files.writeString(dir.resolve("conf/notes.txt"), "k: 1\nk: 2\n");
    Run r = run(dir, "", "yaml-lint", "conf");
    assertThat(r.code()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("conf/sub/a.yaml:2:1").doesNotContain("notes.txt");
  }

  @Test
  void missingFileIsAUsageErrorWithoutStackTrace(@TempDir Path dir) {
    Run r = run(dir, "", "yaml-lint", "nope.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("cannot read nope.yaml")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void hostileFileIsRejectedCleanly(@TempDir Path dir) throws Exception {
    StringBuilder b = new StringBuilder("a: &a [x, x]\n");
    for (int i = 1; i < 40; i++) {
      b.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [*a")
          .append(i == 1 ? "" : Integer.toString(i - 1))
          .append(", *a")
          .append(i == 1 ? "" : Integer.toString(i - 1))
          .append("]\n");
    }
    Files.writeString(dir.resolve("bomb.yaml"), b.toString());
    Run r = run(dir, "", "yaml-lint", "bomb.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("yaml.alias-expansion").contains("bomb.yaml:");
  }

  @Test
  void unknownCommandsOptionsAndFormatsAreUsageErrors(@TempDir Path dir) {
    assertThat(run(dir, "", "frobnicate").code()).isEqualTo(ExitCode.USAGE);
    assertThat(run(dir, "", "yaml-lint", "--bogus", "x").err()).contains("unknown option --bogus");
    assertThat(run(dir, "", "yaml-lint", "--format", "pdf", "x").err())
        .contains("unknown format 'pdf'");
    assertThat(run(dir, "", "yaml-lint").err()).contains("needs at least one FILE");
  }

  @Test
  void helpAndVersionExitZero(@TempDir Path dir) {
    assertThat(run(dir, "", "--help").out()).contains("yaml-lint").contains("Exit codes");
    assertThat(run(dir, "", "yaml-lint", "--help").out()).contains("Usage: deploysafe yaml-lint");
    assertThat(run(dir, "", "--version").out()).startsWith("deploysafe ");
    assertThat(run(dir, "").code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void everyFormatRendersAndKeepsTheExitCode(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v.yaml"), "a: 1\na: 2\n");
    assertThat(run(dir, "", "yaml-lint", "--format", "json", "v.yaml").out())
        .contains("\"schemaVersion\"")
        .contains("yaml.duplicate-key");
    assertThat(run(dir, "", "yaml-lint", "--format", "junit", "v.yaml").out())
        .contains("<testcase")
        .contains("<failure");
    assertThat(run(dir, "", "yaml-lint", "--format", "sarif", "v.yaml").out())
        .contains("\"ruleId\" : \"yaml.duplicate-key\"")
        .contains("\"startLine\" : 2");
    assertThat(run(dir, "", "yaml-lint", "--format", "markdown", "v.yaml").out()).contains("|");
    assertThat(run(dir, "", "yaml-lint", "--format", "junit", "v.yaml").code())
        .isEqualTo(ExitCode.FAILED);
  }

  @Test
  void outputOptionWritesTheReportToAFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v.yaml"), "a: 1\na: 2\n");
    Run r = run(dir, "", "yaml-lint", "--output", "out.txt", "v.yaml");
    assertThat(r.code()).isEqualTo(ExitCode.FAILED);
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("yaml.duplicate-key");
    assertThat(r.err()).contains("report written to");
  }

  @Test
  void unwritableOutputNamesTheFileAndSaysWhy(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("v.yaml"), "a: 1\n");
    Run missing =
        run(dir, "", "yaml-lint", "v.yaml", "--output", dir.resolve("no/such/r.json").toString());
    assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err())
        .contains("cannot write")
        .contains("r.json")
        .contains("directory does not exist");
    Run isDir = run(dir, "", "yaml-lint", "v.yaml", "--output", dir.toString());
    assertThat(isDir.code()).isEqualTo(ExitCode.USAGE);
    assertThat(isDir.err()).contains("cannot write " + dir);
    if (Files.exists(Path.of("/dev/full"))) {
      Run full = run(dir, "", "yaml-lint", "v.yaml", "--output", "/dev/full");
      assertThat(full.code()).isEqualTo(ExitCode.USAGE);
      assertThat(full.err()).contains("cannot write /dev/full");
    }
  }
}
