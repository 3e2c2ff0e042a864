package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.GoJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded property tests of {@link SetFlags}; every failure message carries the seed. */
class SetFlagsProperties {

  private static final int RUNS = 500;
  private static final String[] KEYS = {"a", "b", "c", "l", "m"};

  private final long seed = Long.getLong("deploysafe.prop.seed", System.nanoTime());
  private final Random random = new Random(seed);

  @Test
  void applyingNoFlagsIsIdentity() {
    for (int run = 0; run < RUNS; run++) {
      Map<String, Object> base = randomMap(3);
      assertThat(GoJson.write(SetFlags.apply(base, List.of(), SetFileReader.none())))
          .as("seed %d run %d", seed, run)
          .isEqualTo(GoJson.write(base));
    }
  }

  @Test
  void laterFlagOfOneFamilyWinsForTheSameScalarKey() {
    for (int run = 0; run < RUNS; run++) {
      String path = randomPath();
      long first = random.nextInt(1000) + 1;
      long second = random.nextInt(1000) + 1;
      Map<String, Object> out =
          SetFlags.apply(
              Map.of(),
              List.of(
                  new SetFlag(SetFamily.SET, path + "=" + first, 0),
                  new SetFlag(SetFamily.SET, path + "=" + second, 1)),
              SetFileReader.none());
      assertThat(lookup(out, path)).as("seed %d run %d path %s", seed, run, path).isEqualTo(second);
    }
  }

  @Test
  void familyOrderDoesNotDependOnCommandLineOrder() {
    for (int run = 0; run < RUNS; run++) {
      List<SetFlag> flags = new ArrayList<>();
      int n = 1 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        SetFamily family =
            List.of(SetFamily.JSON, SetFamily.SET, SetFamily.STRING, SetFamily.LITERAL)
                .get(random.nextInt(4));
        String value = family == SetFamily.JSON ? "\"j" + i + "\"" : "v" + i;
        flags.add(new SetFlag(family, randomPath() + "=" + value, i));
      }
      List<SetFlag> shuffled = interleaveKeepingFamilyOrder(flags);
      assertThat(outcome(shuffled))
          .as("seed %d run %d %s", seed, run, flags)
          .isEqualTo(outcome(flags));
    }
  }

  /** Shuffles flags across families while each family keeps its own relative order. */
  private List<SetFlag> interleaveKeepingFamilyOrder(List<SetFlag> flags) {
    List<SetFamily> slots = new ArrayList<>();
    for (SetFlag f : flags) {
      slots.add(f.family());
    }
    Collections.shuffle(slots, random);
    Map<SetFamily, List<SetFlag>> byFamily = new LinkedHashMap<>();
    for (SetFlag f : flags) {
      byFamily.computeIfAbsent(f.family(), k -> new ArrayList<>()).add(f);
    }
    List<SetFlag> out = new ArrayList<>();
    for (SetFamily family : slots) {
      out.add(byFamily.get(family).remove(0));
    }
    return out;
  }

  private static String outcome(List<SetFlag> flags) {
    try {
      return GoJson.write(SetFlags.apply(Map.of(), flags, SetFileReader.none()));
    } catch (SetFlagException e) {
      return "error " + e.getMessage();
    }
  }

  private String randomPath() {
    StringBuilder b = new StringBuilder(KEYS[random.nextInt(KEYS.length)]);
    int more = random.nextInt(3);
    for (int i = 0; i < more; i++) {
      b.append('.').append(KEYS[random.nextInt(KEYS.length)]);
    }
    return b.toString();
  }

  private static Object lookup(Map<String, Object> m, String path) {
    Object cur = m;
    for (String part : path.split("\\.")) {
      cur = SetFlagParser.asMap(cur).get(part);
    }
    return cur;
  }

  private Map<String, Object> randomMap(int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      m.put(KEYS[random.nextInt(KEYS.length)], randomValue(depth));
    }
    return m;
  }

  private Object randomValue(int depth) {
    int r = random.nextInt(depth > 0 ? 7 : 5);
    return switch (r) {
      case 0 -> random.nextDouble() * 1e6;
      case 1 -> random.nextLong();
      case 2 -> "s" + random.nextInt(9);
      case 3 -> random.nextBoolean();
      case 4 -> "<&>";
      case 5 -> randomMap(depth - 1);
      default -> {
        List<Object> l = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(randomValue(depth - 1));
        }
        yield l;
      }
    };
  }
}
