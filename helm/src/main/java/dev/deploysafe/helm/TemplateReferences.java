package dev.deploysafe.helm;

import dev.deploysafe.core.BoundedInput;
import dev.deploysafe.core.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds which {@code .Values} key paths a chart's Go templates read, by tokenizing every {@code {{
 * }}} action (comments, strings with escapes, raw strings and trim markers included) and following
 * the forms charts use: {@code .Values.a.b}, {@code $.Values.a.b}, {@code index .Values "a" "b"},
 * {@code get}/{@code dig}/{@code hasKey}, variables bound to values ({@code $x := .Values.a}),
 * {@code with} blocks (inside {@code with .Values.x}, {@code .y} reads {@code x.y}), and
 * whole-subtree uses ({@code toYaml .Values.x}, {@code .Values.x | toJson}, {@code range}, passing
 * {@code .Values.x} to {@code include}/{@code template}/{@code tpl}).
 *
 * <p>Lookups it cannot follow are recorded as {@link DynamicLookup}s with file and line: {@code
 * index} or {@code get} with a variable key, and all of {@code .Values} passed to {@code include},
 * {@code template}, {@code tpl}, {@code toYaml} or {@code range}. Lint downgrades an unread key
 * below such a lookup from ERROR to WARNING and names the template line.
 *
 * <p>It is a reader, not an evaluator: it errs toward "read" (for example {@code .Values} inside a
 * {@code with} block still means the root values), because a false "unused key" ERROR costs more
 * than a missed one. Not API; immutable results, thread-safe.
 */
final class TemplateReferences {

  private TemplateReferences() {}

  /** How a reference consumes its path. */
  enum Use {
    /** Only the path itself (an {@code if} test, a {@code with} subject, a variable binding). */
    EXACT,
    /**
     * The path and everything below it (output, {@code toYaml}, {@code range}, {@code include}).
     */
    SUBTREE
  }

  /** One read of a values path in a template. */
  record ValueRef(List<String> path, Use use, String file, int line) {
    ValueRef {
      path = List.copyOf(path);
    }

    @Override
    public String toString() {
      return KeyReader.display(path) + (use == Use.SUBTREE ? ".*" : "") + " @" + file + ":" + line;
    }
  }

  /** A lookup whose keys are only known at render time, below {@code prefix}. */
  record DynamicLookup(List<String> prefix, String file, int line, String reason) {
    DynamicLookup {
      prefix = List.copyOf(prefix);
    }

    @Override
    public String toString() {
      return reason + " @" + file + ":" + line;
    }
  }

  /** The references found in one or more templates; also a {@link KeyReader}. */
  record Scan(List<ValueRef> refs, List<DynamicLookup> dynamics) implements KeyReader {
    Scan {
      refs = List.copyOf(refs);
      dynamics = List.copyOf(dynamics);
    }

    /** Returns one scan holding the references of all {@code scans}. */
    static Scan merge(List<Scan> scans) {
      List<ValueRef> r = new ArrayList<>();
      List<DynamicLookup> d = new ArrayList<>();
      for (Scan s : scans) {
        r.addAll(s.refs);
        d.addAll(s.dynamics);
      }
      return new Scan(r, d);
    }

    /** Returns the distinct paths read, for tests and evidence. */
    Set<String> paths() {
      Set<String> out = new LinkedHashSet<>();
      for (ValueRef r : refs) {
        out.add(KeyReader.display(r.path()) + (r.use() == Use.SUBTREE ? ".*" : ""));
      }
      return out;
    }

    @Override
    public KeyVerdict verdict(List<String> path) {
      KeyVerdict free = null;
      for (ValueRef r : refs) {
        if (r.path().equals(path) || (KeyReader.startsWith(r.path(), path) && !path.isEmpty())) {
          return KeyVerdict.named("read at " + r.file() + ":" + r.line());
        }
        if (r.use() == Use.SUBTREE && KeyReader.startsWith(path, r.path()) && free == null) {
          free =
              KeyVerdict.freeForm(
                  "`"
                      + KeyReader.display(r.path())
                      + "` is used whole at "
                      + r.file()
                      + ":"
                      + r.line());
        }
      }
      if (free != null) {
        return free;
      }
      for (DynamicLookup d : dynamics) {
        if (KeyReader.startsWith(path, d.prefix())) {
          return KeyVerdict.dynamic(d.reason() + " at " + d.file() + ":" + d.line());
        }
      }
      return KeyVerdict.unread();
    }

