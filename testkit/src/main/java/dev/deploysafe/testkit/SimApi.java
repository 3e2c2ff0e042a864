package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The simulation's writes to the API server. Every write updates the current {@link World} and
 * marks it changed; a failed write (conflict, injected fault) is remembered and retried by the next
 * pass instead of failing the simulation. Not thread-safe.
 */
final class SimApi {
  private final KubernetesClient client;
  private final Runnable onFailure;
  private final Deque<String> failures = new ArrayDeque<>();
  private final Deque<String> writes = new ArrayDeque<>();
  long writeCount;
  private World world;
  private final java.util.Map<String, HasMetadata> lastStatus = new java.util.HashMap<>();
  private boolean statusSubresource = true;

  SimApi(KubernetesClient client, Runnable onFailure) {
    this.client = client;
    this.onFailure = onFailure;
  }

  void use(World w) {
    this.world = w;
  }

  KubernetesClient client() {
    return client;
  }

  List<String> recentFailures() {
    return List.copyOf(failures);
  }

  <T extends HasMetadata> boolean create(T obj) {
    try {
      T created = client.resource(obj).create();
      sync(obj, created);
      return true;
    } catch (KubernetesClientException e) {
      return failed("create", obj, e);
    }
  }

  /** Creates {@code obj} and returns the error message when the server refuses it. */
  <T extends HasMetadata> String tryCreate(T obj) {
    try {
      T created = client.resource(obj).create();
      sync(obj, created);
      return "";
    } catch (KubernetesClientException e) {
      failed("create", obj, e);
      String m =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return m == null ? "unknown error" : m;
    }
  }

  <T extends HasMetadata> boolean update(T obj) {
    try {
      T updated = client.resource(obj).update();
      sync(obj, updated);
      rememberStatus(obj);
      return true;
    } catch (KubernetesClientException e) {
      return failed("update", obj, e);
    }
  }

  <T extends HasMetadata> boolean updateStatus(T obj) {
    if (!statusSubresource) {
      return update(obj);
    }
    try {
      T updated = client.resource(obj).updateStatus();
      sync(obj, updated);
      rememberStatus(obj);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 405) {
        statusSubresource = false;
        return update(obj);
      }
      return failed("update status of", obj, e);
    }
  }

  boolean delete(HasMetadata obj) {
    try {
      client.resource(obj).delete();
      HasMetadata left = obj instanceof Pod ? client.resource(obj).get() : null;
      if (left == null) {
        world.remove(obj);
      } else {
        world.put(left); // graceful deletion: the pod is Terminating until its kubelet confirms
      }
      world.changed = true;
      return true;
    } catch (KubernetesClientException e) {
      return failed("delete", obj, e);
    }
  }

  /** Writes an object the controllers never read back (Events, metrics): no pass is re-run. */
  <T extends HasMetadata> java.util.Optional<T> quietCreateOrUpdate(T obj, boolean exists) {
    try {
      return java.util.Optional.of(
          exists ? client.resource(obj).update() : client.resource(obj).create());
    } catch (KubernetesClientException e) {
      remember("write", obj, e);
      return java.util.Optional.empty();
    }
  }

  /** Removes a pod at once (grace period 0), as the kubelet does once its containers stopped. */
  boolean forceDelete(HasMetadata obj) {
    try {
      client.resource(obj).withGracePeriod(0).delete();
      world.remove(obj);
      world.changed = true;
      return true;
    } catch (KubernetesClientException e) {
      return failed("delete", obj, e);
    }
  }

  boolean quietDelete(HasMetadata obj) {
    try {
      client.resource(obj).delete();
      return true;
    } catch (KubernetesClientException e) {
      remember("delete", obj, e);
      return false;
    }
  }

  private void rememberStatus(HasMetadata obj) {
    if (obj.getMetadata().getUid() != null) {
      lastStatus.put(obj.getMetadata().getUid(), Kube.copy(obj));
    }
  }

  /**
   * Puts back the status the simulation last wrote. Real API servers keep {@code .status} on a
   * plain update; a bare CRUD server replaces it with whatever the client sent, so a user's {@code
   * apply} would otherwise wipe conditions and revisions.
   */
  void restoreStatus(HasMetadata obj) {
    HasMetadata last =
        obj.getMetadata().getUid() == null ? null : lastStatus.get(obj.getMetadata().getUid());
    if (last == null) {
      return;
    }
    try {
      java.lang.reflect.Method get = last.getClass().getMethod("getStatus");
      Object status = get.invoke(last);
      if (status == null) {
        return;
      }
      java.lang.reflect.Method set = obj.getClass().getMethod("setStatus", status.getClass());
      set.invoke(obj, Kube.copy(status));
    } catch (ReflectiveOperationException e) {
      // kinds without a status: nothing to restore
    }
  }

  private <T extends HasMetadata> void sync(T obj, T result) {
    if (result != null && result.getMetadata() != null) {
      obj.getMetadata().setResourceVersion(result.getMetadata().getResourceVersion());
      obj.getMetadata().setUid(result.getMetadata().getUid());
      obj.getMetadata().setGeneration(result.getMetadata().getGeneration());
      obj.getMetadata().setCreationTimestamp(result.getMetadata().getCreationTimestamp());
    }
    world.put(obj);
    world.changed = true;
    writeCount++;
    writes.addLast(obj.getKind() + " " + World.key(obj));
    while (writes.size() > 10) {
      writes.removeFirst();
    }
  }

  List<String> recentWrites() {
    return List.copyOf(writes);
  }

  private boolean failed(String verb, HasMetadata obj, KubernetesClientException e) {
    remember(verb, obj, e);
    onFailure.run();
    return false;
  }

  private void remember(String verb, HasMetadata obj, KubernetesClientException e) {
    failures.addLast(
        verb
            + " "
            + obj.getKind()
            + " "
            + World.key(obj)
            + ": "
            + e.getCode()
            + " "
            + e.getMessage());
    while (failures.size() > 20) {
      failures.removeFirst();
    }
  }
}
