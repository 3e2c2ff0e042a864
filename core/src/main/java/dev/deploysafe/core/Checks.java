package dev.deploysafe.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds and composes {@link Check}s: every failure explains itself, and {@link #allOf} never
 * short-circuits, so a report always lists every problem at once.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checks {

  private Checks() {}

  /**
   * Returns a check that passes when {@code predicate} holds and otherwise reports one ERROR
   * finding with {@code code} and the message {@code reason} gives for the subject.
   */
  public static <T> Check<T> of(
      String code, Predicate<? super T> predicate, Function<? super T, String> reason) {
    return of(code, Severity.ERROR, predicate, reason);
  }

  /** Returns a check like {@link #of(String, Predicate, Function)} with a chosen severity. */
  public static <T> Check<T> of(
      String code,
      Severity severity,
      Predicate<? super T> predicate,
      Function<? super T, String> reason) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(predicate, "predicate");
    Objects.requireNonNull(reason, "reason");
    // Validate the code eagerly so misuse shows at construction, not at the first failure.
    Finding.of(code, severity, Location.none(), "probe");
    return subject ->
        predicate.test(subject)
            ? Report.ofCheck(code, List.of())
            : Report.ofCheck(
                code, List.of(Finding.of(code, severity, Location.none(), reason.apply(subject))));
  }

  /** Returns a check that runs every check in order and merges all findings (no short-circuit). */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, into a copy
  public static <T> Check<T> allOf(Check<? super T>... checks) {
    return Checks.<T>allOf(copy(checks));
  }

  /** Returns a check that runs every check in order and merges all findings (no short-circuit). */
  public static <T> Check<T> allOf(List<? extends Check<? super T>> checks) {
    List<Check<? super T>> copy = List.copyOf(checks);
    return subject -> {
      List<Report> reports = new ArrayList<>(copy.size());
      for (Check<? super T> c : copy) {
        reports.add(c.check(subject));
      }
      return Report.merge(reports);
    };
  }

  /**
   * Returns a check that passes as soon as one check passes (its report is returned, with the ids
   * of the checks tried before it); when none passes, every report is merged.
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, into a copy
  public static <T> Check<T> anyOf(Check<? super T>... checks) {
    List<Check<? super T>> copy = copy(checks);
    return subject -> {
      List<Report> failed = new ArrayList<>();
      for (Check<? super T> c : copy) {
        Report r = c.check(subject);
        if (r.passed()) {
          List<String> tried = new ArrayList<>();
          for (Report f : failed) {
            tried.addAll(f.checks());
          }
          tried.addAll(r.checks());
          return new Report(r.findings(), tried);
        }
        failed.add(r);
      }
      return Report.merge(failed);
    };
  }

  private static <T> List<Check<? super T>> copy(Check<? super T>[] checks) {
    List<Check<? super T>> out = new ArrayList<>(checks.length);
    for (Check<? super T> c : checks) {
      out.add(Objects.requireNonNull(c, "check"));
    }
    return List.copyOf(out);
  }

  /**
   * Returns a check that fails with one ERROR {@code code} finding when {@code check} passes, and
   * passes when it fails.
   */
  public static <T> Check<T> not(
      String code, Check<? super T> check, Function<? super T, String> reason) {
    Objects.requireNonNull(check, "check");
    return of(code, subject -> !check.check(subject).passed(), reason);
  }
}
