package dev.deploysafe.helm;

/**
 * Names a family of Helm's value-setting flags; the constants are declared in the fixed order in
 * which Helm applies them after the {@code -f} files, whatever their order on the command line
 * (helm/helm v4.1.4 {@code pkg/cli/values/options.go}, {@code MergeValues}).
 *
 * <p>Immutable and thread-safe.
 */
public enum SetFamily {
  /** {@code --set-json}: {@code key=<json>} pairs, or one whole JSON object merged in. */
  JSON("--set-json"),
  /** {@code --set}: typed scalars (bool, null, int64, otherwise string). */
  SET("--set"),
  /** {@code --set-string}: every scalar is a string. */
  STRING("--set-string"),
  /** {@code --set-file}: the value names a file whose contents become a string. */
  FILE("--set-file"),
  /** {@code --set-literal}: one key, the rest of the text is the string value. */
  LITERAL("--set-literal");

  private final String flag;

  SetFamily(String flag) {
    this.flag = flag;
  }

  /** Returns the command-line flag, for example {@code --set-string}. */
  public String flag() {
    return flag;
  }
}
