package dev.deploysafe.helm;

import dev.deploysafe.core.Report;
import java.util.Objects;

/**
 * Holds what values lint found for one chart and its user inputs: the effective values it judged
 * and the findings (Helm's own warnings and errors, schema violations at the user's line, and keys
 * no chart reads, with suggestions).
 *
 * <p>Immutable and thread-safe.
 *
 * @param values the values engine's result the lint was computed from
 * @param report every finding; it passes when none is an ERROR
 */
public record LintResult(ValuesResult values, Report report) {

  /** Checks the parts. */
  public LintResult {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(report, "report");
  }

  /** Returns a copy with more findings appended. */
  LintResult and(java.util.List<dev.deploysafe.core.Finding> more, Report extra) {
    return new LintResult(values, report.and(Report.of(more)).and(extra));
  }

  /** Tells whether the lint passed (no ERROR finding). */
  public boolean passed() {
    return report.passed();
  }
}
