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

  /** Returns the origin of a value the user supplied in a file at a position. */
  public static ValueOrigin user(String file, int line, int column) {
    return userFile(Location.of(file, line, column));
  }

  /** Returns the origin of a top-chart default at a file position. */
  public static ValueOrigin chartDefault(String file, int line, int column) {
    return chartDefault("", Location.of(file, line, column));
  }

  /** Tells whether a chart's values.yaml supplied the value (not the user). */
  public boolean isChartDefault() {
    return kind == Kind.CHART_DEFAULT;
  }

  /** Returns the file that supplied the value; for a flag, the flag as typed. */
  public String file() {
    return kind == Kind.FLAG ? "--" + flagFamily + " " + flagText : location.file();
  }

  /** Returns the 1-based line that supplied the value, or 0 (flags, unknown). */
  public int line() {
    return location.line();
  }

  /** Returns the 1-based column that supplied the value, or 0 (flags, unknown). */
  public int column() {
    return location.column();
  }

  /** Returns {@code file:line:column} (or the flag) without the key path. */
  public String position() {
    return kind == Kind.FLAG
        ? file()
        : Location.of(location.file(), location.line(), location.column()).toString();
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
