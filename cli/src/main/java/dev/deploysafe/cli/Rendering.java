package dev.deploysafe.cli;

import dev.deploysafe.core.Report;
import java.util.List;

/** Chooses the renderer for a {@code --format} name. */
final class Rendering {

  static final List<String> FORMATS = List.of("text", "json", "junit", "sarif", "markdown");

  private Rendering() {}

  static String render(Report report, String format, boolean colour, String title) {
    return switch (format) {
      case "text" -> report.toText();
      default -> throw new UsageException("format '" + format + "' is not available yet");
    };
  }
}
