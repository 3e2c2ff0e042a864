package dev.deploysafe.core;

import java.util.List;
import java.util.Objects;

/**
 * Holds one node of a parsed YAML document with its position, exactly as written: scalars keep
 * their text, style and explicit tag, so callers can type them the way their tool does (see {@link
 * YamlDocument#value()} for the Kubernetes and Helm way).
 *
 * <p>An alias is represented by the very node its anchor names, so a tree can share subtrees; it is
 * never cyclic. Immutable and thread-safe.
 */
public sealed interface YamlNode {

  /** Returns where the node starts. */
  Mark start();

  /** Returns where the node ends (exclusive). */
  Mark end();

  /** Returns the explicit tag as written ({@code !!str}, {@code !custom}), or {@code ""}. */
  String tag();

  /**
   * Holds a 1-based line and column in the source text.
   *
   * @param line 1-based line
   * @param column 1-based column
   */
  record Mark(int line, int column) {}

  /** Says how a scalar was written. */
  enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  /**
   * Holds a scalar: its text after YAML unescaping and folding, how it was written, and its tag.
   *
   * @param text the scalar's content
   * @param style how it was written; only {@link Style#PLAIN} scalars are typed implicitly
   * @param tag explicit tag or {@code ""}
   * @param start where it starts
   * @param end where it ends
   */
  record Scalar(String text, Style style, String tag, Mark start, Mark end) implements YamlNode {
    /** Checks the parts. */
    public Scalar {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(style, "style");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
    }

    /**
     * Tells whether the scalar is plain and untagged, so that YAML resolves its type implicitly.
     */
    public boolean isImplicit() {
      return style == Style.PLAIN && tag.isEmpty();
    }
  }

  /**
   * Holds a sequence.
   *
   * @param items the elements in order
   * @param tag explicit tag or {@code ""}
   * @param start where it starts
   * @param end where it ends
   */
  record Sequence(List<YamlNode> items, String tag, Mark start, Mark end) implements YamlNode {
    /** Checks the parts and copies the list. */
    public Sequence {
      items = List.copyOf(items);
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
    }
  }

  /**
   * Holds a mapping with its entries in document order, duplicates included (YAML processors differ
   * on duplicates; Helm keeps the last).
   *
   * @param entries the key/value pairs in document order
   * @param tag explicit tag or {@code ""}
   * @param start where it starts
   * @param end where it ends
   */
  record Mapping(List<Entry> entries, String tag, Mark start, Mark end) implements YamlNode {
    /** Checks the parts and copies the list. */
    public Mapping {
      entries = List.copyOf(entries);
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
    }
  }

  /**
   * Holds one key/value pair of a mapping.
   *
   * @param key the key node (usually a scalar)
   * @param value the value node
   */
  record Entry(YamlNode key, YamlNode value) {
    /** Checks the parts. */
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** Tells whether this entry is a YAML merge key ({@code <<: *base}). */
    public boolean isMerge() {
      return key instanceof Scalar s && s.style() == Style.PLAIN && s.text().equals("<<");
    }
  }
}