    @Override
    public Set<String> childKeys(List<String> parent) {
      Set<String> out = new LinkedHashSet<>();
      for (ValueRef r : refs) {
        if (r.path().size() > parent.size() && KeyReader.startsWith(r.path(), parent)) {
          out.add(r.path().get(parent.size()));
        }
      }
      return out;
    }
  }

  /**
   * Scans every file below {@code chartDir/templates} (Helm parses all of them as templates); a
   * chart without that folder gives an empty scan.
   *
   * @throws IOException when a template cannot be read
   */
  static Scan scan(Path chartDir) throws IOException {
    Path templates = chartDir.resolve("templates");
    if (!Files.isDirectory(templates)) {
      return new Scan(List.of(), List.of());
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(templates)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<Scan> scans = new ArrayList<>();
    for (Path f : files) {
      String name = chartDir.relativize(f).toString().replace('\\', '/');
      scans.add(scanText(name, BoundedInput.readText(f, YamlLimits.defaults().maxBytes())));
    }
    return Scan.merge(scans);
  }

  /** Scans template texts by file name, as {@link Chart#templateSources()} holds them. */
  static Scan scanAll(Map<String, String> sources) {
    List<Scan> scans = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(sources).entrySet()) {
      scans.add(scanText(e.getKey(), e.getValue()));
    }
    return Scan.merge(scans);
  }

