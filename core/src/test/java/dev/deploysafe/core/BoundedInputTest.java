package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded reads: what fits comes back whole, what does not is refused by name, devices too. */
class BoundedInputTest {
  @TempDir Path dir;

  @Test
  void readsAFileUpToAndIncludingTheLimit() throws Exception {
    Path f = Files.write(dir.resolve("ten"), new byte[10]);
    assertThat(BoundedInput.readFile(f, 10)).hasSize(10);
    assertThat(BoundedInput.readFile(f, 11)).hasSize(10);
    assertThatThrownBy(() -> BoundedInput.readFile(f, 9))
        .isInstanceOf(BoundedInput.TooLargeException.class)
        .hasMessage(f + " is larger than the limit of 9 bytes");
  }

  @Test
  void streamsAreNamedInTheError() throws Exception {
    var in = new ByteArrayInputStream(new byte[5]);
    assertThatThrownBy(() -> BoundedInput.readStream(in, "stdin", 4))
        .isInstanceOfSatisfying(
            BoundedInput.TooLargeException.class,
            e -> {
              assertThat(e.name()).isEqualTo("stdin");
              assertThat(e.limit()).isEqualTo(4);
            });
    assertThat(BoundedInput.readStream(new ByteArrayInputStream(new byte[0]), "e", 0)).isEmpty();
    assertThatThrownBy(() -> BoundedInput.readStream(in, "x", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundedInput.readStream(in, "x", Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endlessDevicesStopAtTheLimit() throws Exception {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "needs /dev/zero");
    assertThatThrownBy(() -> BoundedInput.readFile(zero, 1 << 20))
        .isInstanceOf(BoundedInput.TooLargeException.class);
    // A YAML source says so as a finding with the file's name, not an OutOfMemoryError.
    YamlFile f = YamlSource.load(zero, YamlLimits.defaults().withMaxBytes(1 << 20));
    assertThat(f.report().errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo("yaml.too-large");
              assertThat(e.message()).isEqualTo("file is larger than the limit of 1048576 bytes");
              assertThat(e.location().file()).contains("/dev/zero");
            });
  }
}
