package dev.deploysafe.cli;

import dev.deploysafe.helm.LintResult;
import dev.deploysafe.helm.ValuesLint;
import java.util.List;

/** Lints a chart's values: schema violations and keys no chart reads, at the user's lines. */
final class LintCommand implements Command {

  @Override
  public List<Args.Option> options() {
    return ValuesFlags.OPTIONS;
  }

  @Override
  public String usage() {
    return "deploysafe lint --chart PATH [-f FILE]... [--set S]... [--set-string S]..."
        + " [--set-json S]... [--set-literal S]... [--set-file S]... [--format F] [--output FILE]";
  }

  @Override
  public String description() {
    return "Computes the values Helm v4 gives every chart of the tree and reports: each"
        + " values.schema.json violation (top chart against all values, each enabled subchart"
        + " against its scoped values with globals, as Helm validates) at the user's file:line;"
        + " every key you supplied that no chart reads (Helm ignores it silently, as in incident"
        + " 1), with suggestions such as 'did you mean jupyterhub.imagePullSecret?'; values for"
        + " disabled subcharts; and Helm's own warnings. Dependencies that are declared but not"
        + " vendored are treated as opaque. Exit 1 on any ERROR.";
  }

  @Override
  public int run(Args args, Output out, Io io) throws Exception {
    if (!args.positional().isEmpty()) {
      throw new UsageException("unexpected argument " + args.positional().get(0));
    }
    LintResult r;
    try {
      r =
          ValuesLint.lint(
              ValuesFlags.chart(args, io),
              ValuesFlags.inputs(args, io),
              ValuesFlags.flags(args),
              ValuesFlags.files(io),
              ValuesFlags.options(args));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return out.report(r.report());
  }
}
