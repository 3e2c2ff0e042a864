package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes {@code metrics.k8s.io/v1beta1} NodeMetrics and PodMetrics computed from the simulated
 * usage, the way metrics-server would (nodes whose kubelet is down are not reported). Objects are
 * stored through the API at the metrics paths; when metrics are disabled they are removed, like a
 * cluster without metrics-server. Only changed values are written. Not thread-safe.
 */
final class MetricsPublisher {
  private final Simulation sim;
  private final Map<String, String> published = new HashMap<>();
  private final Map<String, io.fabric8.kubernetes.api.model.HasMetadata> objects = new HashMap<>();

  MetricsPublisher(Simulation sim) {
    this.sim = sim;
  }

  void publish(World w) {
    if (w == null) {
      return;
    }
    Map<String, io.fabric8.kubernetes.api.model.HasMetadata> want = new LinkedHashMap<>();
    if (sim.model.metricsEnabled) {
      for (String node : w.nodes.keySet()) {
        if (sim.nodes.isDown(node)) {
          continue;
        }
        long[] u = sim.kubelet.usage(node, w.now);
        NodeMetrics m = new NodeMetrics();
        m.setMetadata(meta(node, null));
        m.setTimestamp(Kube.time(w.now));
        m.setWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(20)));
        Map<String, Quantity> usage = new LinkedHashMap<>();
        usage.put("cpu", new Quantity(Quantities.cpu(u[0] + 50)));
        usage.put("memory", new Quantity(Quantities.memory(u[1] + 512L * 1024 * 1024)));
        m.setUsage(usage);
        want.put("node/" + node, m);
      }
      for (Pod p : w.pods.values()) {
        if (p.getSpec().getNodeName() == null || sim.nodes.isDown(p.getSpec().getNodeName())) {
          continue;
        }
        var run = sim.kubelet.run(p.getMetadata().getUid());
        if (run.isEmpty()) {
          continue;
        }
        Map<String, long[]> usage = sim.kubelet.containerUsage(run.get(), w.now);
        if (usage.isEmpty()) {
          continue;
        }
        PodMetrics m = new PodMetrics();
        m.setMetadata(meta(p.getMetadata().getName(), p.getMetadata().getNamespace()));
        // metrics-server copies the pod's labels, so `kubectl top pods -l` works.
        m.getMetadata().setLabels(p.getMetadata().getLabels());
        m.setTimestamp(Kube.time(w.now));
        m.setWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(20)));
        List<ContainerMetrics> cs = new ArrayList<>();
        usage.forEach(
            (name, u) -> {
              ContainerMetrics c = new ContainerMetrics();
              c.setName(name);
              Map<String, Quantity> q = new LinkedHashMap<>();
              q.put("cpu", new Quantity(Quantities.cpu(u[0])));
              q.put("memory", new Quantity(Quantities.memory(u[1])));
              c.setUsage(q);
              cs.add(c);
            });
        m.setContainers(cs);
        want.put("pod/" + World.key(p), m);
      }
    }
    for (String key : new ArrayList<>(objects.keySet())) {
      if (!want.containsKey(key)) {
        sim.api.quietDelete(objects.remove(key));
        published.remove(key);
      }
    }
    for (Map.Entry<String, io.fabric8.kubernetes.api.model.HasMetadata> e : want.entrySet()) {
      String fingerprint = fingerprint(e.getValue());
      if (fingerprint.equals(published.get(e.getKey()))) {
        continue;
      }
      boolean exists = objects.containsKey(e.getKey());
      var old = objects.get(e.getKey());
      if (exists && old != null) {
        e.getValue().getMetadata().setResourceVersion(old.getMetadata().getResourceVersion());
      }
      var written = sim.api.quietCreateOrUpdate(e.getValue(), exists);
      if (written.isPresent()) {
        objects.put(e.getKey(), written.get());
        published.put(e.getKey(), fingerprint);
      }
    }
  }

  private static String fingerprint(io.fabric8.kubernetes.api.model.HasMetadata m) {
    if (m instanceof NodeMetrics n) {
      return Kube.canonicalJson(n.getUsage());
    }
    if (m.getMetadata().getLabels() != null) {
      return Kube.canonicalJson(((PodMetrics) m).getContainers())
          + Kube.canonicalJson(m.getMetadata().getLabels());
    }
    return Kube.canonicalJson(((PodMetrics) m).getContainers());
  }

  private static ObjectMeta meta(String name, String ns) {
    ObjectMeta m = new ObjectMeta();
    m.setName(name);
    m.setNamespace(ns);
    return m;
  }
}
