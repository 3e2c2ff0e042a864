package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of identical simulated nodes: their count, capacity, labels, taints, pre-pulled images
 * and node-level registry credentials.
 *
 * <p>Nodes are named {@code <name>-<i>} (1-based) and labelled {@code kubernetes.io/hostname} and
 * {@value #POOL_LABEL}. {@code taints} use kubectl syntax {@code key[=value]:Effect}. {@code
 * cachedImages} are already present on every node of the pool (pre-pulled, so they start without
 * credentials); {@code registryCredentials} are registry hosts the nodes can pull from without an
 * imagePullSecret. Immutable and thread-safe.
 */
public record NodePool(
    String name,
    int count,
    String cpu,
    String memory,
    int maxPods,
    Map<String, String> labels,
    List<String> taints,
    List<String> cachedImages,
    List<String> registryCredentials)
    implements Serializable {

  /** Label carrying the pool name on every simulated node. */
  public static final String POOL_LABEL = "deploysafe.dev/node-pool";

  /** Validates and copies the parts. */
  public NodePool {
    requireNonNull(name, "name");
    if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new IllegalArgumentException("name must be a DNS label, got '" + name + "'");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    Quantities.millicores(requireNonNull(cpu, "cpu"));
    Quantities.bytes(requireNonNull(memory, "memory"));
    if (maxPods < 1) {
      throw new IllegalArgumentException("maxPods must be >= 1, got " + maxPods);
    }
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    for (String t : taints) {
      SimTaints.parse(t);
    }
    cachedImages = List.copyOf(cachedImages);
    registryCredentials = List.copyOf(registryCredentials);
  }

  /** Returns a pool of {@code count} nodes with 4 cpu, 16Gi memory and 110 pods each. */
  public static NodePool of(String name, int count) {
    return new NodePool(name, count, "4", "16Gi", 110, Map.of(), List.of(), List.of(), List.of());
  }

  /** Returns a copy with this cpu and memory capacity per node (e.g. {@code "2", "8Gi"}). */
  public NodePool withCapacity(String cpu, String memory) {
    return new NodePool(
        name, count, cpu, memory, maxPods, labels, taints, cachedImages, registryCredentials);
  }

  /** Returns a copy with this many nodes. */
  public NodePool withCount(int count) {
    return new NodePool(
        name, count, cpu, memory, maxPods, labels, taints, cachedImages, registryCredentials);
  }

  /** Returns a copy with this pod limit per node. */
  public NodePool withMaxPods(int maxPods) {
    return new NodePool(
        name, count, cpu, memory, maxPods, labels, taints, cachedImages, registryCredentials);
  }

  /** Returns a copy with one more node label. */
  public NodePool withLabel(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(labels);
    m.put(key, value);
    return new NodePool(
        name, count, cpu, memory, maxPods, m, taints, cachedImages, registryCredentials);
  }

  /** Returns a copy with one more taint, written {@code key[=value]:Effect}. */
  public NodePool withTaint(String taint) {
    List<String> t = new ArrayList<>(taints);
    t.add(taint);
    return new NodePool(
        name, count, cpu, memory, maxPods, labels, t, cachedImages, registryCredentials);
  }

  /** Returns a copy whose nodes already have {@code image} pulled. */
  public NodePool withCachedImage(String image) {
    List<String> c = new ArrayList<>(cachedImages);
    c.add(image);
    return new NodePool(name, count, cpu, memory, maxPods, labels, taints, c, registryCredentials);
  }

  /** Returns a copy whose nodes hold credentials for {@code registryHost} (node-level auth). */
  public NodePool withRegistryCredential(String registryHost) {
    List<String> c = new ArrayList<>(registryCredentials);
    c.add(registryHost);
    return new NodePool(name, count, cpu, memory, maxPods, labels, taints, cachedImages, c);
  }
}
