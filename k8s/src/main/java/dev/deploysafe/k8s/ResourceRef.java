package dev.deploysafe.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deploysafe.core.BoundedInput;
import dev.deploysafe.core.YamlLimits;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Names one workload to verify: apiVersion, kind, namespace and name. An empty namespace means "the
 * namespace of the options, else the client's".
 *
 * <p>Immutable and thread-safe.
 *
 * @param apiVersion such as {@code apps/v1}
 * @param kind such as {@code Deployment}
 * @param namespace the namespace, or {@code ""}
 * @param name the object's name
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String[]> ALIASES =
      Map.ofEntries(
          Map.entry("deployment", new String[] {"apps/v1", "Deployment"}),
          Map.entry("deployments", new String[] {"apps/v1", "Deployment"}),
          Map.entry("deploy", new String[] {"apps/v1", "Deployment"}),
          Map.entry("statefulset", new String[] {"apps/v1", "StatefulSet"}),
          Map.entry("statefulsets", new String[] {"apps/v1", "StatefulSet"}),
          Map.entry("sts", new String[] {"apps/v1", "StatefulSet"}),
          Map.entry("daemonset", new String[] {"apps/v1", "DaemonSet"}),
          Map.entry("daemonsets", new String[] {"apps/v1", "DaemonSet"}),
          Map.entry("ds", new String[] {"apps/v1", "DaemonSet"}),
          Map.entry("replicaset", new String[] {"apps/v1", "ReplicaSet"}),
          Map.entry("replicasets", new String[] {"apps/v1", "ReplicaSet"}),
          Map.entry("rs", new String[] {"apps/v1", "ReplicaSet"}),
          Map.entry("job", new String[] {"batch/v1", "Job"}),
          Map.entry("jobs", new String[] {"batch/v1", "Job"}),
          Map.entry("pod", new String[] {"v1", "Pod"}),
          Map.entry("pods", new String[] {"v1", "Pod"}),
          Map.entry("po", new String[] {"v1", "Pod"}));

  private static final List<String> WORKLOAD_KINDS =
      List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod");

  /** Checks the parts: kind and name must not be empty. */
  public ResourceRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (kind.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("kind and name must not be empty: " + kind + "/" + name);
    }
  }

  /** Returns a reference assembled from its parts (use this for custom resources). */
  public static ResourceRef of(String apiVersion, String kind, String namespace, String name) {
    return new ResourceRef(apiVersion, kind, namespace, name);
  }

  /** Returns a reference to an apps/v1 Deployment. */
  public static ResourceRef deployment(String namespace, String name) {
    return of("apps/v1", "Deployment", namespace, name);
  }

  /** Returns a reference to an apps/v1 StatefulSet. */
  public static ResourceRef statefulSet(String namespace, String name) {
    return of("apps/v1", "StatefulSet", namespace, name);
  }

  /** Returns a reference to an apps/v1 DaemonSet. */
  public static ResourceRef daemonSet(String namespace, String name) {
    return of("apps/v1", "DaemonSet", namespace, name);
  }

  /**
   * Reads {@code KIND/NAME} as kubectl does ({@code deployment/api}, {@code sts/db}, {@code
   * deployment.apps/api}); the namespace stays empty.
   *
   * @throws IllegalArgumentException when the text is not {@code KIND/NAME} or the kind is not a
   *     workload kind
   */
  public static ResourceRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected KIND/NAME such as deployment/api: " + text);
    }
    String kind = text.substring(0, slash).toLowerCase(Locale.ROOT);
    int dot = kind.indexOf('.');
    if (dot > 0) {
      kind = kind.substring(0, dot);
    }
    String[] k = ALIASES.get(kind);
    if (k == null) {
      throw new IllegalArgumentException(
          "unknown workload kind "
              + text.substring(0, slash)
              + " (use deployment, statefulset, daemonset, replicaset, job or pod; "
              + "ResourceRef.of for custom resources): "
              + text);
    }
    return of(k[0], k[1], "", text.substring(slash + 1));
  }

  /** Returns a copy in another namespace. */
  public ResourceRef withNamespace(String ns) {
    return new ResourceRef(apiVersion, kind, ns, name);
  }

  /** Tells whether this is one of the built-in workload kinds (not a custom resource). */
  public boolean isBuiltIn() {
    return WORKLOAD_KINDS.contains(kind) && !apiVersion.contains(".");
  }

  /**
   * Reads multi-document YAML manifests (such as {@code helm template} output) and returns the
   * workloads in them: Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and Pods, in file
   * order; {@code List} kinds are unpacked and Helm hooks skipped.
   *
   * @throws IOException when the file cannot be read or is not YAML
   */
  public static List<ResourceRef> fromManifests(Path manifests) throws IOException {
    return parseManifests(BoundedInput.readText(manifests, YamlLimits.defaults().maxBytes()));
  }

  /** Reads manifests from text; see {@link #fromManifests(Path)}. */
  public static List<ResourceRef> parseManifests(String yaml) throws IOException {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    List<ResourceRef> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        collect(it.next(), out);
      }
    }
    return out;
  }

  private static void collect(JsonNode doc, List<ResourceRef> out) {
    if (doc == null || !doc.isObject()) {
      return;
    }
    String kind = doc.path("kind").asText("");
    if (kind.endsWith("List") && doc.path("items").isArray()) {
      for (JsonNode item : doc.path("items")) {
        collect(item, out);
      }
      return;
    }
    String apiVersion = doc.path("apiVersion").asText("");
    JsonNode meta = doc.path("metadata");
    String name = meta.path("name").asText("");
    if (!WORKLOAD_KINDS.contains(kind) || name.isEmpty() || apiVersion.contains(".")) {
      return;
    }
    if (meta.path("annotations").has("helm.sh/hook")) {
      return; // hooks are run and deleted by Helm; they are not part of the rollout
    }
    out.add(of(apiVersion, kind, meta.path("namespace").asText(""), name));
  }

  /** Renders as findings locate resources: {@code apps/Deployment prod/api}. */
  @Override
  public String toString() {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return (group.isEmpty() ? "" : group + "/")
        + kind
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + name;
  }
}
