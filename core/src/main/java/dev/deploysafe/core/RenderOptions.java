package dev.deploysafe.core;

import java.util.Objects;

/**
 * Configures how {@link Reports#render} writes a report: the tool's name and version (SARIF driver,
 * JSON {@code tool}), the title (JUnit suite name, Markdown heading) and whether text gets ANSI
 * colour.
 *
 * <p>Immutable and thread-safe.
 *
 * @param toolName the tool that produced the report, normally {@code deploysafe}
 * @param toolVersion its version, such as {@code 0.3.0}; may be empty
 * @param title names this run: the JUnit suite, the Markdown heading
 * @param colour whether {@link Format#TEXT} uses ANSI colour; set it only when the caller knows the
 *     output is a terminal (for example {@code System.console() != null}), never by default
 */
public record RenderOptions(String toolName, String toolVersion, String title, boolean colour) {

  private static final RenderOptions DEFAULTS =
      new RenderOptions("deploysafe", implementationVersion(), "deploysafe", false);

  /** Checks the parts: the name and title are not blank. */
  public RenderOptions {
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(title, "title");
    if (toolName.isBlank()) {
      throw new IllegalArgumentException("toolName must not be blank: '" + toolName + "'");
    }
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank: '" + title + "'");
    }
  }

  /**
   * Returns the starting options: tool {@code deploysafe}, the version in the core jar's manifest
   * (empty when run from classes), title {@code deploysafe}, no colour.
   */
  public static RenderOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with another tool name. */
  public RenderOptions withToolName(String newToolName) {
    return new RenderOptions(newToolName, toolVersion, title, colour);
  }

  /** Returns a copy with another tool version. */
  public RenderOptions withToolVersion(String newToolVersion) {
    return new RenderOptions(toolName, newToolVersion, title, colour);
  }

  /** Returns a copy with another title (JUnit suite name, Markdown heading). */
  public RenderOptions withTitle(String newTitle) {
    return new RenderOptions(toolName, toolVersion, newTitle, colour);
  }

  /** Returns a copy that does or does not colour text output. */
  public RenderOptions withColour(boolean newColour) {
    return new RenderOptions(toolName, toolVersion, title, newColour);
  }

  private static String implementationVersion() {
    String v = RenderOptions.class.getPackage().getImplementationVersion();
    return v == null ? "" : v;
  }
}
