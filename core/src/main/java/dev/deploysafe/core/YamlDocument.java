package dev.deploysafe.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Holds one document of a YAML file: its node tree with positions and its value as Kubernetes tools
 * and Helm read it (sigs.k8s.io/yaml over YAML 1.1).
 *
 * <p>That value uses JDK types only: {@code Map<String,Object>} (insertion order), {@code
 * List<Object>}, {@code String}, {@code Double} (every number: YAML numbers pass through JSON as
 * float64), {@code Boolean} and {@code null}. Keys are strings: {@code on:} becomes {@code "true"},
 * {@code 1:} becomes {@code "1"}. Duplicate keys keep the last value. The value is unmodifiable;
 * copy it with {@link #mutableValue()} to edit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file name as given
 * @param index 0-based position of the document in its file
 * @param root the node tree
 * @param value the typed value ({@code null} for an empty document, or when typing failed — then
 *     the file's report holds the reason)
 */
public record YamlDocument(String file, int index, YamlNode root, @Nullable Object value) {

  /** Checks the parts. */
  public YamlDocument {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(root, "root");
  }

  /**
   * Returns a deep, mutable copy of the value (maps are {@code LinkedHashMap}, lists {@code
   * ArrayList}).
   */
  public @Nullable Object mutableValue() {
    return YamlTyping.mutableCopy(value);
  }

  /**
   * Returns the position of the value at a key path: a map key's position for map entries, the
   * element's position for list indexes (segments that are decimal numbers); empty when the path
   * does not exist. Keys are compared as Helm sees them, so {@code ["true"]} finds {@code on:};
   * with duplicates, the last one (the one Helm keeps) is returned; merge keys are followed.
   */
  public Optional<YamlNode.Mark> positionOf(List<String> path) {
    return YamlTyping.locate(root, path).map(n -> n.start());
  }

  /** Returns the node at a key path, as {@link #positionOf(List)} finds it. */
  public Optional<YamlNode> nodeAt(List<String> path) {
    return YamlTyping.locate(root, path).map(YamlTyping.Located::node);
  }

  /**
   * Returns the scalar at a key path as the text Kubernetes' YAML library (sigs.k8s.io/yaml, which
   * Helm reads Chart.yaml with) puts into a string field: integers in decimal, floats as Go's
   * 32-bit {@code %g}, booleans as {@code true}/{@code false}, strings unchanged; empty when the
   * path holds no scalar.
   */
  public Optional<String> scalarStringAt(List<String> path) {
    return nodeAt(path)
        .filter(n -> n instanceof YamlNode.Scalar)
        .flatMap(YamlTyping::keyStringIfValid);
  }

  /** Returns the location of a key path: file, line and column, and the key path itself. */
  public Location locationOf(List<String> path) {
    Optional<YamlNode.Mark> m = positionOf(path);
    Location base =
        m.map(mark -> Location.of(file, mark.line(), mark.column())).orElse(Location.file(file));
    return base.withKey(new ArrayList<>(path));
  }
}
