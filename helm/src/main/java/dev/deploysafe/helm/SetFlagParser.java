package dev.deploysafe.helm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses one {@code --set}, {@code --set-string}, {@code --set-json} or {@code --set-file} argument
 * into an existing value map, reproducing Helm's {@code strvals} parser step by step, including its
 * accidents: errors that wrap end-of-input end the parse silently, a failed type assertion becomes
 * {@code unable to parse key: interface conversion: ...}, list writes inside the current length
 * happen in place. See helm/helm v4.1.4 {@code pkg/strvals/parser.go}.
 *
 * <p>The maps and lists reachable from the destination must be mutable and unshared ({@link
 * SetFlags} deep-copies its input first). Not thread-safe; one instance parses one argument.
 */
final class SetFlagParser {

  /** How values are typed. */
  enum Mode {
    TYPED,
    STRING,
    JSON,
    FILE
  }

  /** Go's {@code strvals.MaxIndex}. */
  static final long MAX_INDEX = 65536;

  /** Go's {@code strvals.MaxNestedNameLevel}. */
  static final int MAX_NESTED_NAME_LEVEL = 30;

  /** An error value of the Go parser; {@code eof} when it is or wraps {@code io.EOF}. */
  static final class StrvalsError extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean eof;

    StrvalsError(String message, boolean eof, @Nullable Throwable cause) {
      super(message, cause, false, false);
      this.eof = eof;
    }

    static StrvalsError eof() {
      return new StrvalsError("EOF", true, null);
    }

    static StrvalsError of(String message) {
      return new StrvalsError(message, false, null);
    }

    /** Wraps like {@code fmt.Errorf("prefix: %w", e)}: keeps whether it wraps EOF. */
    StrvalsError wrap(String prefix) {
      return new StrvalsError(prefix + getMessage(), eof, getCause());
    }

