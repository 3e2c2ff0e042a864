package dev.deploysafe.core;

import java.util.Map;

/** Writes a report as plain text for people, with ANSI colour only when asked. */
final class TextRenderer {

  private static final int MAX_FIELD = 4_000;
  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String GREEN = "\u001b[1;32m";
  private static final String INDENT = "    ";

  private TextRenderer() {}

  static String render(Report report, RenderOptions options) {
    boolean colour = options.colour();
    StringBuilder b = new StringBuilder();
    for (Finding f : report.findings()) {
      b.append(paint(colour, colourOf(f.severity()), f.severity().name()));
      b.append(' ').append(f.code());
      String where = text(f.location().toString());
      if (!where.isEmpty()) {
        b.append(' ').append(where);
      }
      b.append(": ").append(text(f.message()));
      if (!f.suggestions().isEmpty()) {
        b.append(" (did you mean ");
        for (int i = 0; i < f.suggestions().size(); i++) {
          b.append(i == 0 ? "" : ", ").append(text(f.suggestions().get(i)));
        }
        b.append("?)");
      }
      if (!f.hint().isEmpty()) {
        b.append(" [hint: ").append(text(f.hint())).append(']');
      }
      b.append('\n');
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        b.append(INDENT)
            .append(text(e.getKey()))
            .append(": ")
            .append(text(e.getValue()))
            .append('\n');
      }
    }
    String verdict = report.passed() ? "PASSED" : "FAILED";
    b.append(paint(colour, report.passed() ? GREEN : RED, verdict))
        .append(": ")
        .append(report.count(Severity.ERROR))
        .append(" error(s), ")
        .append(report.count(Severity.WARNING))
        .append(" warning(s), ")
        .append(report.count(Severity.INFO))
        .append(" info(s)");
    if (!report.checks().isEmpty()) {
      b.append("; ").append(RenderText.plural(report.checks().size(), "check")).append(" ran");
    }
    b.append('\n');
    return b.toString();
  }

  /** One field: escaped, cut, and continuation lines indented under the finding. */
  private static String text(String s) {
    return RenderText.forPeople(s, MAX_FIELD).replace("\n", "\n" + INDENT);
  }

  private static String colourOf(Severity s) {
    switch (s) {
      case ERROR:
        return RED;
      case WARNING:
        return YELLOW;
      default:
        return CYAN;
    }
  }

  private static String paint(boolean colour, String code, String text) {
    return colour ? code + text + RESET : text;
  }
}
