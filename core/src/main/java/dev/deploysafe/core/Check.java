package dev.deploysafe.core;

import java.util.function.Predicate;

/**
 * Judges one subject and reports findings; the place where users plug their own rules in.
 *
 * <p>Implementations report outcomes as findings, never as exceptions; a check that cannot decide
 * reports an ERROR with a {@code *.unknown} code (fail closed). Compose checks with {@link Checks}.
 *
 * @param <T> the subject type
 */
@FunctionalInterface
public interface Check<T> {

  /** Judges the subject and returns what was found (an empty report when all is well). */
  Report check(T subject);

  /** Returns a check that runs this one only when {@code condition} holds, else passes empty. */
  default Check<T> when(Predicate<? super T> condition) {
    return subject -> condition.test(subject) ? check(subject) : Report.empty();
  }

  /** Returns a check that runs this one and then {@code other}, merging both reports. */
  default Check<T> and(Check<? super T> other) {
    return subject -> check(subject).and(other.check(subject));
  }
}
