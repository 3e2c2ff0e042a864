package dev.deploysafe.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one command's arguments against the options it declares: {@code --name value}, {@code
 * --name=value}, short aliases such as {@code -f}, repeatable options, flags without values, and
 * positional arguments; {@code --} ends options.
 */
final class Args {

  /** Declares one option: its long name, optional short alias, whether it takes a value. */
  record Option(String name, String alias, boolean takesValue, boolean repeatable, String help) {}

  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  static Args parse(String command, List<Option> options, List<String> argv) {
    Args a = new Args();
    boolean onlyPositional = false;
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (onlyPositional || arg.equals("-") || !arg.startsWith("-")) {
        a.positional.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyPositional = true;
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      Option opt = find(options, name);
      if (opt == null) {
        throw new UsageException(
            "unknown option "
                + name
                + " for '"
                + command
                + "' (see deploysafe "
                + command
                + " --help)");
      }
      String value;
      if (opt.takesValue()) {
        if (inline != null) {
          value = inline;
        } else if (i + 1 < argv.size()) {
          value = argv.get(++i);
        } else {
          throw new UsageException("option --" + opt.name() + " needs a value");
        }
      } else {
        if (inline != null) {
          throw new UsageException("option --" + opt.name() + " takes no value");
        }
        value = "true";
      }
      List<String> list = a.values.computeIfAbsent(opt.name(), k -> new ArrayList<>());
      if (!opt.repeatable() && !list.isEmpty()) {
        throw new UsageException("option --" + opt.name() + " may be given only once");
      }
      list.add(value);
    }
    return a;
  }

  private static Option find(List<Option> options, String name) {
    for (Option o : options) {
      if (name.equals("--" + o.name()) || (!o.alias().isEmpty() && name.equals(o.alias()))) {
        return o;
      }
    }
    return null;
  }

  Optional<String> value(String name) {
    List<String> l = values.get(name);
    return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
  }

  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  List<String> positional() {
    return positional;
  }

  /** Returns the option names given, in order of first appearance. */
  Set<String> given() {
    return values.keySet();
  }
}
