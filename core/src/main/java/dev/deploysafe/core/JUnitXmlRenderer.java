package dev.deploysafe.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as JUnit XML for Jenkins' {@code junit} step.
 *
 * <p>One {@code <testcase>} per check id that ran ({@link Report#checks()}); findings belong to the
 * check whose id equals their code or is its longest dotted prefix, and findings that match no
 * check get a test case named by their code. A test case with ERROR findings gets one {@code
 * <failure>} (Jenkins reads only the first failure element of a case, so all errors go in its
 * body); warnings and infos go to {@code <system-out>}. There is always at least one test case,
 * because Jenkins drops suites without one and then fails with "None of the test reports contained
 * any result".
 */
final class JUnitXmlRenderer {

  /** The test case written when no check ran at all. */
  static final String NO_CHECKS_CASE = "no-checks-ran";

  private static final int MAX_FIELD = 10_000;

  private JUnitXmlRenderer() {}

  static String render(Report report, RenderOptions options) {
    Map<String, List<Finding>> cases = group(report);
    int failures = 0;
    for (List<Finding> fs : cases.values()) {
      if (hasError(fs)) {
        failures++;
      }
    }
    String suite = options.title();
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"")
        .append(attr(options.toolName()))
        .append("\" tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
    b.append("  <testsuite name=\"")
        .append(attr(suite))
        .append("\" tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
    for (Map.Entry<String, List<Finding>> c : cases.entrySet()) {
      writeCase(b, suite, c.getKey(), c.getValue());
    }
    b.append("  </testsuite>\n");
    b.append("</testsuites>\n");
    return b.toString();
  }

  /** Maps each test case name to its findings, in the order checks ran. */
  static Map<String, List<Finding>> group(Report report) {
    Map<String, List<Finding>> cases = new LinkedHashMap<>();
    for (String id : report.checks()) {
      cases.put(id, new ArrayList<>());
    }
    for (Finding f : report.findings()) {
      String owner = null;
      for (String id : report.checks()) {
        boolean owns = f.code().equals(id) || f.code().startsWith(id + ".");
        if (owns && (owner == null || id.length() > owner.length())) {
          owner = id;
        }
      }
      cases.computeIfAbsent(owner == null ? f.code() : owner, k -> new ArrayList<>()).add(f);
    }
    if (cases.isEmpty()) {
      cases.put(NO_CHECKS_CASE, new ArrayList<>());
    }
    return cases;
  }

  private static boolean hasError(List<Finding> fs) {
    for (Finding f : fs) {
      if (f.isError()) {
        return true;
      }
    }
    return false;
  }

  private static void writeCase(StringBuilder b, String suite, String name, List<Finding> fs) {
    b.append("    <testcase classname=\"")
        .append(attr(suite))
        .append("\" name=\"")
        .append(attr(name))
        .append("\" time=\"0\"");
    List<Finding> errors = new ArrayList<>();
    List<Finding> others = new ArrayList<>();
    for (Finding f : fs) {
      (f.isError() ? errors : others).add(f);
    }
    if (errors.isEmpty() && others.isEmpty()) {
      b.append("/>\n");
      return;
    }
    b.append(">\n");
    if (!errors.isEmpty()) {
      Finding first = errors.get(0);
      String message =
          errors.size() == 1
              ? first.message()
              : first.message() + " (and " + (errors.size() - 1) + " more)";
      b.append("      <failure message=\"")
          .append(attr(message))
          .append("\" type=\"")
          .append(attr(first.code()))
          .append("\">");
      for (Finding f : errors) {
        b.append(text(describe(f)));
      }
      b.append("</failure>\n");
    }
    if (!others.isEmpty()) {
      b.append("      <system-out>");
      for (Finding f : others) {
        b.append(text(describe(f)));
      }
      b.append("</system-out>\n");
    }
    b.append("    </testcase>\n");
  }

  private static String describe(Finding f) {
    StringBuilder d = new StringBuilder();
    d.append(f.severity()).append(' ').append(f.code());
    String where = f.location().toString();
    if (!where.isEmpty()) {
      d.append(' ').append(where);
    }
    d.append(": ").append(f.message()).append('\n');
    if (!f.hint().isEmpty()) {
      d.append("  hint: ").append(f.hint()).append('\n');
    }
    if (!f.suggestions().isEmpty()) {
      d.append("  did you mean: ").append(String.join(", ", f.suggestions())).append('\n');
    }
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      d.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    return d.toString();
  }

  /** Escapes element text; characters XML 1.0 forbids become visible {@code \\uXXXX} text. */
  static String text(String s) {
    return escape(RenderText.truncate(s, MAX_FIELD), false);
  }

  /** Escapes an attribute value, keeping newlines and tabs as character references. */
  static String attr(String s) {
    return escape(RenderText.truncate(s, MAX_FIELD), true);
  }

  private static String escape(String raw, boolean attribute) {
    String s = RenderText.clean(raw);
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append(attribute ? "&quot;" : "\"");
          break;
        case '\n':
          out.append(attribute ? "&#10;" : "\n");
          break;
        case '\t':
          out.append(attribute ? "&#9;" : "\t");
          break;
        case '\r':
          out.append("&#13;");
          break;
        default:
          if (isXmlChar(c)) {
            out.append(c);
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
      }
    }
    return out.toString();
  }

  /** XML 1.0 Char production for one UTF-16 unit; surrogates arrive paired after clean(). */
  private static boolean isXmlChar(char c) {
    return (c >= 0x20 && c <= 0xD7FF) || Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
  }
}
