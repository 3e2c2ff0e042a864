package dev.deploysafe.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads YAML (and JSON, which is YAML) into documents that keep file:line:column for every node,
 * typed the way Helm and Kubernetes tools type them, with findings for syntax errors, hostile input
 * and silent surprises. Reading never throws for bad content: every problem is a finding in {@link
 * YamlFile#report()}.
 *
 * <pre>{@code
 * YamlFile f = YamlSource.load(Path.of("values.yaml"));
 * if (!f.report().passed()) System.out.println(f.report().toText());
 * Object values = f.documents().get(0).value();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class YamlSource {

  private YamlSource() {}

  /** Reads a file with the default limits; the file is named in findings as given. */
  public static YamlFile load(Path file) throws IOException {
    return load(file, YamlLimits.defaults());
  }

  /**
   * Reads a file with chosen limits. Files over {@code limits.maxBytes()} are not read into memory:
   * the result holds a {@code yaml.too-large} finding.
   *
   * @throws IOException when the file cannot be read (missing, a directory, no permission)
   */
  public static YamlFile load(Path file, YamlLimits limits) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    String name = file.toString();
    long size = Files.size(file);
    if (size > limits.maxBytes()) {
      return YamlReading.tooLarge(name, size, limits);
    }
    // Devices and pipes report size 0: read within the bound whatever the size said.
    try {
      return YamlReading.read(BoundedInput.readFile(file, limits.maxBytes()), name, limits);
    } catch (BoundedInput.TooLargeException e) {
      return YamlReading.tooLarge(name, limits.maxBytes() + 1L, limits);
    }
  }

  /** Reads a stream (such as stdin) up to the size limit, naming it {@code name} in findings. */
  public static YamlFile read(InputStream in, String name, YamlLimits limits) throws IOException {
    Objects.requireNonNull(in, "in");
    byte[] bytes = in.readNBytes(limits.maxBytes() + 1);
    return YamlReading.read(bytes, name, limits);
  }

  /** Reads bytes, naming them {@code name} in findings. */
  public static YamlFile read(byte[] bytes, String name, YamlLimits limits) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limits, "limits");
    return YamlReading.read(bytes, name, limits);
  }

  /** Reads text, naming it {@code name} in findings. */
  public static YamlFile parse(String text, String name) {
    Objects.requireNonNull(text, "text");
    return read(text.getBytes(StandardCharsets.UTF_8), name, YamlLimits.defaults());
  }
}
