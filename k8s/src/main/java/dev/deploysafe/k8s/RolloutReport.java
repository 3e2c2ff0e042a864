package dev.deploysafe.k8s;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds the outcome of verifying one or more workloads: each workload's verdict, the aggregate
 * (worst) verdict, the findings, the elapsed time, the API requests the engine made and any API
 * errors it recorded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results per-workload verdicts, in the order requested
 * @param verdict the worst verdict of all workloads
 * @param elapsed from start to the last verdict (verifier's clock)
 * @param apiRequests requests by kind, such as {@code "list pods" → 1}, counted by the engine
 *     (informer lists and the watches that follow them, polls, node and log GETs)
 * @param apiErrors API errors recorded while verifying, one line each (never swallowed)
 * @param mode {@code "watch"}, {@code "poll"} or {@code "watch+poll"} (fallback for some kinds)
 */
public record RolloutReport(
    List<WorkloadResult> results,
    Verdict verdict,
    Duration elapsed,
    Map<String, Long> apiRequests,
    List<String> apiErrors,
    String mode)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the parts and copies the collections. */
  public RolloutReport {
    results = List.copyOf(results);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(elapsed, "elapsed");
    apiRequests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(apiRequests));
    apiErrors = List.copyOf(apiErrors);
    Objects.requireNonNull(mode, "mode");
  }

  /** Tells whether every workload Succeeded. */
  public boolean passed() {
    return verdict.isSucceeded();
  }

  /** Returns the CLI exit code: 0 Succeeded, 1 Failed/NotRolledOut/Stalled, 3 Unknown/timeout. */
  public int exitCode() {
    return verdict.exitCode();
  }

  /** Returns the total number of API requests the engine counted. */
  public long totalRequests() {
    long n = 0;
    for (long v : apiRequests.values()) {
      n += v;
    }
    return n;
  }

  /** Returns every workload's verdict as findings (ERROR unless Succeeded). */
  public Report report() {
    List<Finding> findings = new ArrayList<>();
    for (WorkloadResult r : results) {
      findings.addAll(r.verdict().toFindings(r.ref().toString()));
    }
    return Report.of(findings);
  }

  /** Renders the report for people: one block per workload, then the aggregate. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    for (WorkloadResult r : results) {
      b.append(r).append('\n');
    }
    b.append("verdict: ").append(verdict.getClass().getSimpleName());
    b.append(" after ").append(RolloutEvaluator.fmt(elapsed));
    b.append(", ").append(totalRequests()).append(" API requests (").append(mode).append(")\n");
    for (String e : apiErrors) {
      b.append("api error: ").append(e).append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return toText();
  }
}
