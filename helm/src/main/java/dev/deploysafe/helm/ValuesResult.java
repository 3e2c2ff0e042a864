package dev.deploysafe.helm;

import dev.deploysafe.core.GoJson;
import dev.deploysafe.core.Report;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds what Helm would give each chart as {@code .Values}: the effective values of every enabled
 * chart keyed by chart path ({@code ""} for the top chart, {@code jupyterhub}, {@code
 * basehub/jupyterhub}), the subcharts switched off, Helm's warnings and errors as findings, and the
 * provenance of every value.
 *
 * <p>When Helm would fail (a type mismatch on a subchart key, a malformed file or flag, a missing
 * dependency in render mode), {@link #values()} is empty and {@link #report()} holds the ERROR.
 * Values are JDK types only and unmodifiable. Immutable and thread-safe.
 *
 * @param chart the chart tree as loaded, when it could be loaded
 * @param values effective values per enabled chart path, top chart first
 * @param disabled subcharts switched off, with the reason
 * @param report findings: Helm's warnings, errors, and what was silently ignored
 * @param provenance where each value came from
 */
public record ValuesResult(
    Optional<Chart> chart,
    Map<String, Map<String, Object>> values,
    List<DisabledChart> disabled,
    Report report,
    Provenance provenance) {

  /** Checks the parts and copies the collections. */
  public ValuesResult {
    Objects.requireNonNull(chart, "chart");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    disabled = List.copyOf(disabled);
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(provenance, "provenance");
  }

  /** Tells whether Helm would compute values at all (no hard error). */
  public boolean isComputed() {
    return values.containsKey("");
  }

  /** Returns the top chart's effective values, empty when Helm would fail. */
  public Map<String, Object> topValues() {
    return values.getOrDefault("", Map.of());
  }

  /** Returns a chart's effective values by chart path, when that chart is enabled. */
  public Optional<Map<String, Object>> valuesOf(String chartPath) {
    return Optional.ofNullable(values.get(chartPath));
  }

  /** Returns a chart's effective values as Helm's {@code toJson} prints them. */
  public Optional<String> toJson(String chartPath) {
    return valuesOf(chartPath).map(GoJson::write);
  }

  /** Returns one JSON object mapping each enabled chart path to its values (keys sorted). */
  public String allChartsJson() {
    return GoJson.write(values);
  }

  /** Explains one key of one chart; see {@link Provenance#explain}. */
  public Explanation explain(String chartPath, List<String> keyPath) {
    return provenance.explain(chartPath, keyPath);
  }

  /** Lists every key path the user supplied; see {@link Provenance#userKeys()}. */
  public List<UserKey> userKeys() {
    return provenance.userKeys();
  }

  @Override
  public String toString() {
    return "ValuesResult[charts="
        + values.keySet()
        + ", disabled="
        + disabled.size()
        + ", findings="
        + report.findings().size()
        + "]";
  }
}
