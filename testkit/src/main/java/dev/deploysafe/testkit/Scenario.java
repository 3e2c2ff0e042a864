package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reproducible cluster story: node pools, the registry (images, their behaviour, private hosts),
 * manifests applied at time zero, and timed steps (apply, drain, cordon, add a pool...).
 *
 * <p>Build one in Java with {@link #builder()}, or write YAML and {@link #load(Path)} it (see the
 * testkit README for the format). Run it with {@code TestCluster.start(scenario).runScenario()}.
 * Immutable and thread-safe.
 */
public final class Scenario implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String BUNDLED = "/dev/deploysafe/testkit/scenarios/";

  private final String name;
  private final String description;
  private final List<NodePool> nodePools;
  private final List<Image> images;
  private final Set<String> privateRegistries;
  private final boolean unknownImagesExist;
  private final boolean metricsEnabled;
  private final List<String> manifests;
  private final List<ScenarioStep> steps;
  private final Duration duration;

  private Scenario(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.nodePools =
        b.nodePools.isEmpty() ? List.of(NodePool.of("default", 3)) : List.copyOf(b.nodePools);
    this.images = List.copyOf(b.images);
    this.privateRegistries = Set.copyOf(b.privateRegistries);
    this.unknownImagesExist = b.unknownImagesExist;
    this.metricsEnabled = b.metricsEnabled;
    this.manifests = List.copyOf(b.manifests);
    List<ScenarioStep> sorted = new ArrayList<>(b.steps);
    sorted.sort((x, y) -> x.at().compareTo(y.at()));
    this.steps = List.copyOf(sorted);
    Duration last = steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
    this.duration = b.duration.compareTo(last) < 0 ? last : b.duration;
  }

  /** Returns a builder for a scenario with no pools (one default pool of 3 nodes is used then). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a YAML scenario file.
   *
   * @throws IOException when the file cannot be read
   * @throws ScenarioFormatException when the content is invalid; every problem carries {@code
   *     file:line:column}
   */
  public static Scenario load(Path file) throws IOException {
    requireNonNull(file, "file");
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses a YAML scenario; {@code sourceName} is used in error positions.
   *
   * @throws ScenarioFormatException when the content is invalid
   */
  public static Scenario parse(String yaml, String sourceName) {
    return ScenarioYaml.parse(
        requireNonNull(yaml, "yaml"), requireNonNull(sourceName, "sourceName"));
  }

  /**
   * Loads a scenario bundled with the testkit, e.g. {@code incident-3-ondelete-never-rolled}.
   *
   * @throws IllegalArgumentException when there is no such bundled scenario
   */
  public static Scenario bundled(String name) {
    requireNonNull(name, "name");
    String resource = BUNDLED + name + ".yaml";
    try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled scenario named " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** Returns the scenario name. */
  public String name() {
    return name;
  }

  /** Returns the free-text description. */
  public String description() {
    return description;
  }

  /** Returns the node pools created at time zero. */
  public List<NodePool> nodePools() {
    return nodePools;
  }

  /** Returns the images defined in the registry. */
  public List<Image> images() {
    return images;
  }

  /** Returns the registry hosts that require credentials. */
  public Set<String> privateRegistries() {
    return privateRegistries;
  }

  /** Returns whether undefined images exist (and run) rather than fail with {@code not found}. */
  public boolean unknownImagesExist() {
    return unknownImagesExist;
  }

  /** Returns whether the simulated metrics-server serves metrics.k8s.io. */
  public boolean metricsEnabled() {
    return metricsEnabled;
  }

  /** Returns the manifests applied at time zero. */
  public List<String> manifests() {
    return manifests;
  }

  /** Returns the timed steps, in time order. */
  public List<ScenarioStep> steps() {
    return steps;
  }

  /** Returns how long {@code runScenario()} runs: at least until the last step. */
  public Duration duration() {
    return duration;
  }

  @Override
  public String toString() {
    return "Scenario["
        + name
        + ", "
        + nodePools.size()
        + " pools, "
        + steps.size()
        + " steps, "
        + Durations.format(duration)
        + "]";
  }

  /** Collects the parts of a {@link Scenario}. Not thread-safe. */
  public static final class Builder {
    private String name = "scenario";
    private String description = "";
    private final List<NodePool> nodePools = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private final Set<String> privateRegistries = new TreeSet<>();
    private boolean unknownImagesExist = true;
    private boolean metricsEnabled = true;
    private final List<String> manifests = new ArrayList<>();
    private final List<ScenarioStep> steps = new ArrayList<>();
    private Duration duration = Duration.ZERO;

    private Builder() {}

    /** Sets the name. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Sets the description. */
    public Builder description(String description) {
      this.description = requireNonNull(description, "description");
      return this;
    }

    /** Adds a node pool created at time zero. */
    public Builder nodePool(NodePool pool) {
      nodePools.add(requireNonNull(pool, "pool"));
      return this;
    }

    /** Adds an image to the registry. */
    public Builder image(Image image) {
      images.add(requireNonNull(image, "image"));
      return this;
    }

    /** Adds an image with a 2 s pull to the registry. */
    public Builder image(String reference, ImageBehaviour behaviour) {
      return image(Image.of(reference, behaviour));
    }

    /** Makes pulls from {@code host} require credentials. */
    public Builder privateRegistry(String host) {
      privateRegistries.add(requireNonNull(host, "host"));
      return this;
    }

    /** Chooses whether undefined images exist (default) or fail with {@code not found}. */
    public Builder unknownImagesExist(boolean exist) {
      this.unknownImagesExist = exist;
      return this;
    }

    /** Turns the simulated metrics-server on (default) or off. */
    public Builder metricsEnabled(boolean enabled) {
      this.metricsEnabled = enabled;
      return this;
    }

    /** Adds a (multi-document) manifest applied at time zero. */
    public Builder manifest(String yaml) {
      manifests.add(requireNonNull(yaml, "yaml"));
      return this;
    }

    /** Adds a timed step. */
    public Builder step(ScenarioStep step) {
      steps.add(requireNonNull(step, "step"));
      return this;
    }

    /** Sets how long the scenario runs (at least until its last step). */
    public Builder duration(Duration duration) {
      requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: " + duration);
      }
      this.duration = duration;
      return this;
    }

    /** Returns the scenario. */
    public Scenario build() {
      return new Scenario(this);
    }
  }
}
