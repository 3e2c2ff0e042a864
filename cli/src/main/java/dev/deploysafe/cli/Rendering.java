package dev.deploysafe.cli;

import dev.deploysafe.core.Format;
import dev.deploysafe.core.RenderOptions;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Reports;
import java.util.List;

/** Chooses the renderer for a {@code --format} name; every renderer redacts secrets. */
final class Rendering {

  static final List<String> FORMATS = List.of("text", "json", "junit", "sarif", "markdown");

  private Rendering() {}

  static String render(Report report, String format, boolean colour, String title) {
    RenderOptions options =
        RenderOptions.defaults().withToolVersion(Cli.version()).withTitle(title).withColour(colour);
    return Reports.render(report, Format.parse(format), options);
  }
}
