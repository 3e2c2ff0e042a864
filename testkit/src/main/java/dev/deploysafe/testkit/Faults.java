package dev.deploysafe.testkit;

/**
 * Fault injection controls of an {@link EmbeddedApiServer}.
 *
 * <p>STAND-IN: empty until the testkit-server implementation is merged. Thread-safe.
 */
public final class Faults {
  Faults() {}
}
