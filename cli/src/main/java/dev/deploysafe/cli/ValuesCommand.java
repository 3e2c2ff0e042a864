package dev.deploysafe.cli;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.GoJson;
import dev.deploysafe.core.Redaction;
import dev.deploysafe.core.Report;
import dev.deploysafe.helm.HelmValues;
import dev.deploysafe.helm.ValuesResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints the values Helm v4 gives a chart, exactly, or explains where one key came from. */
final class ValuesCommand implements Command {

  @Override
  public List<Args.Option> options() {
    List<Args.Option> o = new ArrayList<>(ValuesFlags.OPTIONS);
    o.add(new Args.Option("all-charts", "", false, false, "print every enabled chart's values"));
    o.add(new Args.Option("explain", "", true, false, "explain where KEY (a.b.c) came from"));
    o.add(
        new Args.Option(
            "show-secrets", "", false, false, "print values under secret-looking keys unmasked"));
    return o;
  }

  @Override
  public String usage() {
    return "deploysafe values --chart PATH [-f FILE]... [--set S]... [--set-string S]..."
        + " [--set-json S]... [--set-literal S]... [--set-file S]... [--all-charts]"
        + " [--explain KEY] [--helm-compat 4.1|4.2]";
  }

  @Override
  public String description() {
    return "Computes the .Values Helm v4 gives the chart from its defaults, the -f files and the"
        + " --set family flags (Helm's order and quirks included) and prints them as JSON exactly"
        + " as Helm's toJson prints them; --all-charts prints one object mapping each enabled"
        + " chart path to its values; --explain KEY shows every layer that wrote KEY and which one"
        + " won. Values under secret-looking keys (password, token, secret, key...) are masked"
        + " unless --show-secrets is given. Helm's warnings go to stderr. Exit 2 when Helm would"
        + " fail.";
  }

  @Override
  public int run(Args args, Output out, Io io) throws Exception {
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    ValuesResult r;
    try {
      r =
          HelmValues.resolve(
              ValuesFlags.chart(args, io),
              ValuesFlags.inputs(args, io),
              ValuesFlags.flags(args),
              ValuesFlags.files(io),
              ValuesFlags.options(args));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    for (Finding f : r.report().findings()) {
      // YAML style notes about the chart's own files are the chart authors' business.
      boolean chartNote =
          !f.isError() && f.code().startsWith("yaml.") && Path.of(f.location().file()).isAbsolute();
      if (!chartNote) {
        io.err().println(f);
      }
    }
    if (!r.isComputed() || !r.report().passed()) {
      io.err().println("deploysafe: Helm would fail on these inputs; no values computed");
      return ExitCode.USAGE;
    }
    if (args.value("explain").isPresent()) {
      List<String> key = List.of(args.value("explain").get().split("\\."));
      String chartPath = "";
      out.writeData(r.explain(chartPath, key).toText());
      return ExitCode.PASSED;
    }
    if (!out.format().equals("text") && !out.format().equals("json")) {
      return out.report(Report.empty());
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    if (args.flag("all-charts")) {
      shown.putAll(r.values());
    } else {
      shown.putAll(r.topValues());
    }
    Object printed = args.flag("show-secrets") ? shown : Redaction.redactTree(shown);
    out.writeData(GoJson.write(printed) + "\n");
    return ExitCode.PASSED;
  }
}