    boolean isEof() {
      return eof;
    }
  }

  /** A failed Go type assertion ({@code runtime.TypeAssertionError}). */
  static final class GoPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GoPanic(@Nullable Object actual, String wanted) {
      super(
          "interface conversion: interface {} is " + GoText.typeName(actual) + ", not " + wanted,
          null,
          false,
          false);
    }
  }

  static final String LIST_TYPE = "[]interface {}";
  static final String MAP_TYPE = "map[string]interface {}";

  /** The result of Go's {@code listItem}/{@code setIndex}: a list and maybe an error. */
  record Step(List<Object> list, @Nullable StrvalsError error) {}

  /** The runes read up to a stop rune, which rune stopped, and whether input ran out instead. */
  record Runes(String text, int last, boolean eof) {}

  private static final Object NOT_LIST = new Object();
  private static final Object EMPTY = new Object();

  private final int[] in;
  private int pos;
  private final Mode mode;
  private final SetFileReader files;

  private SetFlagParser(String text, Mode mode, SetFileReader files) {
    this.in = text.codePoints().toArray();
    this.mode = mode;
    this.files = files;
  }

  /**
   * Parses {@code text} into {@code dest} like {@code strvals.ParseInto} and its siblings.
   *
   * @throws StrvalsError with Go's message (without Helm's per-family prefix)
   */
  static void parseInto(String text, Map<String, Object> dest, Mode mode, SetFileReader files)
      throws StrvalsError {
    SetFlagParser p = new SetFlagParser(text, mode, files);
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

  private int read() {
    return pos < in.length ? in[pos++] : -1;
  }

  private void unread() {
    pos--;
  }

  /** Go's {@code runesUntil}: a backslash escapes any next rune. */
  private Runes runesUntil(String stop) {
    StringBuilder v = new StringBuilder();
    while (true) {
      int r = read();
      if (r < 0) {
        return new Runes(v.toString(), 0, true);
      }
      if (stop.indexOf(r) >= 0) {
        return new Runes(v.toString(), r, false);
      }
      if (r == '\\') {
        int next = read();
        if (next < 0) {
          return new Runes(v.toString(), 0, true);
        }
        v.appendCodePoint(next);
      } else {
        v.appendCodePoint(r);
      }
    }
  }

  static void set(Map<String, Object> data, String key, @Nullable Object value) {
    if (!key.isEmpty()) {
      data.put(key, value);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(@Nullable Object v) {
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new GoPanic(v, LIST_TYPE);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new GoPanic(v, MAP_TYPE);
  }

  private void key(Map<String, Object> data, int level) throws StrvalsError {
    try {
      keyBody(data, level);
    } catch (GoPanic p) {
      throw StrvalsError.of("unable to parse key: " + p.getMessage());
    }
  }

  private void keyBody(Map<String, Object> data, int nestedNameLevel) throws StrvalsError {
    Runes k = runesUntil("=[,.");
    if (k.eof()) {
      if (k.text().isEmpty()) {
        throw StrvalsError.eof();
      }
      throw StrvalsError.of("key " + GoText.quote(k.text()) + " has no value");
    }
    String key = k.text();
    switch (k.last()) {
      case '[' -> {
        long i;
        try {
          i = keyIndex();
        } catch (StrvalsError e) {
          throw e.wrap("error parsing index: ");
        }
        List<Object> list = new ArrayList<>();
        if (data.containsKey(key)) {
          list = asList(data.get(key));
        }
        Step s = listItem(list, i, nestedNameLevel);
        set(data, key, s.list());
        if (s.error() != null) {
          throw s.error();
        }
      }
      case '=' -> {
        if (mode == Mode.JSON) {
          if (emptyVal()) {
            set(data, key, null);
            return;
          }
          Object v = decodeJson();
          set(data, key, v);
          emptyVal();
          return;
        }
        Object vl = valList();
        if (vl == EMPTY) {
          set(data, key, "");
          throw StrvalsError.eof();
        }
        if (vl == NOT_LIST) {
          String rs = runesUntil(",").text();
          set(data, key, convert(rs));
          return;
        }
        set(data, key, vl);
      }
      case ',' -> {
        set(data, key, "");
        throw StrvalsError.of("key " + GoText.quote(key) + " has no value (cannot end with ,)");
      }
      default -> { // '.'
        int level = nestedNameLevel + 1;
        if (level > MAX_NESTED_NAME_LEVEL) {
          throw StrvalsError.of(
              "value name nested level is greater than maximum supported nested level of "
                  + MAX_NESTED_NAME_LEVEL);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        if (data.containsKey(key)) {
          inner = asMap(data.get(key));
        }
        try {
          key(inner, level);
        } catch (StrvalsError e) {
          if (!inner.isEmpty()) {
            set(data, key, inner);
          }
          throw e;
        }
        if (inner.isEmpty()) {
          throw StrvalsError.of("key map " + GoText.quote(key) + " has no value");
        }
        set(data, key, inner);
      }
    }
  }

  static Step setIndex(List<Object> list, long index, @Nullable Object val) {
    if (index < 0) {
      return new Step(list, StrvalsError.of("negative " + index + " index not allowed"));
    }
    if (index > MAX_INDEX) {
      return new Step(
          list,
          StrvalsError.of(
              "index of " + index + " is greater than maximum supported index of " + MAX_INDEX));
    }
    int i = (int) index;
    if (list.size() <= i) {
      List<Object> grown = new ArrayList<>(i + 1);
      grown.addAll(list);
      while (grown.size() <= i) {
        grown.add(null);
      }
      list = grown;
    }
    list.set(i, val);
    return new Step(list, null);
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
    try {
      switch (k.last()) {
        case '=' -> {
          if (mode == Mode.JSON) {
            if (emptyVal()) {
              return setIndex(list, i, null);
            }
            Object v = decodeJson();
            Step s = setIndex(list, i, v);
            if (s.error() != null) {
              return s;
            }
            emptyVal();
            return s;
          }
          Object vl = valList();
          if (vl == EMPTY) {
            return setIndex(list, i, "");
          }
          if (vl == NOT_LIST) {
            String rs = runesUntil(",").text();
            return setIndex(list, i, convert(rs));
          }
          return setIndex(list, i, vl);
        }
        case '[' -> {
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
              crtList = asList(existed);
            }
          }
          Step inner = listItem(crtList, nextI, nestedNameLevel);
          if (inner.error() != null) {
            return new Step(list, inner.error());
          }
          return setIndex(list, i, inner.list());
        }
        default -> { // '.'
          Map<String, Object> inner = new LinkedHashMap<>();
          if (list.size() > i) {
            Object existing = list.get((int) i);
            if (existing instanceof Map<?, ?>) {
              inner = asMap(existing);
            } else {
              // Helm: "indices out of order"; the slot becomes an empty map in place.
              list.set((int) i, inner);
            }
          }
          key(inner, nestedNameLevel);
          return setIndex(list, i, inner);
        }
      }
    } catch (StrvalsError e) {
      return new Step(list, e);
    }
  }

  /** Go's {@code emptyVal}: skips spaces; true at a comma (consumed) or the end of input. */
  private boolean emptyVal() {
    while (true) {
      int r = read();
      if (r < 0 || r == ',') {
        return true;
      }
      if (!GoText.isSpace(r)) {
        unread();
        return false;
      }
    }
  }

  private @Nullable Object decodeJson() throws StrvalsError {
    try {
      GoJsonReader.Decoded d = GoJsonReader.readValue(in, pos);
      pos = d.end();
      return d.value();
    } catch (GoJsonReader.JsonError e) {
      throw StrvalsError.of(e.getMessage());
    }
  }

  /**
   * Go's {@code valList}: a {@code {a,b}} list, or {@link #NOT_LIST} (nothing consumed), or {@link
   * #EMPTY} at the end of input.
   */
  private Object valList() throws StrvalsError {
    int r = read();
    if (r < 0) {
      return EMPTY;
    }
    if (r != '{') {
      unread();
      return NOT_LIST;
    }
    List<Object> list = new ArrayList<>();
    while (true) {
      Runes rs = runesUntil(",}");
      if (rs.eof()) {
        throw StrvalsError.of("list must terminate with '}'");
      }
      if (rs.last() == '}') {
        int next = read();
        if (next >= 0 && next != ',') {
          unread();
        }
        list.add(convert(rs.text()));
        return list;
      }
      list.add(convert(rs.text()));
    }
  }

  /** Go's reader function: {@code typedVal} for --set/--set-string, the file for --set-file. */
  private @Nullable Object convert(String rs) throws StrvalsError {
    return switch (mode) {
      case TYPED -> typedVal(rs);
      case STRING -> rs;
      case FILE -> {
        try {
          yield files.read(rs);
        } catch (IOException e) {
          throw new StrvalsError(String.valueOf(e.getMessage()), false, e);
        }
      }
      case JSON -> throw new IllegalStateException("JSON values are not read as text");
    };
  }

  /** Go's {@code typedVal}: bool, null, int64 0, base-10 int64 not starting with 0, else string. */
  static @Nullable Object typedVal(String val) {
    if (val.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (val.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    if (val.equalsIgnoreCase("null")) {
      return null;
    }
    if (val.equals("0")) {
      return 0L;
    }
    if (!val.isEmpty() && val.charAt(0) != '0') {
      Long n = GoText.parseInt64(val);
      if (n != null) {
        return n;
      }
    }
    return val;
  }
}
