package dev.deploysafe.helm;

import dev.deploysafe.core.Report;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds what loading a chart gave: the chart when it could be read, and findings (malformed files
 * with file:line, skipped archive entries, Helm's loader errors).
 *
 * <p>Immutable and thread-safe.
 *
 * @param chart the chart, empty when it could not be loaded
 * @param report the findings; an ERROR means the chart is not usable as Helm would load it
 */
public record ChartLoad(Optional<Chart> chart, Report report) {
  /** Checks the parts. */
  public ChartLoad {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(report, "report");
  }
}
