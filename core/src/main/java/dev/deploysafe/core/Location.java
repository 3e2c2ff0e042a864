package dev.deploysafe.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Names where a finding points: a file position, a key path inside a values document, the chart
 * that reads it, or a Kubernetes resource. Every part is optional; absent text parts are {@code ""}
 * and absent numbers are {@code 0}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file as the user named it (relative paths stay relative), or {@code ""}
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param keyPath the key path in Helm's dotted form ({@code jupyterhub.hub.image}), or {@code ""}
 * @param pointer the same path as an RFC 6901 JSON pointer ({@code /jupyterhub/hub/image}), or
 *     {@code ""}
 * @param chart the chart path in the dependency tree ({@code ""} for the top chart or none, {@code
 *     basehub/jupyterhub} for a nested one)
 * @param resource a Kubernetes object as {@code apps/Deployment prod/api}, or {@code ""}
 */
public record Location(
    String file,
    int line,
    int column,
    String keyPath,
    String pointer,
    String chart,
    String resource)
    implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Location NONE = new Location("", 0, 0, "", "", "", "");

  /** Checks the parts: text parts non-null, numbers not negative. */
  public Location {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(resource, "resource");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
    if (column < 0) {
      throw new IllegalArgumentException("column must be >= 0: " + column);
    }
  }

  /** Returns the location that points nowhere. */
  public static Location none() {
    return NONE;
  }

  /** Returns a location in a file at a line and column (0 when unknown). */
  public static Location of(String file, int line, int column) {
    return new Location(file, line, column, "", "", "", "");
  }

  /** Returns a location that names a whole file. */
  public static Location file(String file) {
    return of(file, 0, 0);
  }

  /**
   * Returns a location that names a Kubernetes object, such as {@code apps/Deployment prod/api}.
   */
  public static Location resource(String resource) {
    return new Location("", 0, 0, "", "", "", resource);
  }

  /**
   * Returns a copy with the key path given as segments; sets both the dotted form and the pointer.
   */
  public Location withKey(List<String> segments) {
    return new Location(file, line, column, dotted(segments), pointer(segments), chart, resource);
  }

  /** Returns a copy that names the chart path. */
  public Location withChart(String chartPath) {
    return new Location(file, line, column, keyPath, pointer, chartPath, resource);
  }

  /** Returns a copy at another file position. */
  public Location withPosition(String newFile, int newLine, int newColumn) {
    return new Location(newFile, newLine, newColumn, keyPath, pointer, chart, resource);
  }

  /** Tells whether this location names a file. */
  public boolean hasFile() {
    return !file.isEmpty();
  }

  /** Tells whether nothing at all is named. */
  public boolean isNone() {
    return equals(NONE);
  }

  /**
   * Renders key segments as Helm's dotted path, escaping dots inside a segment with a backslash.
   */
  public static String dotted(List<String> segments) {
    List<String> parts = new ArrayList<>(segments.size());
    for (String s : segments) {
      parts.add(s.replace("\\", "\\\\").replace(".", "\\."));
    }
    return String.join(".", parts);
  }

  /** Renders key segments as an RFC 6901 JSON pointer. */
  public static String pointer(List<String> segments) {
    StringBuilder b = new StringBuilder();
    for (String s : segments) {
      b.append('/').append(s.replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }

  /**
   * Renders the location as people read it: {@code values.yaml:12:3 jupyterhub.imagePullSecret
   * (chart basehub)}; parts that are absent are left out.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (!file.isEmpty()) {
      b.append(file);
      if (line > 0) {
        b.append(':').append(line);
        if (column > 0) {
          b.append(':').append(column);
        }
      }
    }
    if (!resource.isEmpty()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(resource);
    }
    if (!keyPath.isEmpty()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(keyPath);
    }
    if (!chart.isEmpty()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append("(chart ").append(chart).append(')');
    }
    return b.toString();
  }
}
