package dev.deploysafe.cli;

import java.util.List;

/** Runs one deploysafe subcommand. */
interface Command {

  /** Returns the options this command accepts, besides the global ones. */
  List<Args.Option> options();

  /** Returns the usage line, e.g. {@code deploysafe yaml-lint FILE...}. */
  String usage();

  /** Returns a paragraph that says what the command does. */
  String description();

  /** Runs the command and returns its exit code; outcomes go through {@code out}. */
  int run(Args args, Output out, Io io) throws Exception;
}
