package dev.deploysafe.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Holds the findings of one or more checks, plus the ids of the checks that ran (so that checks
 * that passed can still be listed, for example as passing JUnit test cases).
 *
 * <p><b>Pass rule</b>, stated once here: a report passes when none of its findings is {@link
 * Severity#ERROR}. Warnings and infos never fail a report.
 *
 * <p>Immutable and thread-safe.
 *
 * @param findings in the order the checks produced them
 * @param checks ids of the checks that ran, in order, without repeats
 */
public record Report(List<Finding> findings, List<String> checks) implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Report EMPTY = new Report(List.of(), List.of());

  /** Copies the lists and drops repeated check ids. */
  public Report {
    findings = List.copyOf(findings);
    checks = List.copyOf(new LinkedHashSet<>(checks));
  }

  /** Returns the report of nothing: it passes. */
  public static Report empty() {
    return EMPTY;
  }

  /** Returns a report of findings from checks that are not named separately. */
  public static Report of(List<Finding> findings) {
    List<String> ids = new ArrayList<>();
    for (Finding f : findings) {
      ids.add(f.code());
    }
    return new Report(findings, ids);
  }

  /** Returns a report of findings. */
  public static Report of(Finding... findings) {
    return of(Arrays.asList(findings));
  }

  /** Returns the report of one named check with its findings (none means the check passed). */
  public static Report ofCheck(String checkId, List<Finding> findings) {
    Objects.requireNonNull(checkId, "checkId");
    List<String> ids = new ArrayList<>();
    ids.add(checkId);
    return new Report(findings, ids);
  }

  /** Tells whether the report passes: no finding is an ERROR. */
  public boolean passed() {
    for (Finding f : findings) {
      if (f.isError()) {
        return false;
      }
    }
    return true;
  }

  /** Returns the ERROR findings. */
  public List<Finding> errors() {
    return bySeverity(Severity.ERROR);
  }

  /** Returns the WARNING findings. */
  public List<Finding> warnings() {
    return bySeverity(Severity.WARNING);
  }

  /** Returns the INFO findings. */
  public List<Finding> infos() {
    return bySeverity(Severity.INFO);
  }

  /** Counts the findings of one severity. */
  public int count(Severity severity) {
    return bySeverity(severity).size();
  }

  /** Tells whether there are no findings at all. */
  public boolean isEmpty() {
    return findings.isEmpty();
  }

  /** Returns the worst severity present, or INFO when there are no findings. */
  public Severity worst() {
    Severity worst = Severity.INFO;
    for (Finding f : findings) {
      if (f.severity().isAtLeast(worst)) {
        worst = f.severity();
      }
    }
    return worst;
  }

  /** Returns this report followed by {@code other}: findings and check ids concatenated. */
  public Report and(Report other) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(other.findings);
    List<String> ids = new ArrayList<>(checks);
    ids.addAll(other.checks);
    return new Report(all, ids);
  }

  /** Merges reports in order. */
  public static Report merge(List<Report> reports) {
    Report r = EMPTY;
    for (Report each : reports) {
      r = r.and(each);
    }
    return r;
  }

  /** Returns this report with one more finding. */
  public Report with(Finding finding) {
    return and(of(finding));
  }

  /** Returns a report with only the findings that match; the check ids stay. */
  public Report filter(Predicate<Finding> keep) {
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      if (keep.test(f)) {
        kept.add(f);
      }
    }
    return new Report(kept, checks);
  }

  /** Returns a report with only findings at or above a severity. */
  public Report atLeast(Severity severity) {
    return filter(f -> f.severity().isAtLeast(severity));
  }

  /** Returns a report without findings whose code equals or starts with one of {@code codes}. */
  public Report withoutCodes(String... codes) {
    return filter(
        f -> {
          for (String c : codes) {
            if (f.code().equals(c) || f.code().startsWith(c + ".")) {
              return false;
            }
          }
          return true;
        });
  }

  /** Returns the findings that a given check id produced (code equal or below it). */
  public List<Finding> findingsOf(String checkId) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.code().equals(checkId) || f.code().startsWith(checkId + ".")) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Renders the report for people, without colour, secrets redacted: the {@link Format#TEXT}
   * rendering of {@link Reports}.
   */
  public String toText() {
    return Reports.render(this, Format.TEXT, RenderOptions.defaults());
  }

  private List<Finding> bySeverity(Severity severity) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.severity() == severity) {
        out.add(f);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return toText();
  }
}
