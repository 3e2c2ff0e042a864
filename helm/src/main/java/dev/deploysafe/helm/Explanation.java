package dev.deploysafe.helm;

import dev.deploysafe.core.Location;
import dev.deploysafe.core.Redaction;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains one key of one chart's effective values: every layer that wrote it, lowest precedence
 * first, and what became of each write.
 *
 * <p>Immutable and thread-safe.
 *
 * @param chartPath the chart path ({@code ""} top)
 * @param keyPath the key path inside that chart's values
 * @param present whether the key exists in the effective values
 * @param effectiveJson the effective value as {@code toJson} prints it, or {@code ""} when absent
 * @param contributions every write, lowest precedence first
 */
public record Explanation(
    String chartPath,
    List<String> keyPath,
    boolean present,
    String effectiveJson,
    List<Contribution> contributions)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the parts and copies the lists. */
  public Explanation {
    Objects.requireNonNull(chartPath, "chartPath");
    keyPath = List.copyOf(keyPath);
    Objects.requireNonNull(effectiveJson, "effectiveJson");
    contributions = List.copyOf(contributions);
  }

  /** Returns the contribution whose value won, if a single one did. */
  public Optional<Contribution> winner() {
    return contributions.stream()
        .filter(c -> c.effect() == Contribution.Effect.WON)
        .reduce((a, b) -> b);
  }

  /** Returns the null that deleted the key, if one did. */
  public Optional<Contribution> deletedBy() {
    return contributions.stream()
        .filter(c -> c.effect() == Contribution.Effect.DELETES)
        .reduce((a, b) -> b);
  }

  /**
   * Renders the chain for people, one contribution a line; values under secret-looking keys are
   * masked, and secret-looking members inside other values too ({@link Redaction}).
   */
  public String toText() {
    boolean secret = false;
    for (String k : keyPath) {
      secret |= Redaction.isSecretKey(k);
    }
    StringBuilder sb =
        new StringBuilder(chartPath.isEmpty() ? "(top)" : chartPath)
            .append(' ')
            .append(Location.dotted(keyPath))
            .append(" = ")
            .append(present ? shown(effectiveJson, secret) : "(absent)")
            .append('\n');
    for (Contribution c : contributions) {
      Contribution safe = new Contribution(c.origin(), shown(c.valueJson(), secret), c.effect());
      sb.append("  ").append(safe).append('\n');
    }
    return sb.toString();
  }

  private static String shown(String json, boolean secret) {
    if (secret && !json.equals("null")) {
      return "\"" + Redaction.MASK + "\"";
    }
    return Redaction.redactText(json);
  }

  /** Renders like {@link #toText()}, so secrets never reach logs through {@code toString}. */
  @Override
  public String toString() {
    return toText();
  }
}
