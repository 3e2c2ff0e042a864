package dev.deploysafe.helm;

import dev.deploysafe.core.BoundedInput;
import dev.deploysafe.core.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Holds one user values file ({@code -f}) as bytes plus the name findings use for it: a path, or
 * {@code -} for standard input. Comma splitting of {@code -f a,b} is the flag layer's job; pass one
 * input per file.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name how findings name the file
 * @param bytes the file content
 */
public record ValuesInput(String name, byte[] bytes) {
  /** Checks the parts and copies the bytes. */
  public ValuesInput {
    Objects.requireNonNull(name, "name");
    bytes = bytes.clone();
  }

  /**
   * Reads a values file of at most {@link YamlLimits#defaults()}' size limit (16 MiB).
   *
   * @throws IOException when the file cannot be read or is larger than the limit
   */
  public static ValuesInput file(Path path) throws IOException {
    return file(path, YamlLimits.defaults().maxBytes());
  }

  /**
   * Reads a values file of at most {@code maxBytes} bytes; devices and pipes are read only that
   * far.
   *
   * @throws IOException when the file cannot be read or is larger than {@code maxBytes}
   */
  public static ValuesInput file(Path path, int maxBytes) throws IOException {
    return new ValuesInput(path.toString(), BoundedInput.readFile(path, maxBytes));
  }

  /** Wraps YAML text under a name. */
  public static ValuesInput text(String name, String yaml) {
    return new ValuesInput(name, yaml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads standard input (or any stream) fully, naming it {@code -} as Helm does.
   *
   * @throws IOException when reading fails or the input exceeds 16 MiB (the {@link YamlLimits}
   *     default)
   */
  public static ValuesInput stdin(InputStream in) throws IOException {
    return new ValuesInput(
        "-", BoundedInput.readStream(in, "stdin", YamlLimits.defaults().maxBytes()));
  }

  /** Returns a copy of the content. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValuesInput v
        && v.name.equals(name)
        && java.util.Arrays.equals(v.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ValuesInput[" + name + ", " + bytes.length + " bytes]";
  }
}
