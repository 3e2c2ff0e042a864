package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One differential case: an optional {@code -f} file (JSON text, which is YAML), value flags in
 * command-line order, files for {@code --set-file} and optional standard input.
 */
record DiffCase(
    String name,
    @Nullable String baseJson,
    List<SetFlag> flags,
    Map<String, String> files,
    @Nullable String stdin) {

  DiffCase {
    flags = List.copyOf(flags);
    files = Map.copyOf(files);
  }

  static DiffCase of(String name, @Nullable String baseJson, SetFlag... flags) {
    return new DiffCase(name, baseJson, List.of(flags), Map.of(), null);
  }

  DiffCase withFiles(Map<String, String> newFiles) {
    return new DiffCase(name, baseJson, flags, newFiles, stdin);
  }

  DiffCase withStdin(String text) {
    return new DiffCase(name, baseJson, flags, files, text);
  }

  /** The flags as {@code helm template} arguments, in command-line order. */
  List<String> helmArgs() {
    List<String> args = new ArrayList<>();
    if (baseJson != null) {
      args.add("--values=base.yaml");
    }
    for (SetFlag f : flags) {
      args.add(f.family().flag() + "=" + f.text());
    }
    return args;
  }

  /** Renders the case as a shell-like command line for failure messages. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name).append(": helm template");
    if (baseJson != null) {
      b.append(" -f base.yaml{").append(baseJson).append('}');
    }
    for (SetFlag f : flags) {
      b.append(' ').append(f.family().flag()).append(" '").append(f.text()).append('\'');
    }
    if (!files.isEmpty()) {
      b.append(" files=").append(files.keySet());
    }
    if (stdin != null) {
      b.append(" <stdin>");
    }
    return b.toString();
  }

  static SetFlag set(String text) {
    return SetFlag.of(SetFamily.SET, text);
  }

  static SetFlag string(String text) {
    return SetFlag.of(SetFamily.STRING, text);
  }

  static SetFlag json(String text) {
    return SetFlag.of(SetFamily.JSON, text);
  }

  static SetFlag file(String text) {
    return SetFlag.of(SetFamily.FILE, text);
  }

  static SetFlag literal(String text) {
    return SetFlag.of(SetFamily.LITERAL, text);
  }
}
