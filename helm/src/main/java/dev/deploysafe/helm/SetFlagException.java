package dev.deploysafe.helm;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reports a value flag Helm would reject; the message is the text Helm prints after {@code Error:
 * }, for example {@code failed parsing --set data: key "a" has no value}.
 *
 * <p>Helm echoes {@code --set-json} text in full in its message; callers that show the message next
 * to secrets should redact it. Immutable and thread-safe.
 */
public final class SetFlagException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final @Nullable SetFamily family;
  private final String flag;
  private final int index;

  SetFlagException(
      @Nullable SetFamily family, String flag, int index, String message, @Nullable Throwable c) {
    super(Objects.requireNonNull(message, "message"), c);
    this.family = family;
    this.flag = Objects.requireNonNull(flag, "flag");
    this.index = index;
  }

  /** Returns the family of the failing flag; empty for {@code -f/--values}. */
  public Optional<SetFamily> family() {
    return Optional.ofNullable(family);
  }

  /** Returns the failing flag's name, for example {@code --set-json} or {@code -f, --values}. */
  public String flag() {
    return flag;
  }

  /** Returns the failing flag's position among the flags of its family, from 0. */
  public int index() {
    return index;
  }
}
