package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.Objects;

/**
 * Describes what one layer (chart default, user file, flag) set at a key path and what became of
 * it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param origin where the value was written
 * @param valueJson the value written there, as Helm's {@code toJson} prints it ({@code null} for a
 *     YAML null)
 * @param effect what became of it
 */
public record Contribution(ValueOrigin origin, String valueJson, Effect effect)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What became of a contribution. */
  public enum Effect {
    /** Its value is the effective value. */
    WON,
    /** A map that was merged into the effective map. */
    MERGED,
    /** A higher layer replaced it. */
    OVERRIDDEN,
    /** A null that deleted the key. */
    DELETES,
    /** A value removed by a higher layer's null. */
    DELETED,
    /** Present but not reflected in the effective value (for example skipped by a type clash). */
    IGNORED
  }

  /** Checks the parts. */
  public Contribution {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(valueJson, "valueJson");
    Objects.requireNonNull(effect, "effect");
  }

  @Override
  public String toString() {
    return effect + " " + valueJson + " from " + origin;
  }
}
