package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes API server on a free loopback port (plain HTTP) that fabric8, kubectl v1.35 and Helm
 * 4 can talk to: discovery, CRUD with status and scale subresources, streaming watches,
 * JSON/merge/strategic-merge patches, server-side apply, Table output, selectors and fault
 * injection. Objects live in memory and vanish on {@link #close()}.
 *
 * <pre>{@code
 * try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
 *   api.client().configMaps().inNamespace("default").resource(cm).create();
 *   api.writeKubeconfig(dir.resolve("kubeconfig"));   // for kubectl / helm
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  static {
    // The JDK HttpServer writes headers and body separately; without TCP_NODELAY every call
    // waits ~40 ms for a delayed ACK (measured: 45 ms -> 2-3 ms a call). The property is read
    // when the JDK's server implementation class initialises, so set it before the first use.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer http;
  private final ExecutorService pool;
  private final ObjectStore store;
  private final ApiHandler handler;
  private final Faults faults;
  private final String url;
  private volatile @Nullable KubernetesClient shared;
  private volatile boolean closed;

  private EmbeddedApiServer(ApiServerOptions options) throws IOException {
    this.store =
        new ObjectStore(options.clock(), options.watchHistory(), options.gracefulPodDeletion());
    this.faults = new Faults(() -> store);
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    int port = http.getAddress().getPort();
    this.url = "http://127.0.0.1:" + port;
    this.handler = new ApiHandler(store, faults, "127.0.0.1:" + port);
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "testkit-apiserver-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    http.createContext("/", handler);
    http.setExecutor(pool);
    http.start();
  }

  /** Starts a server with {@link ApiServerOptions#defaults()}. */
  public static EmbeddedApiServer start() {
    return start(ApiServerOptions.defaults());
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @throws UncheckedIOException when no port can be bound
   */
  public static EmbeddedApiServer start(ApiServerOptions options) {
    requireNonNull(options, "options");
    try {
      return new EmbeddedApiServer(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the embedded API server", e);
    }
  }

  /** Returns a shared fabric8 client connected to this server; the server closes it. */
  public KubernetesClient client() {
    KubernetesClient c = shared;
    if (c == null) {
      synchronized (this) {
        if (shared == null) {
          shared = newClient();
        }
        c = shared;
      }
    }
    return c;
  }

  /**
   * Returns a new fabric8 client (JDK HTTP client) connected to this server; the caller closes it.
   */
  public KubernetesClient newClient() {
    checkOpen();
    return new KubernetesClientBuilder()
        .withConfig(config())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** Returns a fabric8 client configuration for this server, independent of ~/.kube/config. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withRequestRetryBackoffInterval(10)
        .build();
  }

  /** Returns the base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return url;
  }

  /**
   * Writes a kubeconfig (context {@code testkit}, namespace {@code default}) that fabric8, kubectl
   * and Helm can use, creating parent directories, and returns {@code file}.
   *
   * @throws IOException when the file cannot be written
   */
  public Path writeKubeconfig(Path file) throws IOException {
    requireNonNull(file, "file");
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: testkit",
            "  cluster:",
            "    server: " + url,
            "contexts:",
            "- name: testkit",
            "  context:",
            "    cluster: testkit",
            "    user: testkit",
            "    namespace: default",
            "current-context: testkit",
            "users:",
            "- name: testkit",
            "  user: {}",
            "");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** Returns the fault injector of this server. */
  public Faults faults() {
    return faults;
  }

  /**
   * Serves one more resource type (for example {@code metrics.k8s.io/v1beta1 PodMetrics}). Creating
   * a CustomResourceDefinition registers its served versions the same way.
   */
  public void register(ApiResource type) {
    requireNonNull(type, "type");
    store.register(type, true);
  }

  /**
   * Returns the last (at most 1000) resource calls this server answered, oldest first, one line
   * each such as {@code "list configmaps ns=default"} or {@code "update deployments/status
   * ns=default name=web"} (discovery and OpenAPI requests are not listed).
   */
  public List<String> recentCalls() {
    return handler.recentCalls();
  }

  /** Returns the current global resourceVersion (the last change's number). */
  public long resourceVersion() {
    return store.resourceVersion();
  }

  /** Stops the server: open watches end, the shared client closes, objects are dropped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    handler.stop();
    for (WatchChannel w : store.openWatches()) {
      w.close();
    }
    KubernetesClient c = shared;
    if (c != null) {
      c.close();
    }
    http.stop(0);
    pool.shutdownNow();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the embedded API server at " + url + " is closed");
    }
  }

  @Override
  public String toString() {
    return "EmbeddedApiServer[" + url + (closed ? ", closed" : "") + "]";
  }
}
