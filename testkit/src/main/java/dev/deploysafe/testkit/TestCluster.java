package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A simulated Kubernetes cluster for tests: an {@link EmbeddedApiServer} plus simulated controllers
 * (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job), a scheduler, per-node kubelets and
 * metrics, all driven by a virtual clock.
 *
 * <p>Nothing happens in real time. Change objects through {@link #client()}, then call {@link
 * #advance(Duration)}: the cluster reacts and processes every timer due on the way (image pull
 * back-off, crash-loop back-off, probe ticks, progress deadlines, node eviction), so ten simulated
 * minutes take milliseconds. The same inputs give the same {@link #timeline()} on every run.
 *
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.start()) {
 *   cluster.image("example/api:2", ImageBehaviour.crashLoops(Duration.ofSeconds(3), 1));
 *   cluster.apply(deploymentYaml);
 *   cluster.advance(Duration.ofMinutes(2));
 *   // assert on cluster.client().apps().deployments()... or cluster.timeline()
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method holds the simulation lock; client calls from other threads are seen
 * by the next {@code advance}.
 */
public final class TestCluster implements AutoCloseable {
  private final EmbeddedApiServer server;
  private final KubernetesClient simClient;
  private final Simulation sim;
  private Duration scenarioDuration = Duration.ZERO;

  private TestCluster(EmbeddedApiServer server, SimClock clock) {
    this.server = server;
    // Controllers see API errors themselves (and retry on their own schedule), as client-go
    // controllers do: no transparent client-side retries.
    this.simClient =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withHttpClientFactory(new io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory())
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(server.config())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    this.sim = new Simulation(simClient, clock);
  }

  /** Starts a cluster with one node pool {@code default} of 3 nodes (4 cpu, 16Gi each). */
  public static TestCluster start() {
    return start(Scenario.builder().build());
  }

  /**
   * Starts a cluster set up as {@code scenario} describes: pools, registry, images, the manifests
   * applied at time zero and the timed steps (run them with {@link #runScenario()}).
   */
  public static TestCluster start(Scenario scenario) {
    requireNonNull(scenario, "scenario");
    SimClock clock = new SimClock();
    // Server timestamps follow simulated time; deleting a scheduled pod leaves it Terminating
    // until its kubelet confirms (forever on a node that is down), as on a real cluster.
    EmbeddedApiServer server =
        EmbeddedApiServer.start(
            ApiServerOptions.defaults().withClock(clock).withGracefulPodDeletion(true));
    TestCluster c;
    try {
      c = new TestCluster(server, clock);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    synchronized (c.sim) {
      if (scenario.metricsEnabled()) {
        // metrics.k8s.io exists only while a metrics-server is installed.
        server.register(
            ApiResource.clusterScoped("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes"));
        server.register(ApiResource.namespaced("metrics.k8s.io", "v1beta1", "PodMetrics", "pods"));
      }
      SimModel m = c.sim.model;
      m.unknownImagesExist = scenario.unknownImagesExist();
      m.metricsEnabled = scenario.metricsEnabled();
      m.privateRegistries.addAll(scenario.privateRegistries());
      scenario.images().forEach(m::define);
      scenario.nodePools().forEach(c.sim::addPool);
      for (String manifest : scenario.manifests()) {
        c.sim.apply(c.parse(manifest));
      }
      for (ScenarioStep step : scenario.steps()) {
        c.sim.schedule(step.at(), step.description(), s -> step.run(c));
      }
      c.scenarioDuration = scenario.duration();
      c.sim.runDueActionsNow();
      c.sim.settle();
    }
    return c;
  }

  /** Returns the client tests use; it talks to the embedded API server. */
  public KubernetesClient client() {
    return server.client();
  }

  /** Returns the embedded API server (URL, kubeconfig, faults). */
  public EmbeddedApiServer server() {
    return server;
  }

  /** Returns the simulated clock: it starts at 2026-01-01T00:00:00Z and moves only on advance. */
  public Clock clock() {
    return sim.clock;
  }

  /** Returns the simulated time elapsed since the cluster started. */
  public Duration elapsed() {
    return sim.elapsed();
  }

  /** Advances simulated time by {@code duration}, letting every component react on the way. */
  public TestCluster advance(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    sim.advanceTo(sim.now().plus(duration));
    return this;
  }

  /** Same as {@link #advance(Duration)}; reads better in scenario tests. */
  public TestCluster runFor(Duration duration) {
    return advance(duration);
  }

  /** Runs the scenario's timed steps up to its {@code duration}. */
  public TestCluster runScenario() {
    Duration left = scenarioDuration.minus(elapsed());
    return left.isNegative() ? this : advance(left);
  }

  /**
   * Advances event by event until {@code condition} holds or {@code limit} of simulated time has
   * passed, and returns whether it held. The condition is checked after every step.
   */
  public boolean runUntil(Predicate<TestCluster> condition, Duration limit) {
    requireNonNull(condition, "condition");
    Instant end = sim.now().plus(requireNonNull(limit, "limit"));
    sim.settle();
    if (condition.test(this)) {
      return true;
    }
    while (sim.now().isBefore(end)) {
      Instant next = sim.nextEventOr(end);
      sim.advanceTo(next.equals(sim.now()) ? end : next);
      if (condition.test(this)) {
        return true;
      }
    }
    return false;
  }

  /** Lets the controllers react to changes made through the client, without moving time. */
  public TestCluster awaitQuiescent() {
    sim.settle();
    return this;
  }

  /**
   * Creates or updates every object of a (multi-document) YAML manifest; namespace defaults to
   * {@code default}.
   */
  public TestCluster apply(String yaml) {
    sim.apply(parse(requireNonNull(yaml, "yaml")));
    return this;
  }

  List<HasMetadata> parse(String yaml) {
    return new ArrayList<>(
        client().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
  }

  /** Defines what containers of {@code reference} do; the image then exists in the registry. */
  public TestCluster image(String reference, ImageBehaviour behaviour) {
    return image(Image.of(reference, behaviour));
  }

  /** Adds an image to the simulated registry. */
  public TestCluster image(Image image) {
    synchronized (sim) {
      sim.model.define(requireNonNull(image, "image"));
    }
    return this;
  }

  /** Makes pulls from {@code host} require credentials (imagePullSecrets or node credentials). */
  public TestCluster privateRegistry(String host) {
    synchronized (sim) {
      sim.model.privateRegistries.add(requireNonNull(host, "host"));
    }
    return this;
  }

  /**
   * Chooses whether images that were never defined exist (they then run forever) or fail to pull
   * with {@code not found}. Default: they exist.
   */
  public TestCluster unknownImagesExist(boolean exist) {
    synchronized (sim) {
      sim.model.unknownImagesExist = exist;
    }
    return this;
  }

  /** Turns the simulated metrics-server (metrics.k8s.io) on or off. */
  public TestCluster metricsEnabled(boolean enabled) {
    synchronized (sim) {
      sim.model.metricsEnabled = enabled;
    }
    sim.advanceTo(sim.now());
    return this;
  }

  /** Adds the nodes of {@code pool}. */
  public TestCluster addNodePool(NodePool pool) {
    sim.addPool(requireNonNull(pool, "pool"));
    sim.settle();
    return this;
  }

  /** Marks a node unschedulable (kubectl cordon). */
  public TestCluster cordon(String node) {
    sim.cordon(requireNonNull(node, "node"), true);
    sim.settle();
    return this;
  }

  /** Marks a node schedulable again (kubectl uncordon). */
  public TestCluster uncordon(String node) {
    sim.cordon(requireNonNull(node, "node"), false);
    sim.settle();
    return this;
  }

  /**
   * Cordons a node and evicts its pods except DaemonSet pods; controllers recreate them elsewhere.
   */
  public TestCluster drain(String node) {
    sim.drain(requireNonNull(node, "node"));
    sim.settle();
    return this;
  }

  /**
   * Deletes a node; its pods are garbage-collected and recreated elsewhere by their controllers.
   */
  public TestCluster removeNode(String node) {
    sim.removeNode(requireNonNull(node, "node"));
    sim.settle();
    return this;
  }

  /** Restarts a node: its containers start from scratch and a saturated node comes back. */
  public TestCluster restartNode(String node) {
    sim.restartNode(requireNonNull(node, "node"));
    sim.settle();
    return this;
  }

  /** Returns the names of the nodes, sorted. */
  public List<String> nodeNames() {
    return client().nodes().list().getItems().stream()
        .map(n -> n.getMetadata().getName())
        .sorted()
        .collect(Collectors.toList());
  }

  /** Returns everything that happened so far: Events, scenario actions and node saturation. */
  public List<TimelineEntry> timeline() {
    synchronized (sim.timeline) {
      return List.copyOf(sim.timeline);
    }
  }

  /** Returns the timeline as text, one entry per line. */
  public String timelineText() {
    return timeline().stream().map(TimelineEntry::toString).collect(Collectors.joining("\n"));
  }

  Simulation simulation() {
    return sim;
  }

  /** Stops the simulation and the API server. */
  @Override
  public void close() {
    simClient.close();
    server.close();
  }

  @Override
  public String toString() {
    return "TestCluster[" + server.url() + ", t=" + Durations.format(elapsed()) + "]";
  }
}
