package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one dependency declared in {@code Chart.yaml} (or {@code requirements.yaml} for
 * apiVersion v1 charts), as Helm reads it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the chart name of the dependency
 * @param version the version constraint, or {@code ""}
 * @param repository the repository URL, or {@code ""}
 * @param alias the alias, or {@code ""} when there is none
 * @param condition the comma-separated condition paths, or {@code ""}
 * @param tags the tags
 * @param importValues the import-values entries in declaration order
 * @param enabled the {@code enabled} field when written (Helm overwrites it while processing)
 */
public record ChartDependency(
    String name,
    String version,
    String repository,
    String alias,
    String condition,
    List<String> tags,
    List<ImportValue> importValues,
    Optional<Boolean> enabled)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the parts and copies the lists. */
  public ChartDependency {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(condition, "condition");
    tags = List.copyOf(tags);
    importValues = List.copyOf(importValues);
    Objects.requireNonNull(enabled, "enabled");
  }

  /** Returns the name the dependency's values live under: the alias when set, else the name. */
  public String effectiveName() {
    return alias.isEmpty() ? name : alias;
  }
}
