package dev.deploysafe.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only shared folder beside the repository ({@code ../shared}: the real Helm values
 * corpus, incidents and specs) so tests can cite its files by path.
 *
 * <p>Outside CI a missing folder skips the test; in CI it fails.
 */
public final class SharedCorpus {

  private SharedCorpus() {}

  /** Returns the shared folder ({@code ../shared} from the repository root). */
  public static Path root() {
    String env = System.getenv("DEPLOYSAFE_SHARED");
    Path p = env != null && !env.isBlank() ? Path.of(env) : repositoryRoot().resolve("../shared");
    p = p.normalize();
    if (!Files.isDirectory(p.resolve("corpus"))) {
      String message = "the shared corpus is expected at " + p + " (set DEPLOYSAFE_SHARED)";
      if (Peers.inCi()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    return p;
  }

  /** Returns a path below {@code shared/corpus}. */
  public static Path corpus(String relative) {
    return root().resolve("corpus").resolve(relative);
  }

  /** Returns the repository root (the folder with the parent pom.xml). */
  public static Path repositoryRoot() {
    String prop = System.getProperty("deploysafe.root");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("bom/pom.xml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root from " + Path.of(""));
    }
    return p;
  }
}
