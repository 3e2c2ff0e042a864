package dev.deploysafe.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real peer binaries (Helm v4, kubectl v1.35) that {@code scripts/install-peers.sh}
 * installs, through the environment variables that script prints ({@code DEPLOYSAFE_HELM}, {@code
 * DEPLOYSAFE_KUBECTL}).
 *
 * <p>Outside CI a missing peer skips the test with a message naming the script; in CI ({@code
 * CI=true}) it fails the test instead, so a differential suite can never pass by not running.
 */
public final class Peers {

  private Peers() {}

  /** Returns the Helm v4 binary, or skips (fails in CI) when it is not installed. */
  public static Path helm() {
    return require("DEPLOYSAFE_HELM", "helm");
  }

  /** Returns the kubectl v1.35 binary, or skips (fails in CI) when it is not installed. */
  public static Path kubectl() {
    return require("DEPLOYSAFE_KUBECTL", "kubectl");
  }

  /** Returns the binary named by an environment variable when it exists and is executable. */
  public static Optional<Path> find(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Path p = Path.of(value);
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  /** Tells whether this run is in CI, where missing peers fail instead of skipping. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Path require(String variable, String name) {
    Optional<Path> p = find(variable);
    if (p.isPresent()) {
      return p.get();
    }
    String message =
        "the real "
            + name
            + " binary is needed: run `eval \"$(scripts/install-peers.sh --env)\"` so that "
            + variable
            + " names it";
    if (inCi()) {
      Assertions.fail(message + " (CI=true: missing peers fail)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
