package dev.deploysafe.k8s;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.YamlDocument;
import dev.deploysafe.core.YamlFile;
import dev.deploysafe.core.YamlLimits;
import dev.deploysafe.core.YamlSource;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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

  /** The apiVersion each workload kind is served at. */
  private static final Map<String, String> API_VERSIONS =
      Map.of(
          "Deployment", "apps/v1",
          "StatefulSet", "apps/v1",
          "DaemonSet", "apps/v1",
          "ReplicaSet", "apps/v1",
          "Job", "batch/v1",
          "Pod", "v1");

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

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
    String name = text.substring(slash + 1);
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "not a valid Kubernetes name (lowercase letters, digits, '-' and '.', at most 253): "
              + name);
    }
    return of(k[0], k[1], "", name);
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
   * order; {@code List} kinds are unpacked and Helm hooks skipped. The file is read within the
   * {@link YamlLimits} defaults.
   *
   * @throws IOException when the file cannot be read, is not YAML, or names a workload with a
   *     missing or wrong apiVersion or an invalid name; the message gives file and line
   */
  public static List<ResourceRef> fromManifests(Path manifests) throws IOException {
    Objects.requireNonNull(manifests, "manifests");
    return refs(YamlSource.load(manifests));
  }

  /** Reads manifests from text; see {@link #fromManifests(Path)}. */
  public static List<ResourceRef> parseManifests(String yaml) throws IOException {
    Objects.requireNonNull(yaml, "yaml");
    return refs(YamlSource.parse(yaml, "manifests"));
  }

  private static List<ResourceRef> refs(YamlFile f) throws IOException {
    List<Finding> errors = f.report().errors();
    if (!errors.isEmpty()) {
      throw new IOException(where(errors.get(0).location()) + ": " + errors.get(0).message());
    }
    List<ResourceRef> out = new ArrayList<>();
    for (YamlDocument d : f.documents()) {
      collect(d, d.value(), new ArrayList<>(), out);
    }
    return out;
  }

  private static void collect(YamlDocument doc, Object node, List<String> at, List<ResourceRef> out)
      throws IOException {
    if (!(node instanceof Map<?, ?> obj)) {
      return;
    }
    String kind = obj.get("kind") instanceof String k ? k : "";
    if (kind.endsWith("List") && obj.get("items") instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        List<String> path = new ArrayList<>(at);
        path.add("items");
        path.add(String.valueOf(i));
        collect(doc, items.get(i), path, out);
      }
      return;
    }
    String expected = API_VERSIONS.get(kind);
    if (expected == null) {
      return; // not a workload
    }
    Object apiVersion = obj.get("apiVersion");
    if (apiVersion instanceof String v && v.contains(".")) {
      return; // a custom resource that reuses a built-in kind name
    }
    if (!expected.equals(apiVersion)) {
      throw new IOException(
          where(doc.locationOf(at))
              + ": a "
              + kind
              + " needs apiVersion "
              + expected
              + (apiVersion == null ? " (it has none)" : " (it has " + apiVersion + ")"));
    }
    Map<?, ?> meta = obj.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    if (meta.get("annotations") instanceof Map<?, ?> a && a.containsKey("helm.sh/hook")) {
      return; // hooks are run and deleted by Helm; they are not part of the rollout
    }
    List<String> namePath = new ArrayList<>(at);
    namePath.add("metadata");
    namePath.add("name");
    Object name = meta.get("name");
    if (!(name instanceof String n) || !isValidName(n)) {
      throw new IOException(
          where(
                  doc.locationOf(
                      namePath.subList(
                          0,
                          name != null
                              ? namePath.size()
                              : obj.containsKey("metadata") ? at.size() + 1 : at.size())))
              + ": the "
              + kind
              + (name == null
                  ? " has no metadata.name"
                  : " name is not a valid Kubernetes name (lowercase letters, digits, '-' and"
                      + " '.', at most 253)"));
    }
    String ns = meta.get("namespace") instanceof String x ? x : "";
    out.add(of(expected, kind, ns, n));
  }

  private static String where(Location l) {
    return l.line() > 0 ? l.file() + ":" + l.line() : l.file();
  }

  /** Tells whether {@code name} is a DNS-1123 subdomain, the rule for workload names. */
  static boolean isValidName(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
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
