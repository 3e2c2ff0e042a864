package dev.deploysafe.cli;

import dev.deploysafe.helm.HelmCompat;
import dev.deploysafe.helm.SetFamily;
import dev.deploysafe.helm.SetFileReader;
import dev.deploysafe.helm.SetFlag;
import dev.deploysafe.helm.SetFlags;
import dev.deploysafe.helm.ValuesInput;
import dev.deploysafe.helm.ValuesOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Helm-style value flags shared by {@code values} and {@code lint}: {@code --chart}, {@code
 * -f/--values} (repeatable, comma-split like Helm), the five {@code --set} families and {@code
 * --helm-compat}.
 */
final class ValuesFlags {

  static final List<Args.Option> OPTIONS =
      List.of(
          new Args.Option("chart", "", true, false, "chart directory or .tgz (required)"),
          new Args.Option("values", "-f", true, true, "values file, repeatable; '-' is stdin"),
          new Args.Option("set", "", true, true, "set values (Helm --set grammar)"),
          new Args.Option("set-string", "", true, true, "set STRING values"),
          new Args.Option("set-json", "", true, true, "set JSON values"),
          new Args.Option("set-literal", "", true, true, "set a literal value"),
          new Args.Option("set-file", "", true, true, "set a value from a file's contents"),
          new Args.Option("helm-compat", "", true, false, "4.1 (default) or 4.2 null rules"));

  private ValuesFlags() {}

  static Path chart(Args args, Io io) {
    return io.resolve(
        args.value("chart").orElseThrow(() -> new UsageException("--chart PATH is required")));
  }

  static List<ValuesInput> inputs(Args args, Io io) throws IOException {
    List<ValuesInput> out = new ArrayList<>();
    boolean stdinUsed = false;
    for (String arg : args.values("values")) {
      for (String name : SetFlags.splitValuesFlag(arg)) {
        if (name.equals("-")) {
          if (stdinUsed) {
            throw new UsageException("-f - (stdin) may be given only once");
          }
          stdinUsed = true;
          out.add(ValuesInput.stdin(io.in()));
        } else {
          Path p = io.resolve(name);
          ValuesInput in = ValuesInput.file(p);
          out.add(new ValuesInput(name, in.bytes()));
        }
      }
    }
    return out;
  }

  static List<SetFlag> flags(Args args) {
    List<SetFlag> out = new ArrayList<>();
    out.addAll(SetFlag.ofEach(SetFamily.JSON, args.values("set-json")));
    out.addAll(SetFlag.ofEach(SetFamily.SET, args.values("set")));
    out.addAll(SetFlag.ofEach(SetFamily.STRING, args.values("set-string")));
    out.addAll(SetFlag.ofEach(SetFamily.FILE, args.values("set-file")));
    out.addAll(SetFlag.ofEach(SetFamily.LITERAL, args.values("set-literal")));
    return out;
  }

  static SetFileReader files(Io io) {
    return SetFileReader.filesystem(io.workingDir(), io::in);
  }

  static ValuesOptions options(Args args) {
    ValuesOptions o = ValuesOptions.defaults();
    if (args.value("helm-compat").isPresent()) {
      try {
        o = o.withCompat(HelmCompat.parse(args.value("helm-compat").get()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return o;
  }
}
