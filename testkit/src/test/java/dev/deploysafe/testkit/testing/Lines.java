package dev.deploysafe.testkit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects the lines of a stream on a daemon thread and waits, bounded, for a matching line. */
public final class Lines {
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private Lines(InputStream in) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  queue.add(line);
                }
              } catch (IOException ignored) {
                // the process was killed
              }
            },
            "lines-reader");
    t.setDaemon(true);
    t.start();
  }

  /** Starts reading {@code in}. */
  public static Lines of(InputStream in) {
    return new Lines(in);
  }

  /** Waits up to {@code timeout} for a line matching {@code p}; fails listing what was seen. */
  public String await(Predicate<String> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError("no matching line within " + timeout + "; saw " + seen);
      }
      seen.add(line);
      if (p.test(line)) {
        return line;
      }
    }
  }
}
