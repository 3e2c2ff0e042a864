package dev.deploysafe.core;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads bytes into a {@link YamlFile}: decodes (BOM-aware, strict UTF-8), parses YAML events with
 * SnakeYAML's low-level parser, builds position-keeping nodes under {@link YamlLimits}, types each
 * document Helm's way and runs the lint rules. Every problem becomes a finding; nothing throws.
 */
final class YamlReading {

  private final String file;
  private final YamlLimits limits;
  private final List<Finding> findings = new ArrayList<>();
  private boolean readable = true;
  private int syntaxErrorLine;

  private YamlReading(String file, YamlLimits limits) {
    this.file = file;
    this.limits = limits;
  }

  static YamlFile read(byte[] bytes, String file, YamlLimits limits) {
    YamlReading r = new YamlReading(file, limits);
    List<YamlDocument> docs = r.run(bytes);
    return new YamlFile(file, docs, Report.ofCheck("yaml", r.findings), r.readable);
  }

  /** Reports a file over the size limit without reading (or allocating) its content. */
  static YamlFile tooLarge(String file, long size, YamlLimits limits) {
    YamlReading r = new YamlReading(file, limits);
    r.fail(
        "yaml.too-large",
        0,
        0,
        size > limits.maxBytes() + 1L
            ? "file is " + size + " bytes, over the limit of " + limits.maxBytes() + " bytes"
            : "file is larger than the limit of " + limits.maxBytes() + " bytes");
    return new YamlFile(file, List.of(), Report.ofCheck("yaml", r.findings), false);
  }

  private List<YamlDocument> run(byte[] bytes) {
    if (bytes.length > limits.maxBytes()) {
      fail(
          "yaml.too-large",
          0,
          0,
          "file is " + bytes.length + " bytes, over the limit of " + limits.maxBytes() + " bytes");
      return List.of();
    }
    String text = decode(bytes);
    if (text == null || !linesWithinLimit(text)) {
      return List.of();
    }
    List<YamlDocument> docs = parse(text);
    if (readable) {
      YamlLint.lint(file, text, docs, findings);
    } else {
      YamlLint.explainTabs(file, text, syntaxErrorLine, findings);
    }
    return docs;
  }

