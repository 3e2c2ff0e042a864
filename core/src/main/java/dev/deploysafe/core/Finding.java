package dev.deploysafe.core;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Records one outcome of a check: what is wrong (or worth knowing), how much it matters, where it
 * is, and the evidence behind it.
 *
 * <p>Codes are stable dotted ids such as {@code values.key.unused} or {@code rollout.crash-loop};
 * once released they never change, because users filter on them. A check that cannot decide reports
 * an {@link Severity#ERROR} with a code ending in {@code .unknown}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code stable dotted id, lower case: {@code [a-z0-9-]+(\.[a-z0-9-]+)+}
 * @param severity how much it matters
 * @param location where it is ({@link Location#none()} when nowhere in particular)
 * @param message one short sentence with numbers in it
 * @param hint what to do about it, or {@code ""}
 * @param suggestions ranked candidate fixes (best first), possibly empty
 * @param evidence named facts behind the finding, in insertion order
 */
public record Finding(
    String code,
    Severity severity,
    Location location,
    String message,
    String hint,
    List<String> suggestions,
    Map<String, String> evidence)
    implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

  /** Checks the parts and copies the collections. */
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "code must be a dotted lower-case id such as values.key.unused: " + code);
    }
    suggestions = List.copyOf(suggestions);
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    for (Map.Entry<String, String> e : evidence.entrySet()) {
      Objects.requireNonNull(e.getKey(), "evidence key");
      Objects.requireNonNull(e.getValue(), "evidence value for " + e.getKey());
    }
  }

  /** Returns a finding with no hint, suggestions or evidence. */
  public static Finding of(String code, Severity severity, Location location, String message) {
    return new Finding(code, severity, location, message, "", List.of(), Map.of());
  }

  /** Returns an {@link Severity#ERROR} finding. */
  public static Finding error(String code, Location location, String message) {
    return of(code, Severity.ERROR, location, message);
  }

  /** Returns a {@link Severity#WARNING} finding. */
  public static Finding warning(String code, Location location, String message) {
    return of(code, Severity.WARNING, location, message);
  }

  /** Returns an {@link Severity#INFO} finding. */
  public static Finding info(String code, Location location, String message) {
    return of(code, Severity.INFO, location, message);
  }

  /** Returns a copy with a hint on what to do. */
  public Finding withHint(String newHint) {
    return new Finding(code, severity, location, message, newHint, suggestions, evidence);
  }

  /** Returns a copy with ranked suggestions, best first. */
  public Finding withSuggestions(List<String> newSuggestions) {
    return new Finding(code, severity, location, message, hint, newSuggestions, evidence);
  }

  /** Returns a copy with one more piece of evidence (replacing a previous value of that name). */
  public Finding withEvidence(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(evidence);
    copy.put(name, value);
    return new Finding(code, severity, location, message, hint, suggestions, copy);
  }

  /** Returns a copy at another location. */
  public Finding withLocation(Location newLocation) {
    return new Finding(code, severity, newLocation, message, hint, suggestions, evidence);
  }

  /** Returns a copy with another severity. */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(code, newSeverity, location, message, hint, suggestions, evidence);
  }

  /** Returns the hint when there is one. */
  public Optional<String> hintText() {
    return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
  }

  /** Tells whether this finding blocks (is an {@link Severity#ERROR}). */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * Renders one line as people read it, with secrets masked by {@link Redaction}: {@code ERROR
   * values.key.unused values.yaml:3:1 key: message}, then the hint and suggestions when present.
   * Masking here means a finding that reaches a log or a console through string concatenation never
   * carries a password or token (messages may quote Helm's errors, which quote flags).
   */
  @Override
  public String toString() {
    return Redaction.redact(this).render();
  }

  private String render() {
    StringBuilder b = new StringBuilder();
    b.append(severity).append(' ').append(code);
    String where = location.toString();
    if (!where.isEmpty()) {
      b.append(' ').append(where);
    }
    b.append(": ").append(message);
    if (!suggestions.isEmpty()) {
      b.append(" (did you mean ").append(String.join(", ", suggestions)).append("?)");
    }
    if (!hint.isEmpty()) {
      b.append(" [hint: ").append(hint).append(']');
    }
    return b.toString();
  }
}
