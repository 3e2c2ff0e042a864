package dev.deploysafe.core;

import java.util.Objects;

/**
 * Renders reports as text, JSON, JUnit XML, SARIF 2.1.0 or Markdown; every format redacts secrets
 * through {@link Redaction} first and copes with hostile text (control characters, newlines,
 * invalid UTF-16, very long strings).
 *
 * <pre>{@code
 * String sarif = Reports.render(report, Format.SARIF, RenderOptions.defaults().withToolVersion("0.3.0"));
 * String text  = Reports.render(report, Format.parse("text"));
 * }</pre>
 *
 * <p>Output is deterministic: the same report and options give the same string (no clock, no host
 * name). Stateless and thread-safe.
 */
public final class Reports {

  private Reports() {}

  /** Renders the report in a format with {@link RenderOptions#defaults()}. */
  public static String render(Report report, Format format) {
    return render(report, format, RenderOptions.defaults());
  }

  /** Renders the report in a format with the given options. */
  public static String render(Report report, Format format, RenderOptions options) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    Report safe = Redaction.redact(report);
    switch (format) {
      case TEXT:
        return TextRenderer.render(safe, options);
      case JSON:
        return JsonRenderer.render(safe, options);
      case JUNIT:
        return JUnitXmlRenderer.render(safe, options);
      case SARIF:
        return SarifRenderer.render(safe, options);
      case MARKDOWN:
        return MarkdownRenderer.render(safe, options);
      default:
        throw new IllegalArgumentException("unknown format: " + format);
    }
  }
}
