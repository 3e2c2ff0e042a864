package dev.deploysafe.helm;

/**
 * Says what to do with a dependency declared in {@code Chart.yaml} but missing from {@code
 * charts/}.
 *
 * <p>Immutable and thread-safe.
 */
public enum ChartMode {
  /** Like {@code helm template}: a missing dependency is an ERROR and no values are computed. */
  RENDER,
  /** For lint: a missing dependency is treated as opaque (an INFO finding) and skipped. */
  ANALYSIS
}
