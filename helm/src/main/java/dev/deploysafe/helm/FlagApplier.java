package dev.deploysafe.helm;

import java.util.List;
import java.util.Map;

/**
 * The pluggable step that applies {@code --set}-family flags into the map built from the {@code -f}
 * files (Helm's {@code strvals.ParseInto}). The pipeline calls {@link #applyInto} once per flag, in
 * {@link #flags()} order, which must already be Helm's fixed family order ({@code --set-json},
 * {@code --set}, {@code --set-string}, {@code --set-file}, {@code --set-literal}); it also applies
 * each flag alone into an empty map to learn which keys that flag supplied (provenance).
 *
 * <p>Integration point for the {@code --set} grammar parser: adapt it to this interface.
 */
interface FlagApplier {

  /** One flag as given: family without dashes ({@code set-string}), index in its family, text. */
  record Flag(String family, int index, String text) {}

  /** Returns no flags. */
  static FlagApplier none() {
    return new FlagApplier() {
      @Override
      public List<Flag> flags() {
        return List.of();
      }

      @Override
      public void applyInto(int flag, Map<String, Object> values) {
        throw new IndexOutOfBoundsException(flag);
      }
    };
  }

  /** Returns the flags in application order. */
  List<Flag> flags();

  /**
   * Parses flag number {@code flag} (a position in {@link #flags()}) into {@code values}.
   *
   * @throws IllegalArgumentException with Helm's full message (such as {@code failed parsing --set
   *     data: key "a" has no value}) when the flag is malformed or clashes with the values
   */
  void applyInto(int flag, Map<String, Object> values);
}
