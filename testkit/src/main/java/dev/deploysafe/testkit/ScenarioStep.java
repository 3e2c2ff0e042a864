package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;

/**
 * One timed action of a {@link Scenario}: apply a manifest, delete an object, drain, cordon,
 * uncordon, remove or restart a node, or add a node pool. Immutable and thread-safe.
 */
public final class ScenarioStep implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind {
    APPLY,
    DELETE,
    DRAIN,
    CORDON,
    UNCORDON,
    REMOVE_NODE,
    RESTART_NODE,
    ADD_NODE_POOL,
    FAIL_NEXT,
    CONFLICTS,
    DROP_WATCHES
  }

  private final Duration at;
  private final Kind kind;
  private final String argument;
  private final String namespace;
  private final String name;
  private final NodePool pool;
  // set only by the fault factories, before the step is published
  private int status;
  private int times;

  private ScenarioStep(
      Duration at, Kind kind, String argument, String namespace, String name, NodePool pool) {
    requireNonNull(at, "at");
    if (at.isNegative()) {
      throw new IllegalArgumentException("at must not be negative: " + at);
    }
    this.at = at;
    this.kind = kind;
    this.argument = argument;
    this.namespace = namespace;
    this.name = name;
    this.pool = pool;
  }

  /** Applies a (multi-document) YAML manifest at {@code at}. */
  public static ScenarioStep apply(Duration at, String yaml) {
    return new ScenarioStep(at, Kind.APPLY, requireNonNull(yaml, "yaml"), "", "", null);
  }

  /**
   * Deletes the object {@code kind namespace/name} at {@code at} (kind as in manifests, e.g. Pod).
   */
  public static ScenarioStep delete(Duration at, String kind, String namespace, String name) {
    return new ScenarioStep(
        at,
        Kind.DELETE,
        requireNonNull(kind, "kind"),
        requireNonNull(namespace, "namespace"),
        requireNonNull(name, "name"),
        null);
  }

  /** Drains {@code node} at {@code at}. */
  public static ScenarioStep drain(Duration at, String node) {
    return new ScenarioStep(at, Kind.DRAIN, requireNonNull(node, "node"), "", "", null);
  }

  /** Cordons {@code node} at {@code at}. */
  public static ScenarioStep cordon(Duration at, String node) {
    return new ScenarioStep(at, Kind.CORDON, requireNonNull(node, "node"), "", "", null);
  }

  /** Uncordons {@code node} at {@code at}. */
  public static ScenarioStep uncordon(Duration at, String node) {
    return new ScenarioStep(at, Kind.UNCORDON, requireNonNull(node, "node"), "", "", null);
  }

  /** Removes {@code node} at {@code at}. */
  public static ScenarioStep removeNode(Duration at, String node) {
    return new ScenarioStep(at, Kind.REMOVE_NODE, requireNonNull(node, "node"), "", "", null);
  }

  /** Restarts {@code node} at {@code at}. */
  public static ScenarioStep restartNode(Duration at, String node) {
    return new ScenarioStep(at, Kind.RESTART_NODE, requireNonNull(node, "node"), "", "", null);
  }

  /** Adds the nodes of {@code pool} at {@code at} (e.g. an autoscaler scale-up). */
  public static ScenarioStep addNodePool(Duration at, NodePool pool) {
    return new ScenarioStep(at, Kind.ADD_NODE_POOL, "", "", "", requireNonNull(pool, "pool"));
  }

  /**
   * Makes the API server answer the next {@code times} calls matching {@code verb} and {@code
   * resource} (empty matches any) with {@code httpStatus}. Simulated controllers are API clients
   * too: they see the errors and retry one simulated second later.
   */
  public static ScenarioStep failNext(
      Duration at, String verb, String resource, int httpStatus, int times) {
    ScenarioStep s =
        new ScenarioStep(
            at,
            Kind.FAIL_NEXT,
            requireNonNull(verb, "verb"),
            requireNonNull(resource, "resource"),
            "",
            null);
    s.status = httpStatus;
    s.times = times;
    return s;
  }

  /**
   * Makes the next {@code times} updates of {@code resource} (empty = any) fail with 409 Conflict.
   */
  public static ScenarioStep conflictOnNextUpdates(Duration at, String resource, int times) {
    ScenarioStep s =
        new ScenarioStep(at, Kind.CONFLICTS, "", requireNonNull(resource, "resource"), "", null);
    s.times = times;
    return s;
  }

  /** Drops every open watch connection at {@code at}. */
  public static ScenarioStep dropWatches(Duration at) {
    return new ScenarioStep(at, Kind.DROP_WATCHES, "", "", "", null);
  }

  private FaultTarget target(String verb, String resource) {
    FaultTarget t = FaultTarget.any();
    if (!verb.isEmpty()) {
      t = t.withVerb(verb);
    }
    if (!resource.isEmpty()) {
      t = t.withResource(resource);
    }
    return t;
  }

  /** Returns when the step runs, as simulated time since start. */
  public Duration at() {
    return at;
  }

  /** Returns a one-line description such as {@code drain old-1}. */
  public String description() {
    return switch (kind) {
      case APPLY -> "apply " + firstKindAndName(argument);
      case DELETE -> "delete " + argument + " " + namespace + "/" + name;
      case DRAIN -> "drain " + argument;
      case CORDON -> "cordon " + argument;
      case UNCORDON -> "uncordon " + argument;
      case REMOVE_NODE -> "remove node " + argument;
      case RESTART_NODE -> "restart node " + argument;
      case ADD_NODE_POOL -> "add node pool " + pool.name() + " (" + pool.count() + " nodes)";
      case FAIL_NEXT ->
          "fail next "
              + times
              + " "
              + (argument.isEmpty() ? "*" : argument)
              + " "
              + (namespace.isEmpty() ? "*" : namespace)
              + " with "
              + status;
      case CONFLICTS ->
          "conflict on next " + times + " updates of " + (namespace.isEmpty() ? "*" : namespace);
      case DROP_WATCHES -> "drop watches";
    };
  }

  private static String firstKindAndName(String yaml) {
    String kind = "";
    String name = "";
    for (String line : yaml.split("\n")) {
      String t = line.strip();
      if (kind.isEmpty() && line.startsWith("kind:")) {
        kind = t.substring(5).strip();
      } else if (name.isEmpty()
          && t.startsWith("name:")
          && line.startsWith("  ")
          && !line.startsWith("   ")) {
        name = t.substring(5).strip();
      }
    }
    return (kind + " " + name).replace("\"", "").replace("'", "").strip();
  }

  void run(TestCluster cluster) {
    Simulation sim = cluster.simulation();
    switch (kind) {
      case APPLY -> sim.apply(cluster.parse(argument));
      case DELETE -> {
        var items =
            cluster.parse(
                "apiVersion: "
                    + apiVersion(argument)
                    + "\nkind: "
                    + argument
                    + "\nmetadata:\n  name: "
                    + name
                    + "\n  namespace: "
                    + namespace
                    + "\n");
        items.forEach(o -> cluster.client().resource(o).delete());
      }
      case DRAIN -> sim.drain(argument);
      case CORDON -> sim.cordon(argument, true);
      case UNCORDON -> sim.cordon(argument, false);
      case REMOVE_NODE -> sim.removeNode(argument);
      case RESTART_NODE -> sim.restartNode(argument);
      case ADD_NODE_POOL -> sim.addPool(pool);
      case FAIL_NEXT ->
          cluster.server().faults().failNext(target(argument, namespace), status, times);
      case CONFLICTS ->
          cluster.server().faults().conflictOnNextUpdates(target("", namespace), times);
      case DROP_WATCHES -> cluster.server().faults().dropWatches();
    }
  }

  private static String apiVersion(String kind) {
    return switch (kind) {
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision" ->
          "apps/v1";
      case "Job" -> "batch/v1";
      default -> "v1";
    };
  }

  @Override
  public String toString() {
    return "at " + Durations.format(at) + ": " + description();
  }
}
