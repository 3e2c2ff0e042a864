package dev.deploysafe.cli;

import dev.deploysafe.core.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a command's report in the chosen format to standard output or to {@code --output FILE} and
 * maps it to the exit code (0 passed, 1 an ERROR finding).
 */
final class Output {

  private final String format;
  private final Optional<Path> file;
  private final Io io;
  private final String title;

  Output(String format, Optional<Path> file, Io io, String title) {
    this.format = format;
    this.file = file;
    this.io = io;
    this.title = title;
  }

  String format() {
    return format;
  }

  /** Writes raw text (for commands whose result is data, such as {@code values}). */
  void writeData(String text) throws IOException {
    if (file.isPresent()) {
      Path f = file.get();
      try {
        Files.writeString(f, text, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException("cannot write " + f + ": its directory does not exist");
      } catch (AccessDeniedException e) {
        throw new UsageException("cannot write " + f + ": permission denied");
      } catch (FileSystemException e) {
        throw new UsageException(
            "cannot write " + f + ": " + (e.getReason() == null ? "i/o error" : e.getReason()));
      } catch (IOException e) {
        throw new UsageException("cannot write " + f + ": " + e.getMessage());
      }
    } else {
      io.out().print(text);
      io.out().flush();
    }
  }

  /** Renders a report, writes it, and returns the exit code it implies. */
  int report(Report report) throws IOException {
    String rendered = Rendering.render(report, format, io.terminal() && file.isEmpty(), title);
    writeData(rendered);
    if (file.isPresent()) {
      PrintStream err = io.err();
      err.println(
          (report.passed() ? "passed" : "FAILED")
              + ": "
              + report.errors().size()
              + " error(s), "
              + report.warnings().size()
              + " warning(s); "
              + format
              + " report written to "
              + file.get());
    }
    return report.passed() ? ExitCode.PASSED : ExitCode.FAILED;
  }
}
