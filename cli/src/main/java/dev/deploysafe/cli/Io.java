package dev.deploysafe.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Holds what a command may touch of the outside world, so tests can run commands in-process.
 *
 * @param in standard input
 * @param out standard output (results)
 * @param err standard error (progress, errors)
 * @param env environment variables
 * @param workingDir the directory relative paths resolve against
 * @param terminal whether standard output is a terminal (colour only then)
 */
record Io(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Path workingDir,
    boolean terminal) {

  static Io system() {
    return new Io(
        System.in,
        System.out,
        System.err,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        System.console() != null);
  }

  Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : workingDir.resolve(p).normalize();
  }
}
