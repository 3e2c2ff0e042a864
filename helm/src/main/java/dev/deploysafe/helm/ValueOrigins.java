package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a key path of a values tree to where its value came from, so that findings point at the
 * user's own line. The values engine supplies one from its provenance; lint passes it to {@link
 * ValuesSchema#validate(java.util.Map, ValueOrigins)}.
 *
 * <p>Key paths are lists of map keys from the root of the map being validated; list elements appear
 * as their decimal index. Implementations must be thread-safe if the caller shares them.
 */
@FunctionalInterface
public interface ValueOrigins {

  /**
   * Returns where the value at {@code keyPath} came from, or empty when no file supplied it (for
   * example a key that is missing).
   */
  Optional<ValueOrigin> originOf(List<String> keyPath);

  /** Returns origins that know nothing: findings then carry key paths only. */
  static ValueOrigins none() {
    return keyPath -> Optional.empty();
  }

  /**
   * Returns origins for a subtree: paths given to the result are looked up below {@code prefix}.
   * Use it to validate a subchart's scoped map with the top-level provenance ({@code
   * origins.under(List.of("jupyterhub"))}).
   */
  default ValueOrigins under(List<String> prefix) {
    List<String> p = List.copyOf(Objects.requireNonNull(prefix, "prefix"));
    ValueOrigins outer = this;
    return keyPath -> {
      List<String> full = new ArrayList<>(p);
      full.addAll(keyPath);
      return outer.originOf(full);
    };
  }
}
