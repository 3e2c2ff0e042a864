package dev.deploysafe.helm;

import dev.deploysafe.helm.SetFlagParser.Mode;
import dev.deploysafe.helm.SetFlagParser.StrvalsError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies Helm's value-setting flags ({@code --set-json}, {@code --set}, {@code --set-string},
 * {@code --set-file}, {@code --set-literal}) to the values built from the {@code -f} files, exactly
 * as Helm v4.1.4 does, and splits {@code -f} arguments like Helm's flag parser.
 *
 * <p>Values are JDK types only: {@code Map<String, Object>} ({@link LinkedHashMap}), {@code
 * List<Object>} ({@link ArrayList}), {@link String}, {@link Long} (from {@code --set} integers),
 * {@link Double} (JSON and YAML numbers), {@link Boolean} and {@code null}.
 *
 * <pre>{@code
 * Map<String, Object> values = SetFlags.apply(fromFiles,
 *     List.of(SetFlag.of(SetFamily.SET, "image.tag=1.2,replicas=3")), SetFileReader.none());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SetFlags {

  private SetFlags() {}

  /**
   * Returns a copy of {@code base} with {@code flags} applied in Helm's order: by family in {@link
   * SetFamily} order, and within one family in list order, whatever the order of {@code flags}.
   *
   * <p>Each flag parses into the values accumulated so far ({@code strvals.ParseInto}), so {@code
   * --set l[1]=x} edits the second element of a list {@code l} from a file, and setting {@code k.a}
   * where a file set {@code k: 5} fails as in Helm. {@code base} is not modified.
   *
   * @param base values merged from the {@code -f} files (numbers as {@link Double}, like Helm's
   *     float64); maps need {@link String} keys
   * @param flags the flags, in command-line order
   * @param files reads {@code --set-file} paths (and {@code -} for standard input)
   * @throws SetFlagException when Helm would reject a flag; the message is Helm's
   * @throws IllegalArgumentException when {@code base} holds a type other than those listed above
   */
  public static Map<String, Object> apply(
      Map<String, ?> base, List<SetFlag> flags, SetFileReader files) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(files, "files");
    Map<String, Object> dest = copyMap(base);
    applyInto(dest, flags, files);
    return dest;
  }

  /**
   * Applies {@code flags} into {@code dest} in Helm's order, mutating it; every map and list
   * reachable from {@code dest} must be mutable and appear only once (no shared sub-trees).
   */
  static void applyInto(Map<String, Object> dest, List<SetFlag> flags, SetFileReader files) {
    List<SetFlag> ordered = new ArrayList<>(flags);
    ordered.sort(Comparator.comparing(SetFlag::family)); // stable: keeps order within a family
    for (SetFlag flag : ordered) {
      applyOne(dest, flag, files);
    }
  }

  private static void applyOne(Map<String, Object> dest, SetFlag flag, SetFileReader files) {
    String text = flag.text();
    SetFamily family = flag.family();
    try {
      switch (family) {
        case JSON -> applyJson(dest, flag);
        case SET -> SetFlagParser.parseInto(text, dest, Mode.TYPED, files);
        case STRING -> SetFlagParser.parseInto(text, dest, Mode.STRING, files);
        case FILE -> SetFlagParser.parseInto(text, dest, Mode.FILE, files);
        case LITERAL -> LiteralSetParser.parseInto(text, dest);
      }
    } catch (StrvalsError e) {
      String message =
          family == SetFamily.JSON
              ? "failed parsing --set-json data " + text
              : "failed parsing " + family.flag() + " data: " + e.getMessage();
      throw new SetFlagException(family, family.flag(), flag.index(), message, e.getCause());
    } catch (StackOverflowError | InternalError e) {
      // Overflowing while a lambda or class links arrives as InternalError.
      if (e instanceof InternalError && !(e.getCause() instanceof StackOverflowError)) {
        throw e;
      }
      throw new SetFlagException(
          family,
          family.flag(),
          flag.index(),
          family.flag()
              + " value nests too deeply for this thread's stack (Helm accepts up to 10,000"
              + " levels; run on a thread with a larger stack, as the deploysafe CLI does)",
          null);
    }
  }

  private static void applyJson(Map<String, Object> dest, SetFlag flag) throws StrvalsError {
    String trimmed = GoText.trimSpace(flag.text());
    if (!trimmed.startsWith("{")) {
      SetFlagParser.parseInto(flag.text(), dest, Mode.JSON, SetFileReader.none());
      return;
    }
    Object parsed;
    try {
      parsed = GoJsonReader.readDocument(trimmed);
    } catch (GoJsonReader.JsonError e) {
      throw new SetFlagException(
          SetFamily.JSON,
          SetFamily.JSON.flag(),
          flag.index(),
          "failed parsing --set-json data JSON: " + flag.text(),
          null);
    }
    mergeMaps(dest, SetFlagParser.asMap(parsed));
  }

  /**
   * Merges {@code src} into {@code dest} like Helm's {@code loader.MergeMaps}: maps merge deeply,
   * any other value (list, scalar, null) replaces what was there.
   */
  static void mergeMaps(Map<String, Object> dest, Map<String, Object> src) {
    for (Map.Entry<String, Object> e : src.entrySet()) {
      Object v = e.getValue();
      Object existing = dest.get(e.getKey());
      if (v instanceof Map<?, ?> && existing instanceof Map<?, ?>) {
        mergeMaps(SetFlagParser.asMap(existing), SetFlagParser.asMap(v));
      } else {
        dest.put(e.getKey(), v);
      }
    }
  }

  /**
   * Splits one {@code -f/--values} argument into file names like Helm's {@code StringSlice} flag:
   * commas separate, double quotes group ({@code "a,b.yaml",c.yaml}), an empty argument gives no
   * names.
   *
   * @throws SetFlagException with Helm's message when the quoting is malformed
   */
  public static List<String> splitValuesFlag(String argument) {
    Objects.requireNonNull(argument, "argument");
    try {
      return List.copyOf(ValuesFlagSplitter.split(argument));
    } catch (ValuesFlagSplitter.CsvError e) {
      throw new SetFlagException(
          null,
          "-f, --values",
          0,
          "invalid argument "
              + GoText.quote(argument)
              + " for \"-f, --values\" flag: "
              + e.getMessage(),
          null);
    }
  }

  static Map<String, Object> copyMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("map key is not a string: " + e.getKey());
      }
      out.put(key, copy(e.getValue()));
    }
    return out;
  }

  private static @Nullable Object copy(@Nullable Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Long
        || v instanceof Double) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      return copyMap(m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(copy(o));
      }
      return out;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException(
        "unsupported value type "
            + v.getClass().getName()
            + ": use Map, List, String, Long,"
            + " Double, Boolean or null");
  }
}
