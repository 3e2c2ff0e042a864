package dev.deploysafe.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Records what was applied and when: the object's uid and {@code metadata.generation} G from the
 * apply or patch response, the applied object itself (for the superseded check) and the start time
 * of the verification. An empty uid or a generation of 0 means "pin to the first observation".
 *
 * <p>Immutable and thread-safe when the applied object is not mutated afterwards.
 *
 * @param uid the applied object's uid, or {@code ""} to accept the first one seen
 * @param generation the applied generation G, or 0 to accept the first one seen
 * @param startedAt when the apply (or the verification) started, on the verifier's clock
 * @param applied the apply response, used to tell "superseded" from a mere scale change
 */
public record ApplyRecord(
    String uid, long generation, Instant startedAt, Optional<HasMetadata> applied) {

  /** Checks the parts. */
  public ApplyRecord {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(applied, "applied");
    if (generation < 0) {
      throw new IllegalArgumentException("generation must be >= 0: " + generation);
    }
  }

  /** Returns a record of an apply response: its uid, generation and template. */
  public static ApplyRecord of(HasMetadata applied, Instant startedAt) {
    Objects.requireNonNull(applied, "applied");
    String uid = Objects.requireNonNullElse(applied.getMetadata().getUid(), "");
    Long gen = applied.getMetadata().getGeneration();
    return new ApplyRecord(uid, gen == null ? 0 : gen, startedAt, Optional.of(applied));
  }

  /** Returns a record that pins uid and generation at the first observation. */
  public static ApplyRecord unpinned(Instant startedAt) {
    return new ApplyRecord("", 0, startedAt, Optional.empty());
  }

  /** Returns a record with a known uid and generation but no applied object. */
  public static ApplyRecord pinned(String uid, long generation, Instant startedAt) {
    return new ApplyRecord(uid, generation, startedAt, Optional.empty());
  }

  /** Tells whether uid and generation are known. */
  public boolean isPinned() {
    return !uid.isEmpty() && generation > 0;
  }
}
