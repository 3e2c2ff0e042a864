package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records one value-setting flag as the user typed it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param family which flag family
 * @param text the flag's argument, for example {@code image.tag=1.2,replicas=3}
 * @param index the position of this flag among the flags of the same family on the command line,
 *     from 0; used in error reports
 */
public record SetFlag(SetFamily family, String text, int index) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates the parts. */
  public SetFlag {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(text, "text");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
  }

  /** Returns a flag of family {@code family} with index 0. */
  public static SetFlag of(SetFamily family, String text) {
    return new SetFlag(family, text, 0);
  }

  /**
   * Returns one flag per text, indexed in order; convenient for a command line's repeated flag
   * ({@code --set a=1 --set b=2} gives indices 0 and 1).
   */
  public static List<SetFlag> ofEach(SetFamily family, List<String> texts) {
    Objects.requireNonNull(family, "family");
    List<SetFlag> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(new SetFlag(family, text, out.size()));
    }
    return List.copyOf(out);
  }

  /** Renders the flag as it would appear on a command line, for example {@code --set a=1}. */
  @Override
  public String toString() {
    return family.flag() + " " + text;
  }
}
