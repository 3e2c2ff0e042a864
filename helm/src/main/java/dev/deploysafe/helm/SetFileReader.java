package dev.deploysafe.helm;

import dev.deploysafe.core.BoundedInput;
import dev.deploysafe.core.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the file a {@code --set-file key=path} flag names; the plug point through which the CLI and
 * tests supply files and standard input.
 *
 * <p>The {@link IOException}'s message becomes the tail of Helm's error text ({@code failed parsing
 * --set-file data: <message>}), so implementations should word it the way Go does ({@code open
 * x.txt: no such file or directory}). Implementations used from several threads must be
 * thread-safe.
 */
@FunctionalInterface
public interface SetFileReader {

  /**
   * Reads the file named by {@code path} exactly as written in the flag, escapes already removed.
   *
   * @throws IOException when the file cannot be read; its message is shown to the user
   */
  String read(String path) throws IOException;

  /**
   * Returns a reader that resolves relative paths against {@code workingDirectory} and reads {@code
   * -} (surrounding spaces allowed, as Helm trims them) from {@code stdin} (read to its end, not
   * closed). URLs ({@code http}, {@code https}, {@code oci}) are refused with an {@link
   * IOException}, since deploysafe does not fetch remote values. Messages follow Go's {@code
   * os.ReadFile} and {@code url.Parse} wording. Files and stdin over 16 MiB (the {@link
   * dev.deploysafe.core.YamlLimits} default) are refused, so devices and endless pipes cannot
   * exhaust memory. Thread-safe if {@code stdin} is.
   */
  static SetFileReader filesystem(Path workingDirectory, Supplier<InputStream> stdin) {
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(stdin, "stdin");
    return path -> readLikeHelm(workingDirectory, stdin, path);
  }

  /** Returns a reader that refuses every path; for callers that have no files to offer. */
  static SetFileReader none() {
    return path -> {
      throw new IOException("open " + path + ": --set-file is not available here");
    };
  }

  private static String readLikeHelm(Path dir, Supplier<InputStream> stdin, String path)
      throws IOException {
    if (GoText.trimSpace(path).equals("-")) {
      // Read to the end and leave open: like Helm, a second "-" then reads nothing.
      return new String(
          BoundedInput.readStream(stdin.get(), "stdin", YamlLimits.defaults().maxBytes()),
          StandardCharsets.UTF_8);
    }
    String scheme = HelmUrl.check(path);
    if (scheme.equals("http") || scheme.equals("https") || scheme.equals("oci")) {
      throw new IOException(
          "--set-file from a URL is not supported by deploysafe: " + GoText.quote(path));
    }
    if (path.isEmpty()) {
      // Go opens "" and fails; Path.resolve("") would name the working directory instead.
      throw new IOException("open : no such file or directory");
    }
    Path file = dir.resolve(path);
    try {
      if (Files.isDirectory(file)) {
        throw new IOException("read " + path + ": is a directory");
      }
      return new String(
          BoundedInput.readFile(file, YamlLimits.defaults().maxBytes()), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("open " + path + ": no such file or directory", e);
    } catch (AccessDeniedException e) {
      throw new IOException("open " + path + ": permission denied", e);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "i/o error" : e.getReason();
      throw new IOException("open " + path + ": " + reason.toLowerCase(Locale.ROOT), e);
    }
  }
}
