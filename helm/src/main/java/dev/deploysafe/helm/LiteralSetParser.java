package dev.deploysafe.helm;

import dev.deploysafe.helm.SetFlagParser.GoPanic;
import dev.deploysafe.helm.SetFlagParser.Runes;
import dev.deploysafe.helm.SetFlagParser.Step;
import dev.deploysafe.helm.SetFlagParser.StrvalsError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one {@code --set-literal} argument into an existing value map like Helm's literal parser:
 * no escapes, no comma splitting, the value is the rest of the text, a key path still splits on
 * {@code .} and {@code [i]}. See helm/helm v4.1.4 {@code pkg/strvals/literal_parser.go}.
 *
 * <p>Not thread-safe; one instance parses one argument.
 */
final class LiteralSetParser {

  private final int[] in;
  private int pos;

  private LiteralSetParser(String text) {
    this.in = text.codePoints().toArray();
  }

  /**
   * Parses {@code text} into {@code dest} like {@code strvals.ParseLiteralInto}.
   *
   * @throws StrvalsError with Go's message (without Helm's prefix)
   */
  static void parseInto(String text, Map<String, Object> dest) throws StrvalsError {
    LiteralSetParser p = new LiteralSetParser(text);
    while (true) {
      try {
        p.key(dest, 0);
      } catch (StrvalsError e) {
        if (e.isEof()) {
          return;
        }
        throw e;
      }
    }
  }

  private Runes runesUntil(String stop) {
    StringBuilder v = new StringBuilder();
    while (pos < in.length) {
      int r = in[pos++];
      if (stop.indexOf(r) >= 0) {
        return new Runes(v.toString(), r, false);
      }
      v.appendCodePoint(r);
    }
    return new Runes(v.toString(), 0, true);
  }

  private String rest() {
    String v = new String(in, pos, in.length - pos);
    pos = in.length;
    return v;
  }

  private void key(Map<String, Object> data, int level) throws StrvalsError {
    try {
      keyBody(data, level);
    } catch (GoPanic p) {
      throw StrvalsError.of("unable to parse key: " + p.getMessage());
    }
  }

  private void keyBody(Map<String, Object> data, int nestedNameLevel) throws StrvalsError {
    Runes k = runesUntil("=[.");
    if (k.eof()) {
      if (k.text().isEmpty()) {
        throw StrvalsError.eof();
      }
      throw StrvalsError.of("key " + GoText.quote(k.text()) + " has no value");
    }
    String key = k.text();
    switch (k.last()) {
      case '=' -> SetFlagParser.set(data, key, rest());
      case '.' -> {
        int level = nestedNameLevel + 1;
        if (level > SetFlagParser.MAX_NESTED_NAME_LEVEL) {
          throw StrvalsError.of(
              "value name nested level is greater than maximum supported nested level of "
                  + SetFlagParser.MAX_NESTED_NAME_LEVEL);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        if (data.containsKey(key)) {
          inner = SetFlagParser.asMap(data.get(key));
        }
        try {
          key(inner, level);
        } catch (StrvalsError e) {
          if (!inner.isEmpty()) {
            SetFlagParser.set(data, key, inner);
          }
          throw e;
        }
        if (inner.isEmpty()) {
          throw StrvalsError.of("key map " + GoText.quote(key) + " has no value");
        }
        SetFlagParser.set(data, key, inner);
      }
      default -> { // '['
        long i;
        try {
          i = keyIndex();
        } catch (StrvalsError e) {
          throw e.wrap("error parsing index: ");
        }
        List<Object> list = new ArrayList<>();
        if (data.containsKey(key)) {
          list = SetFlagParser.asList(data.get(key));
        }
        Step s = listItem(list, i, nestedNameLevel);
        SetFlagParser.set(data, key, s.list());
        if (s.error() != null) {
          throw s.error();
        }
      }
    }
  }

  private long keyIndex() throws StrvalsError {
    Runes v = runesUntil("]");
    if (v.eof()) {
      throw StrvalsError.eof();
    }
    try {
      return GoText.atoi(v.text());
    } catch (NumberFormatException e) {
      throw StrvalsError.of(e.getMessage());
    }
  }

  private Step listItem(List<Object> list, long i, int nestedNameLevel) {
    if (i < 0) {
      return new Step(list, StrvalsError.of("negative " + i + " index not allowed"));
    }
    Runes k = runesUntil("[.=");
    if (!k.text().isEmpty()) {
      return new Step(
          list,
          StrvalsError.of("unexpected data at end of array index: " + GoText.quoteRunes(k.text())));
    }
    if (k.eof()) {
      return new Step(list, StrvalsError.eof());
    }
    switch (k.last()) {
      case '=' -> {
        return SetFlagParser.setIndex(list, i, rest());
      }
      case '.' -> {
        Map<String, Object> inner = new LinkedHashMap<>();
        if (list.size() > i) {
          Object existing = list.get((int) i);
          if (existing instanceof Map<?, ?>) {
            inner = SetFlagParser.asMap(existing);
          } else {
            list.set((int) i, inner);
          }
        }
        try {
          key(inner, nestedNameLevel);
        } catch (StrvalsError e) {
          return new Step(list, e);
        }
        return SetFlagParser.setIndex(list, i, inner);
      }
      default -> { // '['
        long nextI;
        try {
          nextI = keyIndex();
        } catch (StrvalsError e) {
          return new Step(list, e.wrap("error parsing index: "));
        }
        List<Object> crtList = new ArrayList<>();
        if (list.size() > i) {
          Object existed = list.get((int) i);
          if (existed != null) {
            crtList = SetFlagParser.asList(existed);
          }
        }
        Step inner = listItem(crtList, nextI, nestedNameLevel);
        if (inner.error() != null) {
          return new Step(list, inner.error());
        }
        return SetFlagParser.setIndex(list, i, inner.list());
      }
    }
  }
}
