package dev.deploysafe.cli;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.YamlFile;
import dev.deploysafe.core.YamlLimits;
import dev.deploysafe.core.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Checks YAML files for what Helm and Kubernetes tools do silently, and for hostile content. */
final class YamlLintCommand implements Command {

  @Override
  public List<Args.Option> options() {
    return List.of();
  }

  @Override
  public String usage() {
    return "deploysafe yaml-lint [--format F] [--output FILE] FILE|DIR|-...";
  }

  @Override
  public String description() {
    return "Reads YAML files (directories: every .yaml/.yml file below; '-': stdin) the way Helm"
        + " reads values files and reports syntax errors with file:line:column, duplicate keys"
        + " (Helm keeps the last), YAML 1.1 words that become booleans (on, yes, n), numbers that"
        + " lose precision or change form as float64 (0777, 1.10, 1000000), tabs in indentation,"
        + " and hostile input (alias bombs, deep nesting, huge scalars, binary data).";
  }

  @Override
  public int run(Args args, Output out, Io io) throws IOException {
    if (args.positional().isEmpty()) {
      throw new UsageException("yaml-lint needs at least one FILE, DIR or -");
    }
    List<Report> reports = new ArrayList<>();
    for (String arg : args.positional()) {
      if (arg.equals("-")) {
        reports.add(YamlSource.read(io.in(), "<stdin>", YamlLimits.defaults()).report());
        continue;
      }
      Path p = io.resolve(arg);
      if (!Files.exists(p)) {
        throw new NoSuchFileException(arg, null, "no such file or directory");
      }
      for (Path f : expand(p)) {
        String shown = f.equals(p) ? arg : Path.of(arg).resolve(p.relativize(f)).toString();
        YamlFile y = YamlSource.load(f, YamlLimits.defaults());
        reports.add(rename(y.report(), f.toString(), shown));
      }
    }
    return out.report(Report.merge(reports));
  }

  private static List<Path> expand(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  /** Shows files as the user named them, not as absolute paths. */
  private static Report rename(Report r, String from, String to) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : r.findings()) {
      Location l = f.location();
      out.add(l.file().equals(from) ? f.withLocation(l.withPosition(to, l.line(), l.column())) : f);
    }
    return new Report(out, r.checks());
  }
}
