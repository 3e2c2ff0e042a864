package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names a subchart that Helm switches off (condition or tags), and why. Its values are not
 * computed; any user values under its name stay, unused, in the parent's values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param chartPath the path it would have ({@code basehub/dask-gateway})
 * @param chartName its chart name ({@code dask-gateway}), which differs from the last path segment
 *     when aliased
 * @param reason why it is disabled, such as {@code condition dask-gateway.enabled is false}
 */
public record DisabledChart(String chartPath, String chartName, String reason)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the parts. */
  public DisabledChart {
    Objects.requireNonNull(chartPath, "chartPath");
    Objects.requireNonNull(chartName, "chartName");
    Objects.requireNonNull(reason, "reason");
  }
}