  /**
   * Refuses a line longer than the scalar limit before parsing: SnakeYAML's scanner slows down
   * sharply on very long lines (about 40 s for one 5 MiB plain scalar), and such a line can only
   * hold an over-long scalar or token.
   */
  private boolean linesWithinLimit(String text) {
    int line = 1;
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || text.charAt(i) == '\n') {
        if (i - start > limits.maxScalarChars()) {
          fail(
              "yaml.scalar-too-large",
              line,
              1,
              "line "
                  + line
                  + " is "
                  + (i - start)
                  + " characters long, over the scalar limit of "
                  + limits.maxScalarChars());
          return false;
        }
        line++;
        start = i + 1;
      }
    }
    return true;
  }

  private String decode(byte[] bytes) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      boolean be = bytes[0] == (byte) 0xFE;
      return decodeWith(
          bytes,
          2,
          be ? StandardCharsets.UTF_16BE.newDecoder() : StandardCharsets.UTF_16LE.newDecoder());
    }
    int start =
        bytes.length >= 3
                && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    return decodeWith(bytes, start, StandardCharsets.UTF_8.newDecoder());
  }

  private String decodeWith(byte[] bytes, int offset, CharsetDecoder decoder) {
    decoder
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out =
        CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, bytes.length * 2L + 16));
    CoderResult res = decoder.decode(in, out, true);
    if (res.isError()) {
      int bad = in.position();
      int line = 1;
      int col = 1;
      for (int i = offset; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          col++;
        }
      }
      fail(
          "yaml.encoding",
          line,
          col,
          String.format(
              "invalid %s: byte 0x%02X at offset %d cannot be decoded (is this a binary file?)",
              decoder.charset().name(), bytes[bad] & 0xFF, bad));
      return null;
    }
    try {
      decoder.flush(out);
    } catch (IllegalStateException e) {
      throw new AssertionError(e);
    }
    out.flip();
    return out.toString();
  }

  /**
   * Parses, retrying when SnakeYAML rejects a tab used as separation after a token ({@code
   * key:\t1}). yaml.v2, which Helm uses, accepts such tabs; a tab where a token would start is
   * whitespace, so turning it into a space changes no value and keeps every column.
   */
  private List<YamlDocument> parse(String text) {
    String current = text;
    for (int attempt = 0; ; attempt++) {
      Builder b = new Builder();
      MarkedYAMLException error = parseOnce(current, b);
      if (error == null) {
        return b.docs;
      }
      int at = separatingTabAt(current, error);
      if (at < 0 || attempt >= 256) {
        report(error);
        return b.docs;
      }
      StringBuilder fixed = new StringBuilder(current);
      for (int i = at; i < fixed.length() && fixed.charAt(i) == '\t'; i++) {
        fixed.setCharAt(i, ' ');
      }
      current = fixed.toString();
      findings.clear();
      readable = true;
    }
  }

  private MarkedYAMLException parseOnce(String text, Builder b) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Math.max(limits.maxBytes(), 1));
    options.setAllowDuplicateKeys(true);
    options.setProcessComments(false);
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth() + 1);
    Yaml yaml = new Yaml(options);
    try {
      for (Event e : yaml.parse(new StringReader(text))) {
        if (!b.accept(e)) {
          break;
        }
      }
    } catch (MarkedYAMLException e) {
      return e;
    } catch (ReaderException e) {
      int[] lc = lineColumnOfCodePoint(text, e.getPosition());
      fail(
          "yaml.syntax",
          lc[0],
          lc[1],
          String.format(
              "special character U+%04X is not allowed in YAML (is this a binary file?)",
              e.getCodePoint()));
    } catch (YAMLException e) {
      fail("yaml.syntax", 0, 0, clean(String.valueOf(e.getMessage())));
    }
    return null;
  }

  /** Returns the char index of a tab that SnakeYAML refused after other text on its line, or -1. */
  private static int separatingTabAt(String text, MarkedYAMLException e) {
    Mark m = e.getProblemMark();
    if (m == null || e.getProblem() == null || !e.getProblem().contains("TAB")) {
      return -1;
    }
    int index;
    try {
      index = text.offsetByCodePoints(0, m.getIndex());
    } catch (IndexOutOfBoundsException ex) {
      return -1;
    }
    if (index >= text.length() || text.charAt(index) != '\t') {
      return -1;
    }
    int lineStart = text.lastIndexOf('\n', index - 1) + 1;
    for (int i = lineStart; i < index; i++) {
      if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        return index; // text before it on the line: the tab separates, it does not indent
      }
    }
    return -1;
  }

  private void report(MarkedYAMLException e) {
    Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
    String context = e.getContext() != null ? e.getContext() + ": " : "";
    syntaxErrorLine = m == null ? 0 : m.getLine() + 1;
    fail(
        "yaml.syntax",
        syntaxErrorLine,
        m == null ? 0 : m.getColumn() + 1,
        clean(context + problem));
  }

  private static int[] lineColumnOfCodePoint(String text, int index) {
    int line = 1;
    int col = 1;
    int cp = 0;
    for (int i = 0; i < text.length() && cp < index; cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }

  private static String clean(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }

  private void fail(String code, int line, int column, String message) {
    readable = false;
    findings.add(Finding.error(code, Location.of(file, line, column), message));
  }

  private static YamlNode.Mark mark(Mark m) {
    return new YamlNode.Mark(m.getLine() + 1, m.getColumn() + 1);
  }

  private static YamlNode.Style style(DumperOptions.ScalarStyle s) {
    return switch (s) {
      case PLAIN -> YamlNode.Style.PLAIN;
      case SINGLE_QUOTED -> YamlNode.Style.SINGLE_QUOTED;
      case DOUBLE_QUOTED -> YamlNode.Style.DOUBLE_QUOTED;
      case LITERAL -> YamlNode.Style.LITERAL;
      case FOLDED -> YamlNode.Style.FOLDED;
      default -> YamlNode.Style.PLAIN;
    };
  }

  /** Builds nodes from events with an explicit stack, counting expanded size and aliases. */
  private final class Builder {
    final List<YamlDocument> docs = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<YamlNode, Long> sizes = new IdentityHashMap<>();
    private YamlNode root;
    private int aliases;

    /** Returns false to stop reading after a limit was hit. */
    boolean accept(Event e) {
      switch (e.getEventId()) {
        case DocumentStart -> {
          anchors.clear();
          sizes.clear();
          root = null;
        }
        case DocumentEnd -> {
          if (root != null) {
            return finishDocument(root);
          }
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) e;
          if (s.getValue().length() > limits.maxScalarChars()) {
            fail(
                "yaml.scalar-too-large",
                s.getStartMark().getLine() + 1,
                s.getStartMark().getColumn() + 1,
                "a scalar of "
                    + s.getValue().length()
                    + " characters is over the limit of "
                    + limits.maxScalarChars());
            return false;
          }
          YamlNode.Scalar node =
              new YamlNode.Scalar(
                  s.getValue(),
                  style(s.getScalarStyle()),
                  tagOf(s.getTag(), s.getImplicit().canOmitTagInPlainScalar()),
                  mark(s.getStartMark()),
                  mark(s.getEndMark()));
          return add(node, 1, s);
        }
        case SequenceStart, MappingStart -> {
          CollectionStartEvent c = (CollectionStartEvent) e;
          if (stack.size() >= limits.maxDepth()) {
            fail(
                "yaml.too-deep",
                c.getStartMark().getLine() + 1,
                c.getStartMark().getColumn() + 1,
                "nesting is deeper than the limit of " + limits.maxDepth() + " levels");
            return false;
          }
          stack.push(
              new Frame(
                  e.getEventId() == Event.ID.MappingStart,
                  c.getAnchor(),
                  tagOf(c.getTag(), c.getImplicit()),
                  mark(c.getStartMark())));
        }
        case SequenceEnd, MappingEnd -> {
          Frame f = stack.pop();
          YamlNode.Mark end = mark(e.getEndMark());
          YamlNode node;
          if (f.mapping) {
            List<YamlNode.Entry> entries = new ArrayList<>(f.items.size() / 2);
            for (int i = 0; i + 1 < f.items.size(); i += 2) {
              entries.add(new YamlNode.Entry(f.items.get(i), f.items.get(i + 1)));
            }
            node = new YamlNode.Mapping(entries, f.tag, f.start, end);
          } else {
            node = new YamlNode.Sequence(f.items, f.tag, f.start, end);
          }
          if (f.anchor != null) {
            anchors.put(f.anchor, node);
          }
          return add(node, f.size, null);
        }
        case Alias -> {
          AliasEvent a = (AliasEvent) e;
          if (++aliases > limits.maxAliases()) {
            fail(
                "yaml.alias-limit",
                a.getStartMark().getLine() + 1,
                a.getStartMark().getColumn() + 1,
                "more than " + limits.maxAliases() + " aliases");
            return false;
          }
          YamlNode target = anchors.get(a.getAnchor());
          if (target == null) {
            fail(
                "yaml.syntax",
                a.getStartMark().getLine() + 1,
                a.getStartMark().getColumn() + 1,
                "unknown anchor *" + a.getAnchor() + " (anchors must be defined before use)");
            return false;
          }
          return add(target, sizes.getOrDefault(target, 1L), null);
        }
        default -> {
          // StreamStart, StreamEnd, Comment: nothing to build.
        }
      }
      return true;
    }

    private boolean add(YamlNode node, long size, NodeEvent anchored) {
      if (anchored != null && anchored.getAnchor() != null) {
        anchors.put(anchored.getAnchor(), node);
      }
      sizes.put(node, size);
      if (stack.isEmpty()) {
        if (size > limits.maxNodes()) {
          return tooBig(node, size);
        }
        root = node;
        return true;
      }
      Frame parent = stack.peek();
      parent.items.add(node);
      parent.size += size;
      long total = 0;
      for (Frame f : stack) {
        total += f.size;
      }
      if (total > limits.maxNodes()) {
        return tooBig(node, total);
      }
      return true;
    }

    private boolean tooBig(YamlNode node, long size) {
      fail(
          "yaml.alias-expansion",
          node.start().line(),
          node.start().column(),
          "aliases expand this document to more than "
              + limits.maxNodes()
              + " nodes ("
              + (size >= Long.MAX_VALUE / 2 ? "unbounded" : size)
              + "); is it a billion-laughs document?");
      return false;
    }

    private boolean finishDocument(YamlNode node) {
      Object value;
      try {
        value = YamlTyping.toValue(node);
      } catch (YamlTyping.TypingException ex) {
        YamlNode.Mark m = ex.node.start();
        findings.add(
            Finding.error(
                "yaml.type",
                Location.of(file, m.line(), m.column()).withKey(ex.path),
                ex.getMessage()));
        readable = false;
        value = null;
      } catch (StackOverflowError | InternalError ex) {
        // Overflowing while a lambda or class links arrives as InternalError.
        if (ex instanceof InternalError && !(ex.getCause() instanceof StackOverflowError)) {
          throw ex;
        }
        fail(
            "yaml.too-deep",
            node.start().line(),
            node.start().column(),
            "document nests too deeply");
        value = null;
      }
      docs.add(new YamlDocument(file, docs.size(), node, value));
      return readable;
    }
  }

  private static String tagOf(String tag, boolean implicit) {
    if (tag == null) {
      return "";
    }
    if (implicit && (tag.startsWith("tag:yaml.org,2002:"))) {
      return "";
    }
    return tag.startsWith("tag:yaml.org,2002:")
        ? "!!" + tag.substring("tag:yaml.org,2002:".length())
        : tag;
  }

  private static final class Frame {
    final boolean mapping;
    final String anchor;
    final String tag;
    final YamlNode.Mark start;
    final List<YamlNode> items = new ArrayList<>();
    long size = 1;

    Frame(boolean mapping, String anchor, String tag, YamlNode.Mark start) {
      this.mapping = mapping;
      this.anchor = anchor;
      this.tag = tag;
      this.start = start;
    }
  }
}
