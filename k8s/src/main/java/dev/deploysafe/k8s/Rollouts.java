package dev.deploysafe.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies Kubernetes rollouts: waits until each workload's new revision is fully available and
 * stable, fails fast on deterministic failures (image pull, crash loop, config errors, quota),
 * reports rollouts that will never happen (OnDelete, paused, partition, stale pods), and fails
 * closed when it cannot judge. The front door of the k8s module.
 *
 * <pre>{@code
 * RolloutReport r = Rollouts.verify(client, List.of(ResourceRef.parse("deployment/api")),
 *     RolloutOptions.defaults().withNamespace("prod").withTimeout(Duration.ofMinutes(5)));
 * if (!r.passed()) System.out.println(r.toText());
 * }</pre>
 *
 * <p>Stateless and thread-safe; each call blocks the calling thread, which evaluates.
 */
public final class Rollouts {

  private Rollouts() {}

  /**
   * Verifies the rollout of every workload in {@code refs} with one informer per kind and
   * namespace, and returns each verdict plus the worst one.
   *
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  public static RolloutReport verify(
      KubernetesClient client, List<ResourceRef> refs, RolloutOptions options)
      throws InterruptedException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    List<ResourceRef> copy = List.copyOf(refs);
    return new InformerRolloutVerifier(client, options).run(copy, Map.of());
  }

  /**
   * Verifies one workload; see {@link #verify(KubernetesClient, List, RolloutOptions)}.
   *
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  public static RolloutReport verify(
      KubernetesClient client, ResourceRef ref, RolloutOptions options)
      throws InterruptedException {
    return verify(client, List.of(ref), options);
  }

  /**
   * Verifies the workloads of an apply, given the apply (or patch) responses: their uid and {@code
   * metadata.generation} pin the generation gate, and their templates let the verifier tell a
   * concurrent change (Unknown(Superseded)) from a scale change. Objects that are not workloads are
   * ignored.
   *
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  public static RolloutReport verifyApplied(
      KubernetesClient client, List<? extends HasMetadata> applied, RolloutOptions options)
      throws InterruptedException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    List<ResourceRef> refs = new ArrayList<>();
    Map<ResourceRef, HasMetadata> byRef = new HashMap<>();
    for (HasMetadata o : applied) {
      ResourceRef ref =
          ResourceRef.of(
              o.getApiVersion(),
              o.getKind(),
              Objects.requireNonNullElse(o.getMetadata().getNamespace(), ""),
              o.getMetadata().getName());
      if (ref.isBuiltIn()) {
        refs.add(ref);
        byRef.put(ref, o);
      }
    }
    return new InformerRolloutVerifier(client, options).run(refs, byRef);
  }

  /**
   * Verifies every workload found in a multi-document manifest file (such as {@code helm template}
   * output).
   *
   * @throws IOException when the file cannot be read or parsed
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  public static RolloutReport verifyManifests(
      KubernetesClient client, Path manifests, RolloutOptions options)
      throws IOException, InterruptedException {
    return verify(client, ResourceRef.fromManifests(manifests), options);
  }
}
