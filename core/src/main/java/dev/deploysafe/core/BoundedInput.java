package dev.deploysafe.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads files and streams up to a size bound, so that devices ({@code /dev/zero}), endless pipes
 * and huge files end in a clear {@link TooLargeException} instead of exhausting memory. A file's
 * reported size is not trusted: devices and {@code /proc} files report 0.
 */
public final class BoundedInput {

  private BoundedInput() {}

  /** Says that an input is larger than the bound it was read with; names the input and bound. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long limit;

    /** Makes the exception for input {@code name} over {@code limit} bytes. */
    public TooLargeException(String name, long limit) {
      super(name + " is larger than the limit of " + limit + " bytes");
      this.name = Objects.requireNonNull(name, "name");
      this.limit = limit;
    }

    /** Returns the input's name (a path or a label such as "stdin"). */
    public String name() {
      return name;
    }

    /** Returns the bound in bytes. */
    public long limit() {
      return limit;
    }
  }

  /**
   * Reads at most {@code maxBytes + 1} bytes of {@code file}: returns all of it when it fits.
   *
   * @throws TooLargeException when the file holds more than {@code maxBytes} bytes
   * @throws IOException when the file cannot be read
   */
  public static byte[] readFile(Path file, int maxBytes) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return readStream(in, file.toString(), maxBytes);
    }
  }

  /** Reads a file as UTF-8 text within the bound; see {@link #readFile(Path, int)}. */
  public static String readText(Path file, int maxBytes) throws IOException {
    return new String(readFile(file, maxBytes), StandardCharsets.UTF_8);
  }

  /**
   * Reads at most {@code maxBytes + 1} bytes of a stream (left open): all of it when it fits.
   *
   * @throws TooLargeException naming {@code name} when the stream holds more than {@code maxBytes}
   */
  public static byte[] readStream(InputStream in, String name, int maxBytes) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    if (maxBytes < 0 || maxBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new TooLargeException(name, maxBytes);
    }
    return bytes;
  }
}
