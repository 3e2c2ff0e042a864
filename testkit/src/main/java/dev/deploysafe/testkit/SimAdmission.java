package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ResourceQuota admission check for pods created by simulated controllers, with the API
 * server's denial messages ({@code pods "x" is forbidden: exceeded quota: ...}).
 */
final class SimAdmission {
  private SimAdmission() {}

  /** Returns the denial message, or "" when the pod is admitted. */
  static String admit(Pod pod, World w) {
    String ns = pod.getMetadata().getNamespace();
    for (ResourceQuota q : w.quotas.values()) {
      if (!ns.equals(q.getMetadata().getNamespace())
          || q.getSpec() == null
          || q.getSpec().getHard() == null) {
        continue;
      }
      Map<String, Quantity> hard = q.getSpec().getHard();
      String name = pod.getMetadata().getName();
      List<String> missing = new ArrayList<>();
      for (String res : List.of("limits.cpu", "limits.memory", "requests.cpu", "requests.memory")) {
        if (!hard.containsKey(res)) {
          continue;
        }
        for (Container c : pod.getSpec().getContainers()) {
          if (value(c, res) < 0) {
            missing.add(res + " for: " + c.getName());
          }
        }
      }
      if (!missing.isEmpty()) {
        return "pods \""
            + name
            + "\" is forbidden: failed quota: "
            + q.getMetadata().getName()
            + ": must specify "
            + String.join("; ", missing);
      }
      List<String> requested = new ArrayList<>();
      List<String> used = new ArrayList<>();
      List<String> limited = new ArrayList<>();
      for (Map.Entry<String, Quantity> e : hard.entrySet()) {
        String res = e.getKey();
        boolean cpu = res.endsWith("cpu");
        long want = usage(pod, res);
        if (want < 0) {
          continue;
        }
        long inUse = 0;
        for (Pod other : w.pods.values()) {
          if (ns.equals(other.getMetadata().getNamespace()) && Kube.isActive(other)) {
            inUse += Math.max(0, usage(other, res));
          }
        }
        long limit = cpu ? Quantities.millicores(e.getValue()) : Quantities.bytes(e.getValue());
        if (inUse + want > limit) {
          requested.add(res + "=" + fmt(res, want));
          used.add(res + "=" + fmt(res, inUse));
          limited.add(res + "=" + e.getValue().toString());
        }
      }
      if (!requested.isEmpty()) {
        return "pods \""
            + name
            + "\" is forbidden: exceeded quota: "
            + q.getMetadata().getName()
            + ", requested: "
            + String.join(",", requested)
            + ", used: "
            + String.join(",", used)
            + ", limited: "
            + String.join(",", limited);
      }
    }
    return "";
  }

  private static String fmt(String res, long v) {
    if (res.equals("pods")) {
      return Long.toString(v);
    }
    return res.endsWith("cpu") ? Quantities.cpu(v) : Quantities.memory(v);
  }

  /** Returns the pod's use of a quota resource, or -1 when it does not apply. */
  private static long usage(Pod pod, String res) {
    if (res.equals("pods")) {
      return 1;
    }
    String r = res.startsWith("requests.") || res.startsWith("limits.") ? res : "requests." + res;
    long total = 0;
    for (Container c : pod.getSpec().getContainers()) {
      long v = value(c, r);
      total += Math.max(0, v);
    }
    return res.equals("cpu")
            || res.equals("memory")
            || r.startsWith("requests.")
            || r.startsWith("limits.")
        ? total
        : -1;
  }

  private static long value(Container c, String res) {
    boolean limits = res.startsWith("limits.");
    String key = res.substring(res.indexOf('.') + 1);
    var rr = c.getResources();
    Map<String, Quantity> m = rr == null ? Map.of() : limits ? rr.getLimits() : rr.getRequests();
    if (m == null) {
      m = Map.of();
    }
    Quantity q = m.get(key);
    if (q == null && !limits && rr != null && rr.getLimits() != null) {
      q = rr.getLimits().get(key);
    }
    if (q == null) {
      return -1;
    }
    return key.equals("cpu") ? Quantities.millicores(q) : Quantities.bytes(q);
  }
}
