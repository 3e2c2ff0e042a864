package dev.deploysafe.helm;

import dev.deploysafe.core.Location;
import java.io.Serializable;
import java.util.Objects;

/**
 * Says where a value came from: a chart's default values (chart path, file, line), a user values
 * file (file, line), or a {@code --set}-family flag (family, index within the family, text).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind which layer
 * @param chartPath for chart defaults, the chart path ({@code ""} top, {@code basehub/jupyterhub})
 * @param location file:line:column and key path, or {@link Location#none()} for flags
 * @param flagFamily for flags: {@code set}, {@code set-string}, {@code set-json}, {@code set-file},
 *     {@code set-literal}; else {@code ""}
 * @param flagIndex for flags: 0-based position within its family; else -1
 * @param flagText for flags: the flag's text as given; else {@code ""}
 */
public record ValueOrigin(
    Kind kind,
    String chartPath,
    Location location,
    String flagFamily,
    int flagIndex,
    String flagText)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The layers values come from, lowest precedence first. */
  public enum Kind {
    /** A chart's own {@code values.yaml}, or a parent's {@code values.yaml} for a subchart. */
    CHART_DEFAULT,
    /** A user {@code -f} file (or stdin). */
    USER_FILE,
    /** A {@code --set}-family flag. */
    FLAG
  }

  /** Checks the parts. */
  public ValueOrigin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(chartPath, "chartPath");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(flagFamily, "flagFamily");
    Objects.requireNonNull(flagText, "flagText");
  }

  /** Returns the origin of a chart default. */
  public static ValueOrigin chartDefault(String chartPath, Location location) {
    return new ValueOrigin(Kind.CHART_DEFAULT, chartPath, location, "", -1, "");
  }

  /** Returns the origin of a value from a user file. */
  public static ValueOrigin userFile(Location location) {
    return new ValueOrigin(Kind.USER_FILE, "", location, "", -1, "");
  }

  /** Returns the origin of a value from a flag. */
  public static ValueOrigin flag(String family, int index, String text) {
    return new ValueOrigin(Kind.FLAG, "", Location.none(), family, index, text);
  }

  /** Tells whether the user (a file or a flag) supplied the value. */
  public boolean isUser() {
    return kind != Kind.CHART_DEFAULT;
  }

  /** Renders the origin for people: {@code values.yaml:3:5}, {@code --set[0] a.b=c}. */
  @Override
  public String toString() {
    return switch (kind) {
      case CHART_DEFAULT -> "chart " + (chartPath.isEmpty() ? "(top)" : chartPath) + " " + location;
      case USER_FILE -> location.toString();
      case FLAG -> "--" + flagFamily + "[" + flagIndex + "] " + flagText;
    };
  }
}
