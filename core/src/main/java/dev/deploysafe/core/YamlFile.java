package dev.deploysafe.core;

import java.util.List;
import java.util.Objects;

/**
 * Holds what reading one YAML file gave: its documents and a report of everything found on the way
 * (syntax and encoding errors with file:line:column, limits hit, and lint findings for what Helm
 * and Kubernetes tools do silently: duplicate keys, YAML 1.1 boolean keys, numbers that change
 * form, tabs in indentation).
 *
 * <p>When the report has an ERROR from reading ({@link #isReadable()} is false) the documents are
 * the ones read before the error, and should not be used as if the file were whole.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file name as given
 * @param documents the documents in order (none for an empty file)
 * @param report findings about the file
 * @param readable false when the file could not be read completely (syntax, encoding or limits)
 */
public record YamlFile(String file, List<YamlDocument> documents, Report report, boolean readable) {

  /** Checks the parts and copies the list. */
  public YamlFile {
    Objects.requireNonNull(file, "file");
    documents = List.copyOf(documents);
    Objects.requireNonNull(report, "report");
  }

  /** Tells whether the whole file was read; lint findings alone never make it unreadable. */
  public boolean isReadable() {
    return readable;
  }
}
