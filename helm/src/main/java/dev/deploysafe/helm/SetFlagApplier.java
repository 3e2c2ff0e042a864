package dev.deploysafe.helm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Connects the {@code --set} grammar ({@link SetFlags}) to the values pipeline: flags sorted into
 * Helm's fixed family order ({@code --set-json}, {@code --set}, {@code --set-string}, {@code
 * --set-file}, {@code --set-literal}; command-line order within a family), applied one at a time.
 */
final class SetFlagApplier implements FlagApplier {

  private final List<SetFlag> ordered;
  private final List<Flag> flags;
  private final SetFileReader files;

  SetFlagApplier(List<SetFlag> given, SetFileReader files) {
    List<SetFlag> sorted = new ArrayList<>(given);
    sorted.sort(Comparator.comparing(SetFlag::family).thenComparingInt(SetFlag::index));
    this.ordered = List.copyOf(sorted);
    List<Flag> out = new ArrayList<>(sorted.size());
    for (SetFlag f : sorted) {
      out.add(new Flag(f.family().flag().substring(2), f.index(), f.text()));
    }
    this.flags = List.copyOf(out);
    this.files = files;
  }

  @Override
  public List<Flag> flags() {
    return flags;
  }

  @Override
  public void applyInto(int flag, Map<String, Object> values) {
    try {
      SetFlags.applyInto(values, List.of(ordered.get(flag)), files);
    } catch (SetFlagException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
