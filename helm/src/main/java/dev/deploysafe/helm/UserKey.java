package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Names one key path the user supplied (in a values file or a flag), with where, whether or not it
 * ends up used. Paths are from the top chart's root ({@code jupyterhub.hub.image.tag}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the key segments from the top chart's root
 * @param origin where the user wrote it
 */
public record UserKey(List<String> path, ValueOrigin origin) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the parts and copies the path. */
  public UserKey {
    path = List.copyOf(path);
    Objects.requireNonNull(origin, "origin");
  }
}
