package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysafe.core.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Asks the real Helm v4 (which embeds Masterminds/semver v3) whether a version satisfies a
 * constraint, and compares with {@link VersionConstraint}. Helm is asked through a chart whose
 * dependency on a {@code file://} sub-chart carries the constraint: {@code helm dependency update}
 * succeeds exactly when the sub-chart's version matches. The cases are the corner cases where a
 * hand port is most likely to drift. Skips outside CI when Helm is not installed; fails in CI.
 */
class VersionConstraintDifferentialTest {

  @ParameterizedTest(name = "''{0}'' with {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          >=1.2.0 <2 ; 1.2.3-rc.1
          >=1.2.0-0 <2 ; 1.2.3-rc.1
          ^0.0.3 ; 0.0.4
          ^0.0.3 ; 0.0.3
          ^0.2 ; 0.3.0
          ^0 ; 0.9.9
          ^* ; 1.0.0
          ^* ; 0.0.0
          ~* ; 3.1.4
          ~0.0.0 ; 2.0.0
          ~1 ; 1.9.0
          ~1.2.3 ; 1.3.0
          <=* ; 0.0.5
          <=* ; 0.1.0
          !=* ; 1.0.0
          !=4.x ; 4.1.0
          !=4.2.x ; 4.2.3
          >1.1 ; 1.1.5
          >1.1 ; 1.2.0
          >11 ; 11.9.9
          <=1.1 ; 1.1.9
          <1.x ; 0.9.0
          <1.x ; 1.0.0
          1.2 ; 1.2.7
          1.2.x ; 1.3.0
          1.2 - 1.4.5 ; 1.4.5
          1.2 - 1.4 ; 1.4.9
          1.2 - 1.4 ; 1.5.0
          1.2-1.4.5 ; 1.2.0-1.4.5
          v1.2.x ; 1.2.9
          => 1.0, =< 2.0 ; 2.0.0
          ~> 1.2 ; 1.2.9
          >= 1.0.0  <= 2.0.0-beta ; 1.0.1-beta
          >= 1.0.0  <= 2.0.0-beta ; 2.0.0
          *-0 ; 1.2.3-alpha.1
          * ; 1.2.3-alpha.1
          >0.0.0-0 ; 0.0.0-alpha
          <0-z ; 0.0.0-alpha
          ^1.1.2-alpha ; 1.2.1-beta1
          ~1.1.1-beta ; 1.1.1-alpha
          >=1.1, <2, !=1.2.3 || > 3 ; 3.0.0
          >=1.1, <2, !=1.2.3 || >= 3 ; 3.0.0
          >= 1.0.0-0 <= 2.0.0 || 3.x ; 3.1.0-rc.1
          01.2.x ; 1.2.3
          >1.0.0-alpha.9 ; 1.0.0-alpha.10
          >1.0.0-BETA ; 1.0.0-alpha
          3||1 - 2 ; 1.5.0
          3||1 - 2 ; 1.0.0
          >0, 1 - 2 ; 1.5.0
          """)
  void helmAgrees(String constraint, String version, @TempDir Path dir) throws Exception {
    Path helm = Peers.helm();
    boolean ours = VersionConstraint.parse(constraint).matches(Version.parse(version));
    Result helmSays = runHelm(helm, dir, constraint, version);
    if (!helmSays.matched()) {
      // Any other failure (a parse error in Helm, a broken chart) must not count as "no match".
      assertThat(helmSays.output())
          .as("helm failed for another reason")
          .contains("can't get a valid version");
    }
    assertThat(ours)
        .as("'%s' with %s; helm said: %s", constraint, version, helmSays.output())
        .isEqualTo(helmSays.matched());
  }

  /** Generated constraints (fixed seed, so the Helm calls stay few and reproducible). */
  static Stream<Arguments> generated() {
    // -Ddeploysafe.differential.samples=N and -Ddeploysafe.seed=S widen the search locally.
    List<String> constraints =
        VersionConstraintProperties.sampleConstraints(
            Long.getLong("deploysafe.seed", 20261121L),
            Integer.getInteger("deploysafe.differential.samples", 30));
    String[] versions = {"0.0.0", "0.1.2", "1.0.0", "1.2.0-alpha", "2.1.1", "2.2.0-0", "0.2.1"};
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      out.add(Arguments.of(constraints.get(i), versions[i % versions.length]));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "''{0}'' with {1}")
  @MethodSource("generated")
  void helmAgreesOnGeneratedConstraints(String constraint, String version, @TempDir Path dir)
      throws Exception {
    helmAgrees(constraint, version, dir);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        ">1 1 - 2",
        "v1.2.1 - v1.2.0||2.2.2-alpha",
        "12.3.4.1234",
        "1.2 ||",
        ">= bar",
        "1.2.3-01"
      })
  void helmRejectsWhatWeReject(String constraint, @TempDir Path dir) throws Exception {
    Path helm = Peers.helm();
    assertThatThrownBy(() -> VersionConstraint.parse(constraint))
        .isInstanceOf(IllegalArgumentException.class);
    String output = runHelm(helm, dir, constraint, "1.0.0").output();
    assertThat(output).contains("invalid version/constraint format");
  }

  record Result(boolean matched, String output) {}

  private static Result runHelm(Path helm, Path dir, String constraint, String version)
      throws IOException, InterruptedException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Path parent = Files.createDirectories(dir.resolve("parent"));
    Files.writeString(
        sub.resolve("Chart.yaml"),
        "apiVersion: v2\nname: sub\nversion: '" + version + "'\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        parent.resolve("Chart.yaml"),
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n"
            + "  - name: sub\n    version: '"
            + constraint
            + "'\n    repository: file://../sub\n",
        StandardCharsets.UTF_8);
    Path log = dir.resolve("helm.log");
    ProcessBuilder pb =
        new ProcessBuilder(helm.toString(), "dependency", "update", parent.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("HELM_CACHE_HOME", dir.resolve("cache").toString());
    pb.environment().put("HELM_CONFIG_HOME", dir.resolve("config").toString());
    pb.environment().put("HELM_DATA_HOME", dir.resolve("data").toString());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("helm dependency update did not finish for " + constraint);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    return new Result(p.exitValue() == 0, output.strip());
  }
}
