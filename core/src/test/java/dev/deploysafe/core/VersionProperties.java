package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Laws of the version order, checked on versions from a seeded generator. Every failure message
 * starts with the seed; rerun with {@code -Ddeploysafe.seed=<seed>} to reproduce it.
 */
class VersionProperties {

  static final long SEED = Long.getLong("deploysafe.seed", System.nanoTime());
  private static final String[] WORDS = {
    "alpha", "beta", "BETA", "rc", "a-b", "-", "x1", "0a", "99999999999999999999"
  };

  private final Random random = new Random(SEED);

  static String seed() {
    return "seed " + SEED + " (rerun with -Ddeploysafe.seed=" + SEED + "): ";
  }

  private long number() {
    switch (random.nextInt(4)) {
      case 0:
        return 0;
      case 1:
        return 1 + random.nextInt(3);
      case 2:
        return random.nextInt(1000);
      default:
        return random.nextLong() & Long.MAX_VALUE;
    }
  }

  private String identifiers(boolean numericAllowed) {
    List<String> ids = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (numericAllowed && random.nextBoolean()) {
        ids.add(Integer.toString(random.nextInt(12)));
      } else {
        ids.add(WORDS[random.nextInt(WORDS.length)]);
      }
    }
    return String.join(".", ids);
  }

  Version version() {
    String pre = random.nextInt(3) == 0 ? "" : identifiers(true);
    String meta = random.nextInt(4) == 0 ? identifiers(false) : "";
    return new Version(number(), number(), number(), pre, meta, "");
  }

  /** Versions close to each other, so that ties and prerelease ordering get exercised. */
  Version nearVersion() {
    String[] pres = {"", "", "alpha", "alpha.1", "alpha.beta", "beta", "BETA", "1", "2", "rc.1"};
    return new Version(
        random.nextInt(2),
        random.nextInt(2),
        random.nextInt(2),
        pres[random.nextInt(pres.length)],
        random.nextInt(3) == 0 ? "b" + random.nextInt(3) : "",
        "");
  }

  @Test
  void orderIsAntisymmetricAndTotal() {
    for (int i = 0; i < 5_000; i++) {
      Version a = i % 2 == 0 ? version() : nearVersion();
      Version b = i % 2 == 0 ? version() : nearVersion();
      int ab = Integer.signum(a.compareTo(b));
      int ba = Integer.signum(b.compareTo(a));
      assertThat(ab).as(seed() + a + " vs " + b).isEqualTo(-ba);
      boolean samePrecedence =
          a.major() == b.major()
              && a.minor() == b.minor()
              && a.patch() == b.patch()
              && a.prerelease().equals(b.prerelease());
      assertThat(ab == 0)
          .as(seed() + "compare 0 iff same precedence: " + a + " vs " + b)
          .isEqualTo(samePrecedence);
      assertThat(a.compareTo(a)).as(seed() + "reflexive " + a).isZero();
    }
  }

  @Test
  void orderIsTransitive() {
    for (int i = 0; i < 5_000; i++) {
      Version a = nearVersion();
      Version b = nearVersion();
      Version c = nearVersion();
      if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
        assertThat(a.compareTo(c)).as(seed() + a + " <= " + b + " <= " + c).isLessThanOrEqualTo(0);
      }
      if (a.compareTo(b) < 0 && b.compareTo(c) < 0) {
        assertThat(a.compareTo(c)).as(seed() + a + " < " + b + " < " + c).isNegative();
      }
    }
  }

  @Test
  void parseOfFormatRoundTrips() {
    for (int i = 0; i < 5_000; i++) {
      Version v = version();
      Version back = Version.parse(v.toString());
      assertThat(back.compareTo(v)).as(seed() + v).isZero();
      assertThat(back).as(seed() + v).isEqualTo(v);
      assertThat(Version.parseStrict(v.toString())).as(seed() + v).isEqualTo(v);
      Version withV = Version.parse("v" + v);
      assertThat(withV.toString()).as(seed() + v).isEqualTo(v.toString());
      assertThat(withV.original()).as(seed() + v).isEqualTo("v" + v);
    }
  }

  @Test
  void sortingAgreesWithPairwiseOrder() {
    List<Version> list = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      list.add(nearVersion());
    }
    list.sort(null);
    for (int i = 0; i + 1 < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        assertThat(list.get(i).compareTo(list.get(j)))
            .as(seed() + list.get(i) + " before " + list.get(j))
            .isLessThanOrEqualTo(0);
      }
    }
  }
}
