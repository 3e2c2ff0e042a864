package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the simulation knows that is not stored in the API: the registry (images, private hosts),
 * node pools, per-node image caches and credentials, and timing settings. Guarded by the simulation
 * lock.
 */
final class SimModel {
  final Map<String, Image> images = new LinkedHashMap<>();
  final Set<String> privateRegistries = new TreeSet<>();
  boolean unknownImagesExist = true;
  ImageBehaviour defaultBehaviour = ImageBehaviour.runs();
  boolean metricsEnabled = true;
  final Map<String, NodePool> pools = new LinkedHashMap<>();
  final Map<String, Set<String>> nodeImageCache = new HashMap<>();
  final Map<String, Set<String>> nodeCredentials = new HashMap<>();
  final Map<String, Integer> nodeIndex = new HashMap<>();

  /** node-monitor-grace-period of kube-controller-manager. */
  Duration nodeMonitorGracePeriod = Duration.ofSeconds(40);

  /** DefaultTolerationSeconds admission plugin default for not-ready/unreachable taints. */
  long defaultTolerationSeconds = 300;

  void define(Image image) {
    images.put(ImageRefs.normalize(image.reference()), image);
  }

  Optional<Image> image(String ref) {
    return Optional.ofNullable(images.get(ImageRefs.normalize(ref)));
  }

  ImageBehaviour behaviourOf(String ref) {
    return image(ref).map(Image::behaviour).orElse(defaultBehaviour);
  }

  Duration pullTime(String ref) {
    return image(ref).map(Image::pullTime).orElse(Duration.ofSeconds(2));
  }

  boolean cached(String node, String ref) {
    return nodeImageCache.getOrDefault(node, Set.of()).contains(ImageRefs.normalize(ref));
  }

  void cache(String node, String ref) {
    nodeImageCache.computeIfAbsent(node, k -> new TreeSet<>()).add(ImageRefs.normalize(ref));
  }

  /**
   * Pulls {@code ref} for {@code pod} on {@code node} and returns the runtime's error message, or
   * empty on success. The messages follow containerd's wording.
   */
  Optional<String> pull(String ref, String node, Pod pod, World w) {
    String norm = ImageRefs.normalize(ref);
    String host = ImageRefs.host(ref);
    if (privateRegistries.contains(host)
        && !nodeCredentials.getOrDefault(node, Set.of()).contains(host)
        && !podHasCredential(pod, host, w)) {
      return Optional.of(
          "rpc error: code = Unknown desc = failed to pull and unpack image \""
              + norm
              + "\": failed to resolve reference \""
              + norm
              + "\": failed to authorize: failed to fetch anonymous token: unexpected status from"
              + " GET request to https://"
              + host
              + "/token?scope=repository%3A"
              + ImageRefs.repository(ref).replace("/", "%2F")
              + "%3Apull&service="
              + host
              + ": 401 Unauthorized");
    }
    if (!images.containsKey(norm) && !unknownImagesExist) {
      return Optional.of(
          "rpc error: code = NotFound desc = failed to pull and unpack image \""
              + norm
              + "\": failed to resolve reference \""
              + norm
              + "\": "
              + norm
              + ": not found");
    }
    return Optional.empty();
  }

  /** Returns the names of the pull secrets the pod refers to (its own and its ServiceAccount's). */
  static List<String> pullSecretNames(Pod pod, World w) {
    List<String> names = new ArrayList<>();
    if (pod.getSpec().getImagePullSecrets() != null) {
      for (LocalObjectReference r : pod.getSpec().getImagePullSecrets()) {
        if (r.getName() != null) {
          names.add(r.getName());
        }
      }
    }
    String sa =
        pod.getSpec().getServiceAccountName() == null
            ? "default"
            : pod.getSpec().getServiceAccountName();
    Optional<ServiceAccount> account = w.serviceAccount(pod.getMetadata().getNamespace(), sa);
    if (account.isPresent() && account.get().getImagePullSecrets() != null) {
      for (LocalObjectReference r : account.get().getImagePullSecrets()) {
        if (r.getName() != null && !names.contains(r.getName())) {
          names.add(r.getName());
        }
      }
    }
    return names;
  }

  private static boolean podHasCredential(Pod pod, String host, World w) {
    for (String name : pullSecretNames(pod, w)) {
      Optional<Secret> s = w.secret(pod.getMetadata().getNamespace(), name);
      if (s.isPresent() && secretHasHost(s.get(), host)) {
        return true;
      }
    }
    return false;
  }

  static boolean secretHasHost(Secret s, String host) {
    Map<String, String> data = new HashMap<>();
    if (s.getData() != null) {
      s.getData()
          .forEach(
              (k, v) ->
                  data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) {
      data.putAll(s.getStringData());
    }
    String json = data.getOrDefault(".dockerconfigjson", data.get(".dockercfg"));
    if (json == null) {
      return false;
    }
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      JsonNode auths = root.has("auths") ? root.get("auths") : root;
      Iterator<String> keys = auths.fieldNames();
      while (keys.hasNext()) {
        String k = keys.next().replaceFirst("^https?://", "");
        int slash = k.indexOf('/');
        String h = slash < 0 ? k : k.substring(0, slash);
        if (h.equals(host) || (host.equals("docker.io") && h.equals("index.docker.io"))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
