package dev.deploysafe.core;

import java.util.List;
import java.util.Map;

/**
 * Writes a report as GitHub-flavoured Markdown for a pull-request comment: a heading with the
 * verdict and counts, a table of findings, then a collapsed details section.
 *
 * <p>All text from findings is escaped so it cannot add links, images, HTML, tables or mentions to
 * the comment, and the whole comment stays under {@link #MAX_CHARS} (GitHub rejects comments over
 * 65,536 characters); findings that do not fit are counted instead of shown.
 */
final class MarkdownRenderer {

  static final int MAX_CHARS = 60_000;
  private static final int MAX_CELL = 300;
  private static final int MAX_DETAIL = 2_000;

  private MarkdownRenderer() {}

  static String render(Report report, RenderOptions options) {
    StringBuilder b = new StringBuilder();
    boolean passed = report.passed();
    b.append("## ")
        .append(passed ? "\u2705 " : "\u274C ")
        .append(escape(options.title(), MAX_CELL))
        .append(passed ? " passed" : " failed")
        .append("\n\n");
    b.append(RenderText.plural(report.count(Severity.ERROR), "error"))
        .append(", ")
        .append(RenderText.plural(report.count(Severity.WARNING), "warning"))
        .append(", ")
        .append(RenderText.plural(report.count(Severity.INFO), "info"))
        .append(" from ")
        .append(RenderText.plural(report.checks().size(), "check"))
        .append(".\n");
    List<Finding> findings = report.findings();
    if (findings.isEmpty()) {
      b.append("\nNo findings.\n");
      return b.toString();
    }
    // Reserve room for the details block and the closing lines.
    int tableBudget = MAX_CHARS / 2;
    b.append("\n| Severity | Code | Location | Message |\n|---|---|---|---|\n");
    int shown = 0;
    for (Finding f : findings) {
      String row =
          "| "
              + icon(f.severity())
              + " "
              + f.severity().name().toLowerCase(java.util.Locale.ROOT)
              + " | `"
              + f.code()
              + "` | "
              + escape(f.location().toString(), MAX_CELL)
              + " | "
              + escape(f.message(), MAX_CELL)
              + " |\n";
      if (b.length() + row.length() > tableBudget) {
        break;
      }
      b.append(row);
      shown++;
    }
    if (shown < findings.size()) {
      b.append("\n_")
          .append(findings.size() - shown)
          .append(" more finding(s) not shown; see the full report._\n");
    }
    b.append("\n<details><summary>Details</summary>\n\n");
    int detailed = 0;
    for (int i = 0; i < shown; i++) {
      String block = details(i + 1, findings.get(i));
      if (b.length() + block.length() > MAX_CHARS - 200) {
        break;
      }
      b.append(block);
      detailed++;
    }
    if (detailed < shown) {
      b.append("_Details of ").append(shown - detailed).append(" finding(s) left out._\n\n");
    }
    b.append("</details>\n");
    return b.toString();
  }

  private static String details(int n, Finding f) {
    StringBuilder d = new StringBuilder();
    d.append("**").append(n).append(". `").append(f.code()).append("`**");
    String where = f.location().toString();
    if (!where.isEmpty()) {
      d.append(" at ").append(escape(where, MAX_DETAIL));
    }
    d.append("<br>\n").append(escape(f.message(), MAX_DETAIL)).append("\n\n");
    if (!f.hint().isEmpty()) {
      d.append("- Hint: ").append(escape(f.hint(), MAX_DETAIL)).append('\n');
    }
    if (!f.suggestions().isEmpty()) {
      d.append("- Did you mean: ")
          .append(escape(String.join(", ", f.suggestions()), MAX_DETAIL))
          .append('\n');
    }
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      d.append("- ")
          .append(escape(e.getKey(), MAX_CELL))
          .append(": ")
          .append(escape(e.getValue(), MAX_DETAIL))
          .append('\n');
    }
    return d.append('\n').toString();
  }

  private static String icon(Severity s) {
    switch (s) {
      case ERROR:
        return "\u274C";
      case WARNING:
        return "\u26A0\uFE0F";
      default:
        return "\u2139\uFE0F";
    }
  }

  /**
   * Escapes text for one line of Markdown: backslash-escapes the characters that make links,
   * images, emphasis, code, HTML and table cells; newlines become {@code <br>}; {@code @} is
   * followed by a zero-width space so it cannot mention a user or team.
   */
  static String escape(String s, int max) {
    String t = RenderText.forPeople(s, max);
    StringBuilder out = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '(':
        case ')':
        case '<':
        case '>':
        case '|':
        case '~':
        case '!':
        case '#':
          out.append('\\').append(c);
          break;
        case '@':
          out.append("@\u200B");
          break;
        case '\n':
          out.append("<br>");
          break;
        case '\t':
          out.append(' ');
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}
