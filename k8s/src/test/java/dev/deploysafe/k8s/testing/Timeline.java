package dev.deploysafe.k8s.testing;

import dev.deploysafe.k8s.ApplyRecord;
import dev.deploysafe.k8s.Observations;
import dev.deploysafe.k8s.RolloutEvaluator;
import dev.deploysafe.k8s.RolloutPolicy;
import dev.deploysafe.k8s.Snapshot;
import dev.deploysafe.k8s.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a sequence of (t, objects) through observe + evaluate, as the engine does, so tests can
 * pin history-dependent rules: stability window, restart deltas, attempts and grace periods.
 */
public final class Timeline {

  /** One observation: seconds after the apply, and the objects seen then. */
  public record Step(double seconds, Snapshot objects) {
    @Override
    public String toString() {
      return "t=" + seconds + "s";
    }
  }

  private final ApplyRecord apply;
  private final RolloutPolicy policy;
  private Observations observations;
  private final List<Verdict> verdicts = new ArrayList<>();

  private Timeline(ApplyRecord apply, RolloutPolicy policy) {
    this.apply = apply;
    this.policy = policy;
    this.observations = Observations.initial(apply.startedAt());
  }

  public static Timeline start(ApplyRecord apply, RolloutPolicy policy) {
    return new Timeline(apply, policy);
  }

  public static Timeline start(RolloutPolicy policy) {
    return new Timeline(ApplyRecord.unpinned(Objs.T0), policy);
  }

  /** Observes {@code objects} at T0 + seconds and returns the verdict. */
  public Verdict at(double seconds, Snapshot objects) {
    Instant now = Objs.T0.plusMillis((long) (seconds * 1000));
    Snapshot s = objects.withObservations(observations).observe(now);
    observations = s.observations();
    Verdict v = RolloutEvaluator.evaluate(s, policy, now);
    verdicts.add(v);
    return v;
  }

  /** Replays all steps and returns the verdict after the last one. */
  public Verdict run(List<Step> steps) {
    Verdict v = null;
    for (Step st : steps) {
      v = at(st.seconds(), st.objects());
    }
    if (v == null) {
      throw new IllegalArgumentException("no steps");
    }
    return v;
  }

  public List<Verdict> verdicts() {
    return List.copyOf(verdicts);
  }

  /**
   * A compact label for assertions: {@code Failed(CRASH_LOOP)}, {@code Succeeded[SCALED_TO_ZERO]}.
   */
  public static String label(Verdict v) {
    if (v instanceof Verdict.Succeeded s) {
      return s.notes().isEmpty() ? "Succeeded" : "Succeeded" + s.notes();
    }
    if (v instanceof Verdict.Failed f) {
      return "Failed(" + f.reason() + ")";
    }
    if (v instanceof Verdict.NotRolledOut n) {
      return "NotRolledOut(" + n.reason() + ")";
    }
    if (v instanceof Verdict.Stalled s) {
      return "Stalled(" + s.reason() + ")";
    }
    if (v instanceof Verdict.Unknown u) {
      return "Unknown(" + u.reason() + ")";
    }
    return "InProgress";
  }
}
