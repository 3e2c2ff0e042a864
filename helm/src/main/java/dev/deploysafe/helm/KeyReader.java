package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether one chart consumes a key path of its own scoped values, and which keys it names
 * under a given parent. Implementations: {@link SchemaKeys} (the chart's schema), {@link
 * DefaultKeys} (the chart's {@code values.yaml}), {@link TemplateReferences.Scan} (its templates),
 * and {@link #union} of them. Paths are relative to the chart's own values and stop at lists.
 *
 * <p>Not API; lint wiring in this package composes readers per chart. Implementations are immutable
 * and thread-safe.
 */
interface KeyReader {

  /** Says how the chart consumes the value at {@code path}. */
  KeyVerdict verdict(List<String> path);

  /** Returns the keys this chart names directly below {@code parent} (for typo suggestions). */
  Set<String> childKeys(List<String> parent);

  /** Returns a reader that takes, for each path, the strongest verdict of {@code readers}. */
  static KeyReader union(List<KeyReader> readers) {
    List<KeyReader> all = List.copyOf(readers);
    return new KeyReader() {
      @Override
      public KeyVerdict verdict(List<String> path) {
        KeyVerdict best = KeyVerdict.unread();
        for (KeyReader r : all) {
          KeyVerdict v = r.verdict(path);
          if (v.use().ordinal() < best.use().ordinal()) {
            best = v;
          }
        }
        return best;
      }

      @Override
      public Set<String> childKeys(List<String> parent) {
        Set<String> out = new LinkedHashSet<>();
        for (KeyReader r : all) {
          out.addAll(r.childKeys(parent));
        }
        return out;
      }

      @Override
      public String toString() {
        return "union" + all;
      }
    };
  }

  /**
   * Returns a reader for a chart deploysafe cannot see into (declared but not vendored, or with
   * neither templates nor schema): every path counts as read.
   */
  static KeyReader opaque(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new KeyReader() {
      @Override
      public KeyVerdict verdict(List<String> path) {
        return KeyVerdict.freeForm(reason);
      }

      @Override
      public Set<String> childKeys(List<String> parent) {
        return Set.of();
      }

      @Override
      public String toString() {
        return "opaque(" + reason + ")";
      }
    };
  }

  /** Returns a reader that names exactly the given paths (handy for wiring and tests). */
  static KeyReader ofPaths(List<List<String>> paths) {
    List<List<String>> copy = new ArrayList<>();
    for (List<String> p : paths) {
      copy.add(List.copyOf(p));
    }
    return new KeyReader() {
      @Override
      public KeyVerdict verdict(List<String> path) {
        for (List<String> p : copy) {
          if (p.equals(path) || startsWith(p, path)) {
            return KeyVerdict.named("listed");
          }
        }
        return KeyVerdict.unread();
      }

      @Override
      public Set<String> childKeys(List<String> parent) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> p : copy) {
          if (p.size() > parent.size() && startsWith(p, parent)) {
            out.add(p.get(parent.size()));
          }
        }
        return out;
      }

      @Override
      public String toString() {
        return "paths" + copy;
      }
    };
  }

  /** Tells whether {@code path} starts with {@code prefix}. */
  static boolean startsWith(List<String> path, List<String> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  /** Renders a key path for messages: dotted, or {@code (root)} when empty. */
  static String display(List<String> path) {
    return path.isEmpty() ? "(root)" : dev.deploysafe.core.Location.dotted(path);
  }
}
