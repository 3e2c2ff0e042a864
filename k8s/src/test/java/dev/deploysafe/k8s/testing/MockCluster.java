package dev.deploysafe.k8s.testing;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fabric8 mock API server in CRUD mode behind a dispatcher that injects faults: latency,
 * 500/429 on a share of requests, 403 on chosen paths, 410 Gone or dropped watches. Until the
 * testkit lands, tests drive object and pod status themselves.
 */
public final class MockCluster implements AutoCloseable {

  /** One injected fault: requests whose path contains {@code pathPart} answer {@code code}. */
  public record Fault(String method, String pathPart, boolean watchOnly, int code, int times) {}

  private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<AtomicInteger> used = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final java.util.Map<String, String> logs = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int latencyMillis;
  private volatile double errorRate;
  private final Random random;
  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;

  public MockCluster() {
    this(0);
  }

  public MockCluster(long seed) {
    random = new Random(seed);
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new FaultyDispatcher(), false);
    server.init();
    io.fabric8.kubernetes.client.Config base;
    try (NamespacedKubernetesClient probe = server.createClient()) {
      base = probe.getConfiguration();
    }
    // Fast reconnects and retries so fault-injected runs take milliseconds of real time.
    client =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(base)
                    .withWatchReconnectInterval(20)
                    .withRequestRetryBackoffInterval(10)
                    .withRequestRetryBackoffLimit(1)
                    .build())
            .build()
            .adapt(NamespacedKubernetesClient.class);
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  /** Adds latency to every request. */
  public MockCluster latency(int millis) {
    latencyMillis = millis;
    return this;
  }

  /** Fails this share of non-watch requests with 500 or 429 (seeded). */
  public MockCluster errorRate(double rate) {
    errorRate = rate;
    return this;
  }

  /** Answers {@code code} to matching requests {@code times} times (-1: always). */
  public MockCluster fault(String method, String pathPart, boolean watchOnly, int code, int times) {
    faults.add(new Fault(method, pathPart, watchOnly, code, times));
    used.add(new AtomicInteger());
    return this;
  }

  /** Serves {@code text} as the log of {@code pod} (any container, previous or not). */
  public MockCluster log(String pod, String text) {
    logs.put(pod, text);
    return this;
  }

  /** Returns the request lines seen so far (method and path). */
  public List<String> requests() {
    return new ArrayList<>(requests);
  }

  /** Counts requests whose line contains all parts. */
  public long count(String... parts) {
    return requests().stream()
        .filter(
            r -> {
              for (String p : parts) {
                if (!r.contains(p)) {
                  return false;
                }
              }
              return true;
            })
        .count();
  }

  @Override
  public void close() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // The JDK HTTP client can keep a watch socket open for a moment after close (a reconnect
      // racing the informer's stop); the mock server then gives up waiting. Not a test failure.
      if (!String.valueOf(e.getMessage()).contains("Unable to close")) {
        throw e;
      }
    }
  }

  private final class FaultyDispatcher extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      requests.add(request.getMethod() + " " + path);
      boolean watch = path.contains("watch=true");
      if (latencyMillis > 0) {
        try {
          Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      for (java.util.Map.Entry<String, String> e : logs.entrySet()) {
        if (path.contains("/pods/" + e.getKey() + "/log")) {
          return new MockResponse().setResponseCode(200).setBody(e.getValue());
        }
      }
      for (int i = 0; i < faults.size(); i++) {
        Fault f = faults.get(i);
        if ((f.method().isEmpty() || f.method().equals(request.getMethod()))
            && path.contains(f.pathPart())
            && (!f.watchOnly() || watch)
            && (f.times() < 0 || used.get(i).getAndIncrement() < f.times())) {
          return status(f.code());
        }
      }
      if (!watch && "GET".equals(request.getMethod()) && errorRate > 0) {
        double r;
        synchronized (random) {
          r = random.nextDouble();
        }
        if (r < errorRate) {
          return status(r < errorRate / 2 ? 500 : 429);
        }
      }
      return crud.dispatch(request);
    }
  }

  private static MockResponse status(int code) {
    String reason =
        switch (code) {
          case 403 -> "Forbidden";
          case 410 -> "Expired";
          case 429 -> "TooManyRequests";
          default -> "InternalError";
        };
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":"
                + code
                + ",\"reason\":\""
                + reason
                + "\",\"message\":\"injected "
                + code
                + "\"}");
  }
}
