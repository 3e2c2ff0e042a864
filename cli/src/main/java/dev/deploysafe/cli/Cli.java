package dev.deploysafe.cli;

import dev.deploysafe.core.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs the {@code deploysafe} command line: global options, subcommand dispatch, rendering and exit
 * codes. It never prints a stack trace for bad input; set {@code DEPLOYSAFE_DEBUG=1} to see one for
 * an internal error.
 */
public final class Cli {

  /** The subcommands, in the order help lists them, with one-line summaries. */
  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("yaml-lint", "check YAML files for what Helm does silently, and hostile input");
    COMMANDS.put("values", "print the values Helm v4 gives a chart, or explain one key");
    COMMANDS.put("lint", "lint values: schema violations and keys no chart reads");
    COMMANDS.put("rollout", "verify workloads rolled out; fail fast, catch never-rolled pods");
  }

  private static final List<Args.Option> GLOBAL =
      List.of(
          new Args.Option(
              "format", "", true, false, "text|json|junit|sarif|markdown (default: text)"),
          new Args.Option("output", "-o", true, false, "write the report to FILE"),
          new Args.Option("help", "-h", false, false, "show help"));

  private Cli() {}

  /** Runs the command line and returns the exit code (see {@link ExitCode}). */
  public static int run(String[] argv) {
    return run(Arrays.asList(argv), Io.system());
  }

  static int run(List<String> argv, Io io) {
    try {
      return dispatch(argv, io);
    } catch (UsageException e) {
      // Messages may quote a flag such as --set password=...: mask secrets before printing.
      io.err().println("deploysafe: " + Redaction.redactText(e.getMessage()));
      return ExitCode.USAGE;
    } catch (NoSuchFileException e) {
      io.err().println("deploysafe: cannot read " + e.getFile() + ": no such file or directory");
      return ExitCode.USAGE;
    } catch (AccessDeniedException e) {
      io.err().println("deploysafe: cannot read " + e.getFile() + ": permission denied");
      return ExitCode.USAGE;
    } catch (IOException | UncheckedIOException e) {
      io.err().println("deploysafe: " + Redaction.redactText(String.valueOf(e.getMessage())));
      return ExitCode.USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      io.err().println("deploysafe: interrupted");
      return ExitCode.UNDECIDED;
    } catch (Exception | Error e) {
      // Overflowing while a lambda or class links arrives as InternalError.
      if (e instanceof StackOverflowError
          || (e instanceof InternalError && e.getCause() instanceof StackOverflowError)) {
        io.err().println("deploysafe: the input nests too deeply to process");
        return ExitCode.USAGE;
      }
      io.err()
          .println(
              "deploysafe: internal error: "
                  + Redaction.redactText(e.toString())
                  + " (please report it)");
      if (io.env().containsKey("DEPLOYSAFE_DEBUG")) {
        e.printStackTrace(io.err());
      }
      return ExitCode.UNDECIDED;
    }
  }

  private static int dispatch(List<String> argv, Io io) throws Exception {
    List<String> rest = new ArrayList<>(argv);
    if (rest.isEmpty()
        || rest.get(0).equals("--help")
        || rest.get(0).equals("-h")
        || rest.get(0).equals("help")) {
      if (rest.size() > 1 && COMMANDS.containsKey(rest.get(1))) {
        io.out().print(help(rest.get(1), command(rest.get(1))));
        return ExitCode.PASSED;
      }
      io.out().print(overview());
      return rest.isEmpty() ? ExitCode.USAGE : ExitCode.PASSED;
    }
    if (rest.get(0).equals("--version")) {
      io.out().println("deploysafe " + version());
      return ExitCode.PASSED;
    }
    // Global options may come before the command name too.
    List<String> leading = new ArrayList<>();
    while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
      String o = rest.remove(0);
      leading.add(o);
      if (!o.contains("=")
          && !rest.isEmpty()
          && (o.equals("--format") || o.equals("--output") || o.equals("-o"))) {
        leading.add(rest.remove(0));
      }
    }
    if (rest.isEmpty()) {
      throw new UsageException("no command given (see deploysafe --help)");
    }
    String name = rest.remove(0);
    Command cmd = command(name);
    List<Args.Option> options = new ArrayList<>(GLOBAL);
    options.addAll(cmd.options());
    List<String> all = new ArrayList<>(leading);
    all.addAll(rest);
    Args args = Args.parse(name, options, all);
    if (args.flag("help")) {
      io.out().print(help(name, cmd));
      return ExitCode.PASSED;
    }
    String format = args.value("format").orElse("text");
    if (!Rendering.FORMATS.contains(format)) {
      throw new UsageException(
          "unknown format '" + format + "'; use one of " + String.join(", ", Rendering.FORMATS));
    }
    Optional<Path> output = args.value("output").map(io::resolve);
    return cmd.run(args, new Output(format, output, io, "deploysafe " + name), io);
  }

  static Command command(String name) {
    return switch (name) {
      case "yaml-lint" -> new YamlLintCommand();
      case "values" -> new ValuesCommand();
      case "lint" -> new LintCommand();
      case "rollout" -> new RolloutCommand();
      default -> throw new UsageException("unknown command '" + name + "' (see deploysafe --help)");
    };
  }

  private static String overview() {
    StringBuilder b = new StringBuilder();
    b.append("deploysafe ").append(version()).append(": stops bad Kubernetes and Helm deploys\n\n");
    b.append("Usage: deploysafe COMMAND [OPTIONS] [ARGS]\n\nCommands:\n");
    COMMANDS.forEach((k, v) -> b.append(String.format("  %-12s %s%n", k, v)));
    b.append("\nGlobal options:\n");
    for (Args.Option o : GLOBAL) {
      b.append(String.format("  %-18s %s%n", optionText(o), o.help()));
    }
    b.append("  --version          print the version\n");
    b.append(
        "\nExit codes: 0 passed, 1 failed (an ERROR finding or failed verdict),"
            + " 2 usage error or unreadable input, 3 undecided (unknown or timeout).\n");
    return b.toString();
  }

  private static String help(String name, Command cmd) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: ").append(cmd.usage()).append("\n\n");
    b.append(wrap(cmd.description(), 78)).append("\n\nOptions:\n");
    List<Args.Option> all = new ArrayList<>(cmd.options());
    all.addAll(GLOBAL);
    for (Args.Option o : all) {
      b.append(String.format("  %-24s %s%n", optionText(o), o.help()));
    }
    b.append("\nExit codes: 0 passed, 1 failed, 2 usage error or unreadable input, 3 undecided.\n");
    return b.toString();
  }

  private static String optionText(Args.Option o) {
    String n = (o.alias().isEmpty() ? "" : o.alias() + ", ") + "--" + o.name();
    return o.takesValue() ? n + " V" : n;
  }

  private static String wrap(String text, int width) {
    StringBuilder b = new StringBuilder();
    int col = 0;
    for (String word : text.split(" ")) {
      if (col + word.length() + 1 > width && col > 0) {
        b.append('\n');
        col = 0;
      } else if (col > 0) {
        b.append(' ');
        col++;
      }
      b.append(word);
      col += word.length();
    }
    return b.toString();
  }

  static String version() {
    try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
