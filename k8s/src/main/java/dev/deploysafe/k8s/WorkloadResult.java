package dev.deploysafe.k8s;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Holds the final verdict for one workload and how long it took to reach it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref the workload
 * @param verdict its final verdict
 * @param timeToVerdict from the start of the verification to the verdict (verifier's clock)
 */
public record WorkloadResult(ResourceRef ref, Verdict verdict, Duration timeToVerdict)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the parts. */
  public WorkloadResult {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(timeToVerdict, "timeToVerdict");
  }

  @Override
  public String toString() {
    return ref + " after " + RolloutEvaluator.fmt(timeToVerdict) + ": " + verdict;
  }
}
