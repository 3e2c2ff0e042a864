package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;

/**
 * An image that exists in the simulated registry, with what its containers do and how long a pull
 * takes.
 *
 * @param reference the image reference as written in pod specs, e.g. {@code
 *     registry.example.com/team/app:1.2}; {@code nginx} and {@code docker.io/library/nginx:latest}
 *     name the same image
 * @param behaviour what containers started from it do
 * @param pullTime how long a successful or failing pull takes
 */
public record Image(String reference, ImageBehaviour behaviour, Duration pullTime)
    implements Serializable {
  /** Validates the parts. */
  public Image {
    requireNonNull(reference, "reference");
    requireNonNull(behaviour, "behaviour");
    requireNonNull(pullTime, "pullTime");
    if (ImageRefs.invalid(reference)) {
      throw new IllegalArgumentException("reference is not a valid image reference: " + reference);
    }
    if (pullTime.isNegative()) {
      throw new IllegalArgumentException("pullTime must not be negative: " + pullTime);
    }
  }

  /** Returns an image with this behaviour and a 2 s pull. */
  public static Image of(String reference, ImageBehaviour behaviour) {
    return new Image(reference, behaviour, Duration.ofSeconds(2));
  }

  /** Returns a copy with this pull duration. */
  public Image withPullTime(Duration pullTime) {
    return new Image(reference, behaviour, pullTime);
  }
}
