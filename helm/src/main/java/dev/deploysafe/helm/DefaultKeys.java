package dev.deploysafe.helm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads which key paths a chart's own {@code values.yaml} names. A path is named when the defaults
 * hold it; everything below a default that is an empty map or {@code null} is free-form, because
 * charts use those for user-supplied maps such as {@code nodeSelector: {}}.
 *
 * <p>Immutable and thread-safe when the map is not changed afterwards.
 */
final class DefaultKeys implements KeyReader {

  private final Map<String, ?> defaults;
  private final String fileName;

  private DefaultKeys(Map<String, ?> defaults, String fileName) {
    this.defaults = defaults;
    this.fileName = fileName;
  }

  /** Returns a reader over a chart's defaults; {@code fileName} appears in reasons. */
  static DefaultKeys of(Map<String, ?> defaults, String fileName) {
    return new DefaultKeys(
        Objects.requireNonNull(defaults, "defaults"), Objects.requireNonNull(fileName, "fileName"));
  }

  @Override
  public KeyVerdict verdict(List<String> path) {
    Object node = defaults;
    for (int i = 0; i < path.size(); i++) {
      if (!(node instanceof Map<?, ?> m)) {
        return KeyVerdict.freeForm(
            "`" + KeyReader.display(path.subList(0, i)) + "` is not a map in " + fileName);
      }
      if (m.isEmpty()) {
        return KeyVerdict.freeForm(
            "`"
                + KeyReader.display(path.subList(0, i))
                + "` defaults to an empty map in "
                + fileName);
      }
      if (!m.containsKey(path.get(i))) {
        return KeyVerdict.unread();
      }
      node = m.get(path.get(i));
      if (node == null && i < path.size() - 1) {
        return KeyVerdict.freeForm(
            "`" + KeyReader.display(path.subList(0, i + 1)) + "` defaults to null in " + fileName);
      }
    }
    return KeyVerdict.named("in " + fileName);
  }

  @Override
  public Set<String> childKeys(List<String> parent) {
    Object node = defaults;
    for (String k : parent) {
      if (!(node instanceof Map<?, ?> m)) {
        return Set.of();
      }
      node = m.get(k);
    }
    Set<String> out = new LinkedHashSet<>();
    if (node instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) {
        out.add(String.valueOf(k));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "defaults(" + fileName + ")";
  }
}