  /** Scans one template's text; {@code file} names it in references. */
  static Scan scanText(String file, String text) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    Analyzer a = new Analyzer(file);
    for (Action act : actions(text)) {
      a.action(act);
    }
    return new Scan(a.refs, a.dynamics);
  }

  // ---------------------------------------------------------------- lexing

  /** The inside of one {@code {{ }}} action, trim markers removed, with its starting line. */
  record Action(String text, int line) {}

  /** Splits template text into actions, skipping comments. */
  static List<Action> actions(String text) {
    List<Action> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        break;
      }
      line += count(text, i, open);
      int start = open + 2;
      if (start + 1 < n
          && text.charAt(start) == '-'
          && Character.isWhitespace(text.charAt(start + 1))) {
        start += 2;
      }
      int j = start;
      while (j < n && Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      if (text.startsWith("/*", j)) {
        int close = text.indexOf("*/", j + 2);
        int end = close < 0 ? n : text.indexOf("}}", close + 2);
        end = end < 0 ? n : end + 2;
        line += count(text, open, Math.min(end, n));
        i = end;
        continue;
      }
      int end = findClose(text, start);
      String body = text.substring(start, Math.min(end, n));
      if (body.endsWith(" -") || body.endsWith("\t-") || body.endsWith("\n-")) {
        body = body.substring(0, body.length() - 1);
      }
      out.add(new Action(body.strip(), line));
      int after = Math.min(end + 2, n);
      line += count(text, open, after);
      i = after;
    }
    return out;
  }

  private static int findClose(String s, int from) {
    int i = from;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipQuoted(s, i, c);
      } else if (c == '`') {
        int e = s.indexOf('`', i + 1);
        i = e < 0 ? n : e + 1;
      } else if (c == '}' && i + 1 < n && s.charAt(i + 1) == '}') {
        return i;
      } else {
        i++;
      }
    }
    return n;
  }

  private static int skipQuoted(String s, int i, char q) {
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == q || c == '\n') {
        return j + 1;
      } else {
        j++;
      }
    }
    return s.length();
  }

  private static int count(String s, int from, int to) {
    int c = 0;
    for (int k = from; k < to && k < s.length(); k++) {
      if (s.charAt(k) == '\n') {
        c++;
      }
    }
    return c;
  }

  enum Kind {
    STRING,
    NUMBER,
    FIELD,
    VAR,
    IDENT,
    OPEN,
    CLOSE,
    PIPE,
    DECLARE,
    COMMA,
    OTHER
  }

  /** One token of an action; {@code glued} means no space before it. */
  record Token(Kind kind, String text, boolean glued) {}

  /** Tokenizes one action's text. */
  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    boolean glued = false;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        glued = false;
        continue;
      }
      int start = i;
      Kind kind;
      String text;
      if (c == '"') {
        int e = skipQuoted(s, i, '"');
        text = unquote(s.substring(i + 1, Math.max(i + 1, e - 1)));
        kind = Kind.STRING;
        i = e;
      } else if (c == '`') {
        int e = s.indexOf('`', i + 1);
        e = e < 0 ? n : e;
        text = s.substring(i + 1, e);
        kind = Kind.STRING;
        i = Math.min(n, e + 1);
      } else if (c == '\'') {
        i = skipQuoted(s, i, '\'');
        text = s.substring(start, i);
        kind = Kind.OTHER;
      } else if (c == '(') {
        text = "(";
        kind = Kind.OPEN;
        i++;
      } else if (c == ')') {
        text = ")";
        kind = Kind.CLOSE;
        i++;
      } else if (c == '|') {
        text = "|";
        kind = Kind.PIPE;
        i++;
      } else if (c == ',') {
        text = ",";
        kind = Kind.COMMA;
        i++;
      } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == '=') {
        text = ":=";
        kind = Kind.DECLARE;
        i += 2;
      } else if (c == '=') {
        text = "=";
        kind = Kind.DECLARE;
        i++;
      } else if (c == '.' || c == '$') {
        i++;
        while (i < n && (isIdent(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        text = s.substring(start, i);
        kind = c == '.' ? Kind.FIELD : Kind.VAR;
        if (c == '.' && text.length() > 1 && Character.isDigit(text.charAt(1))) {
          kind = Kind.NUMBER;
        }
      } else if (Character.isDigit(c)
          || ((c == '-' || c == '+') && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        i++;
        while (i < n
            && (Character.isLetterOrDigit(s.charAt(i))
                || s.charAt(i) == '.'
                || s.charAt(i) == '_')) {
          i++;
        }
        text = s.substring(start, i);
        kind = Kind.NUMBER;
      } else if (isIdent(c)) {
        while (i < n && isIdent(s.charAt(i))) {
          i++;
        }
        text = s.substring(start, i);
        kind = Kind.IDENT;
      } else {
        i++;
        text = String.valueOf(c);
        kind = Kind.OTHER;
      }
      out.add(new Token(kind, text, glued));
      glued = true;
    }
    return out;
  }

  private static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static String unquote(String body) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char d = body.charAt(++i);
        switch (d) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          default -> b.append(d);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- analysis

  /** The value of {@code .} in a block: the template root, a values path, or unknown. */
  private record Dot(@Nullable List<String> values, boolean root) {
    static final Dot ROOT = new Dot(null, true);
    static final Dot UNKNOWN = new Dot(null, false);

    static Dot of(List<String> path) {
      return new Dot(List.copyOf(path), false);
    }
  }

  /** An operand's value: a values path not yet recorded, or nothing of interest. */
  private record Val(@Nullable List<String> path) {
    static final Val NONE = new Val(null);
  }

  private record Block(String kind, Dot outer) {}

  private static final Set<String> CHECKS =
      Set.of(
          "not", "eq", "ne", "lt", "le", "gt", "ge", "empty", "kindIs", "typeIs", "kindOf",
          "typeOf", "len", "hasKey", "isNil");

  private static final Set<String> CONTEXT_PASSING = Set.of("include", "template", "tpl");

  private static final class Analyzer {
    final String file;
    final List<ValueRef> refs = new ArrayList<>();
    final List<DynamicLookup> dynamics = new ArrayList<>();
    final Deque<Block> blocks = new ArrayDeque<>();
    final Map<String, List<String>> vars = new HashMap<>();
    Dot dot = Dot.ROOT;
    int line;

    Analyzer(String file) {
      this.file = file;
    }

    void action(Action a) {
      line = a.line();
      List<Token> t = tokens(a.text());
      if (t.isEmpty()) {
        return;
      }
      String head = t.get(0).kind() == Kind.IDENT ? t.get(0).text() : "";
      switch (head) {
        case "if" -> {
          blocks.push(new Block("if", dot));
          pipeline(t.subList(1, t.size()), true).ifPresent(p -> record(p, Use.EXACT));
        }
        case "with" -> {
          blocks.push(new Block("with", dot));
          withSubject(t.subList(1, t.size()));
        }
        case "range" -> {
          blocks.push(new Block("range", dot));
          List<Token> rest = afterDeclaration(t.subList(1, t.size()));
          Optional<List<String>> p = pipeline(rest, false);
          if (p.isPresent()) {
            if (p.get().isEmpty()) {
              dynamic(List.of(), "range over all of .Values");
            } else {
              record(p.get(), Use.SUBTREE);
            }
          }
          dot = Dot.UNKNOWN;
        }
        case "define", "block" -> {
          blocks.push(new Block(head, dot));
          if (head.equals("block") && t.size() > 2) {
            contextArgument("block", t.subList(2, t.size()));
          }
          dot = Dot.ROOT;
        }
        case "end" -> {
          Block b = blocks.poll();
          if (b != null) {
            dot = b.outer();
          }
        }
        case "else" -> elseBranch(t.subList(1, t.size()));
        case "template" -> {
          if (t.size() > 2) {
            contextArgument("template", t.subList(2, t.size()));
          }
        }
        case "break", "continue" -> {}
        default -> statement(t);
      }
    }

    private void elseBranch(List<Token> rest) {
      Block b = blocks.peek();
      if (b != null) {
        dot = b.outer();
      }
      if (rest.isEmpty()) {
        return;
      }
      String kw = rest.get(0).kind() == Kind.IDENT ? rest.get(0).text() : "";
      if (kw.equals("if")) {
        pipeline(rest.subList(1, rest.size()), true).ifPresent(p -> record(p, Use.EXACT));
      } else if (kw.equals("with")) {
        withSubject(rest.subList(1, rest.size()));
      }
    }

    private void withSubject(List<Token> rest) {
      Optional<String> var = declaredVar(rest);
      List<Token> expr = afterDeclaration(rest);
      Optional<List<String>> p = pipeline(expr, true);
      if (p.isPresent()) {
        record(p.get(), Use.EXACT);
        dot = Dot.of(p.get());
        var.ifPresent(v -> vars.put(v, p.get()));
      } else {
        dot = Dot.UNKNOWN;
      }
    }

    private void statement(List<Token> t) {
      Optional<String> var = declaredVar(t);
      if (var.isPresent()) {
        Optional<List<String>> p = pipeline(afterDeclaration(t), false);
        if (p.isPresent()) {
          record(p.get(), Use.EXACT);
          vars.put(var.get(), p.get());
        } else {
          vars.remove(var.get());
        }
        return;
      }
      pipeline(t, false).ifPresent(p -> output(p));
    }

    private void output(List<String> p) {
      if (p.isEmpty()) {
        dynamic(List.of(), "all of .Values is rendered");
      } else {
        record(p, Use.SUBTREE);
      }
    }

    /** Returns the variable a {@code $x :=} or {@code $k, $v :=} prefix declares (the last). */
    private static Optional<String> declaredVar(List<Token> t) {
      for (int i = 0; i < t.size(); i++) {
        if (t.get(i).kind() == Kind.DECLARE) {
          Token v = t.get(i - 1 >= 0 ? i - 1 : 0);
          return v.kind() == Kind.VAR ? Optional.of(v.text()) : Optional.empty();
        }
        if (t.get(i).kind() != Kind.VAR && t.get(i).kind() != Kind.COMMA) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    }

    private static List<Token> afterDeclaration(List<Token> t) {
      for (int i = 0; i < t.size(); i++) {
        if (t.get(i).kind() == Kind.DECLARE) {
          return t.subList(i + 1, t.size());
        }
        if (t.get(i).kind() != Kind.VAR && t.get(i).kind() != Kind.COMMA) {
          return t;
        }
      }
      return t;
    }

    /** Handles {@code template "name" PIPE} and {@code block "name" PIPE}. */
    private void contextArgument(String fn, List<Token> pipe) {
      Optional<List<String>> p = pipeline(pipe, false);
      if (p.isPresent()) {
        if (p.get().isEmpty()) {
          dynamic(List.of(), "all of .Values is passed to " + fn);
        } else {
          record(p.get(), Use.SUBTREE);
        }
      }
    }

    /**
     * Evaluates a pipeline and returns the values path it yields, unrecorded; paths consumed inside
     * it are recorded.
     */
    Optional<List<String>> pipeline(List<Token> t, boolean condition) {
      List<List<Token>> commands = new ArrayList<>();
      int depth = 0;
      int start = 0;
      for (int i = 0; i < t.size(); i++) {
        Kind k = t.get(i).kind();
        if (k == Kind.OPEN) {
          depth++;
        } else if (k == Kind.CLOSE) {
          depth--;
        } else if (k == Kind.PIPE && depth == 0) {
          commands.add(t.subList(start, i));
          start = i + 1;
        }
      }
      commands.add(t.subList(start, t.size()));
      Val carried = Val.NONE;
      boolean first = true;
      for (List<Token> c : commands) {
        carried = command(c, first ? null : carried, condition);
        first = false;
      }
      return Optional.ofNullable(carried.path());
    }

    /** Evaluates one command; {@code piped} is the previous command's value, passed last. */
    private Val command(List<Token> t, @Nullable Val piped, boolean condition) {
      List<Val> args = new ArrayList<>();
      List<Token> literals = new ArrayList<>();
      String fn = null;
      int i = 0;
      if (!t.isEmpty() && t.get(0).kind() == Kind.IDENT) {
        fn = t.get(0).text();
        i = 1;
      }
      while (i < t.size()) {
        Token tok = t.get(i);
        if (tok.kind() == Kind.OPEN) {
          int close = matching(t, i);
          Val inner = new Val(pipeline(t.subList(i + 1, close), condition).orElse(null));
          i = close + 1;
          while (i < t.size() && t.get(i).kind() == Kind.FIELD && t.get(i).glued()) {
            inner = extend(inner, t.get(i).text());
            i++;
          }
          args.add(inner);
          literals.add(new Token(Kind.OTHER, "(...)", false));
          continue;
        }
        args.add(operand(tok));
        literals.add(tok);
        i++;
      }
      if (piped != null) {
        args.add(piped);
        literals.add(new Token(Kind.OTHER, "|", false));
      }
      if (fn == null) {
        // a bare operand (or a method-like call): its value flows on
        for (int k = 1; k < args.size(); k++) {
          consume(args.get(k), Use.SUBTREE);
        }
        return args.isEmpty() ? Val.NONE : args.get(0);
      }
      switch (fn) {
        case "index", "get" -> {
          return lookup(fn, args, literals);
        }
        case "dig" -> {
          return dig(args, literals);
        }
        case "hasKey" -> {
          if (args.size() >= 2
              && args.get(0).path() != null
              && literals.get(1).kind() == Kind.STRING) {
            record(append(args.get(0).path(), literals.get(1).text()), Use.EXACT);
            return Val.NONE;
          }
          consumeAll(args, Use.EXACT);
          return Val.NONE;
        }
        case "default", "required" -> {
          // the value passes through: the last argument is the given value
          for (int k = 0; k < args.size() - 1; k++) {
            consume(args.get(k), Use.SUBTREE);
          }
          return args.isEmpty() ? Val.NONE : args.get(args.size() - 1);
        }
        case "set", "unset", "merge", "mergeOverwrite" -> {
          // the first argument is written to, not read (`set .Values "k" v`, `merge $dst
          // .Values.x`)
          for (int k = 1; k < args.size(); k++) {
            consume(args.get(k), Use.SUBTREE);
          }
          return Val.NONE;
        }
        case "and", "or" -> {
          consumeAll(args, condition ? Use.EXACT : Use.SUBTREE);
          return Val.NONE;
        }
        default -> {
          if (CONTEXT_PASSING.contains(fn)) {
            for (Val v : args) {
              if (v.path() != null && v.path().isEmpty()) {
                dynamic(List.of(), "all of .Values is passed to " + fn);
              } else {
                consume(v, Use.SUBTREE);
              }
            }
            return Val.NONE;
          }
          consumeAll(args, CHECKS.contains(fn) ? Use.EXACT : Use.SUBTREE);
          return Val.NONE;
        }
      }
    }

    private Val lookup(String fn, List<Val> args, List<Token> literals) {
      if (args.isEmpty() || args.get(0).path() == null) {
        consumeAll(args, Use.SUBTREE);
        return Val.NONE;
      }
      List<String> path = new ArrayList<>(args.get(0).path());
      for (int k = 1; k < args.size(); k++) {
        Token lit = literals.get(k);
        if (lit.kind() == Kind.STRING) {
          path.add(lit.text());
          continue;
        }
        if (lit.kind() == Kind.NUMBER) {
          // a list index: paths stop at lists
          return new Val(path);
        }
        consume(args.get(k), Use.SUBTREE);
        dynamic(path, fn + " with a computed key below `" + KeyReader.display(path) + "`");
        return Val.NONE;
      }
      return new Val(path);
    }

    private Val dig(List<Val> args, List<Token> literals) {
      // dig "k1" "k2" DEFAULT DICT
      if (args.size() < 3 || args.get(args.size() - 1).path() == null) {
        consumeAll(args, Use.SUBTREE);
        return Val.NONE;
      }
      List<String> path = new ArrayList<>(args.get(args.size() - 1).path());
      for (int k = 0; k < args.size() - 2; k++) {
        if (literals.get(k).kind() != Kind.STRING) {
          dynamic(path, "dig with a computed key below `" + KeyReader.display(path) + "`");
          return Val.NONE;
        }
        path.add(literals.get(k).text());
      }
      consume(args.get(args.size() - 2), Use.SUBTREE);
      return new Val(path);
    }

    private Val operand(Token tok) {
      switch (tok.kind()) {
        case FIELD -> {
          String text = tok.text();
          if (text.equals(".Values") || text.startsWith(".Values.")) {
            return new Val(fields(text.substring(".Values".length())));
          }
          if (dot.values() != null) {
            return new Val(concat(dot.values(), fields(text)));
          }
          return Val.NONE;
        }
        case VAR -> {
          String text = tok.text();
          if (text.equals("$.Values") || text.startsWith("$.Values.")) {
            return new Val(fields(text.substring("$.Values".length())));
          }
          int dotAt = text.indexOf('.');
          String name = dotAt < 0 ? text : text.substring(0, dotAt);
          List<String> bound = vars.get(name);
          if (bound != null) {
            return new Val(concat(bound, fields(dotAt < 0 ? "" : text.substring(dotAt))));
          }
          return Val.NONE;
        }
        default -> {
          return Val.NONE;
        }
      }
    }

    private static Val extend(Val v, String fieldText) {
      if (v.path() == null) {
        return v;
      }
      return new Val(concat(v.path(), fields(fieldText)));
    }

    private static List<String> fields(String chain) {
      List<String> out = new ArrayList<>();
      for (String s : chain.split("\\.")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }

    private static int matching(List<Token> t, int open) {
      int depth = 0;
      for (int i = open; i < t.size(); i++) {
        if (t.get(i).kind() == Kind.OPEN) {
          depth++;
        } else if (t.get(i).kind() == Kind.CLOSE && --depth == 0) {
          return i;
        }
      }
      return t.size();
    }

    private void consumeAll(List<Val> args, Use use) {
      for (Val v : args) {
        consume(v, use);
      }
    }

    private void consume(Val v, Use use) {
      if (v.path() == null) {
        return;
      }
      if (v.path().isEmpty()) {
        if (use == Use.SUBTREE) {
          dynamic(List.of(), "all of .Values is used as a whole");
        }
        return;
      }
      record(v.path(), use);
    }

    private void record(List<String> path, Use use) {
      if (path.isEmpty()) {
        return;
      }
      refs.add(new ValueRef(path, use, file, line));
    }

    private void dynamic(List<String> prefix, String reason) {
      dynamics.add(new DynamicLookup(prefix, file, line, reason));
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }

    private static List<String> append(List<String> a, String s) {
      List<String> out = new ArrayList<>(a);
      out.add(s);
      return out;
    }
  }
}
