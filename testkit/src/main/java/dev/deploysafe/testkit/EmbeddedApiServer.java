package dev.deploysafe.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Runs a Kubernetes API server on a free loopback port (stand-in: the fabric8 CRUD mock server).
 *
 * <p>STAND-IN: the integrator replaces this file with the testkit-server implementation, which
 * keeps exactly this public signature. No simulation logic lives here. Thread-safe.
 */
public final class EmbeddedApiServer implements AutoCloseable {
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<KubernetesClient> extraClients = new ArrayList<>();
  private final Faults faults = new Faults();

  private EmbeddedApiServer(KubernetesMockServer server) {
    this.server = server;
    this.client = newClientFor(server);
  }

  /** Starts a server on a free loopback port. */
  public static EmbeddedApiServer start() {
    QUIET.setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return new EmbeddedApiServer(server);
  }

  private static KubernetesClient newClientFor(KubernetesMockServer server) {
    Config config = server.createClient().getConfiguration();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Returns the shared client connected to this server. */
  public KubernetesClient client() {
    return client;
  }

  /** Returns a new client connected to this server; it is closed with the server. */
  public synchronized KubernetesClient newClient() {
    KubernetesClient c = newClientFor(server);
    extraClients.add(c);
    return c;
  }

  /** Returns the base URL of the server. */
  public String url() {
    String url = server.url("/");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Writes a kubeconfig that points at this server and returns the file. */
  public Path writeKubeconfig(Path file) throws IOException {
    String text =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: testkit\n  cluster:\n    server: "
            + url()
            + "\ncontexts:\n- name: testkit\n  context:\n    cluster: testkit\n    user: testkit\n"
            + "current-context: testkit\nusers:\n- name: testkit\n  user: {}\n";
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Returns the fault injection controls of this server. */
  public Faults faults() {
    return faults;
  }

  /** Stops the server and closes its clients. */
  @Override
  public synchronized void close() {
    extraClients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}
