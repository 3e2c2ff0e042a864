package dev.deploysafe.core;

/**
 * Bounds what reading one YAML file may cost, so hostile input (billion laughs, deep nesting, huge
 * scalars, binary garbage) ends in a clear finding instead of a hang or an out-of-memory error.
 *
 * <p>The defaults are far above any real Helm values or manifest file (the largest file in the z2jh
 * and 2i2c corpus is 15 KB, nesting 12 levels) and far below what would hurt a 256 MB heap.
 * Immutable and thread-safe.
 *
 * @param maxBytes the largest file accepted, in bytes
 * @param maxScalarChars the longest scalar (and the longest line) accepted, in characters
 * @param maxDepth the deepest nesting of mappings and sequences accepted
 * @param maxNodes the most nodes one document may have once its aliases are expanded
 * @param maxAliases the most alias references one file may hold
 */
public record YamlLimits(
    int maxBytes, int maxScalarChars, int maxDepth, int maxNodes, int maxAliases) {

  /** Checks that every limit is positive. */
  public YamlLimits {
    positive(maxBytes, "maxBytes");
    positive(maxScalarChars, "maxScalarChars");
    positive(maxDepth, "maxDepth");
    positive(maxNodes, "maxNodes");
    positive(maxAliases, "maxAliases");
  }

  /**
   * Returns the defaults: 16 MiB, 4 Mi characters a scalar, depth 128, 500,000 nodes, 10,000
   * aliases.
   */
  public static YamlLimits defaults() {
    return new YamlLimits(16 << 20, 4 << 20, 128, 500_000, 10_000);
  }

  /** Returns a copy with another file size limit. */
  public YamlLimits withMaxBytes(int value) {
    return new YamlLimits(value, maxScalarChars, maxDepth, maxNodes, maxAliases);
  }

  /** Returns a copy with another scalar length limit. */
  public YamlLimits withMaxScalarChars(int value) {
    return new YamlLimits(maxBytes, value, maxDepth, maxNodes, maxAliases);
  }

  /** Returns a copy with another nesting limit. */
  public YamlLimits withMaxDepth(int value) {
    return new YamlLimits(maxBytes, maxScalarChars, value, maxNodes, maxAliases);
  }

  /** Returns a copy with another expanded node limit. */
  public YamlLimits withMaxNodes(int value) {
    return new YamlLimits(maxBytes, maxScalarChars, maxDepth, value, maxAliases);
  }

  /** Returns a copy with another alias count limit. */
  public YamlLimits withMaxAliases(int value) {
    return new YamlLimits(maxBytes, maxScalarChars, maxDepth, maxNodes, value);
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + v);
    }
  }
}
