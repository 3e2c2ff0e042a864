package dev.deploysafe.helm;

import java.util.Objects;

/**
 * Says how a chart consumes one key path, with the reason in words.
 *
 * <p>Immutable and thread-safe.
 *
 * @param use how the key is consumed, strongest first
 * @param reason why (for example {@code properties in values.schema.json}, or the template file and
 *     line of a dynamic lookup); {@code ""} for {@link Use#UNREAD}
 */
record KeyVerdict(Use use, String reason) {

  /** How a key is consumed, from strongest to weakest. */
  enum Use {
    /** The key itself is named: schema property, default key, or template reference. */
    NAMED,
    /** The key sits below a free-form map (empty default, open schema, whole-subtree use). */
    FREE_FORM,
    /** A template looks keys up dynamically here, so the key may be read. */
    DYNAMIC,
    /** Nothing reads the key. */
    UNREAD
  }

  KeyVerdict {
    Objects.requireNonNull(use, "use");
    Objects.requireNonNull(reason, "reason");
  }

  static KeyVerdict named(String reason) {
    return new KeyVerdict(Use.NAMED, reason);
  }

  static KeyVerdict freeForm(String reason) {
    return new KeyVerdict(Use.FREE_FORM, reason);
  }

  static KeyVerdict dynamic(String reason) {
    return new KeyVerdict(Use.DYNAMIC, reason);
  }

  static KeyVerdict unread() {
    return new KeyVerdict(Use.UNREAD, "");
  }

  /** Tells whether the key is certainly read (named or free-form). */
  boolean isRead() {
    return use == Use.NAMED || use == Use.FREE_FORM;
  }
}
