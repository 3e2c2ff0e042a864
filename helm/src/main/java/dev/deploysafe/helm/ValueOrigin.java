package dev.deploysafe.helm;

import dev.deploysafe.core.Location;
import java.io.Serializable;
import java.util.Objects;

/**
 * Tells where one value came from: the file position that supplied it and whether that file is a
 * chart's own {@code values.yaml} (a default) rather than the user's input.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file as the user named it, or a {@code --set} flag such as {@code --set a.b=1}
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param chartDefault true when the value comes from a chart's {@code values.yaml}
 */
public record ValueOrigin(String file, int line, int column, boolean chartDefault)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the parts. */
  public ValueOrigin {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0: " + line + ":" + column);
    }
  }

  /** Returns the origin of a value the user supplied. */
  public static ValueOrigin user(String file, int line, int column) {
    return new ValueOrigin(file, line, column, false);
  }

  /** Returns the origin of a chart default. */
  public static ValueOrigin chartDefault(String file, int line, int column) {
    return new ValueOrigin(file, line, column, true);
  }

  /** Returns the file position as a location. */
  public Location toLocation() {
    return Location.of(file, line, column);
  }

  /** Renders {@code file:line:column}, leaving out unknown numbers. */
  @Override
  public String toString() {
    return toLocation().toString();
  }
}
