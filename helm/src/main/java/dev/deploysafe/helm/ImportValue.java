package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.Objects;

/**
 * Describes one {@code import-values} entry of a dependency: which child table is copied into which
 * parent path. The string form {@code - data} reads as child {@code exports.data} into parent
 * {@code .} (the root).
 *
 * <p>Immutable and thread-safe.
 *
 * @param child the dotted path of the table in the child's values
 * @param parent the dotted path in the parent's values, {@code .} for the root
 * @param stringForm true when written in the string form ({@code - data})
 */
public record ImportValue(String child, String parent, boolean stringForm) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the parts. */
  public ImportValue {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(parent, "parent");
  }
}
