package dev.deploysafe.testkit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go-style durations such as {@code 90s}, {@code 1m30s}, {@code 250ms} or {@code 2h}. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 30s, 5m, 1h30m)");
      }
      long n = Long.parseLong(m.group(1));
      total =
          switch (m.group(2)) {
            case "ms" -> total.plusMillis(n);
            case "s" -> total.plusSeconds(n);
            case "m" -> total.plusMinutes(n);
            default -> total.plusHours(n);
          };
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 30s, 5m, 1h30m)");
    }
    return total;
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      b.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || b.length() == 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
