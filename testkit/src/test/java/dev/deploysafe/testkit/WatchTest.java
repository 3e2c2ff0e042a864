package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Objects.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.testkit.testing.Lines;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableTestCluster
class WatchTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void httpWatchStreamsJsonLinesWithTypeAndObject(EmbeddedApiServer server) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/v1/namespaces/default/configmaps?watch=true"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    Lines lines = Lines.of(response.body());

    server.client().configMaps().inNamespace("default").resource(configMap("w1", "1")).create();

    String line = lines.await(l -> l.contains("\"w1\""), WAIT);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(line).startsWith("{\"type\":\"ADDED\",\"object\":{");
    response.body().close();
  }

  @Test
  void watchFromResourceVersionReplaysLaterChangesOnly(EmbeddedApiServer server) throws Exception {
    var cms = server.client().configMaps().inNamespace("default");
    cms.resource(configMap("before", "1")).create();
    String rv = String.valueOf(server.resourceVersion());
    cms.resource(configMap("after", "1")).create();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url()
                            + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion="
                            + rv))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    String first = Lines.of(response.body()).await(l -> true, WAIT);

    assertThat(first).contains("\"after\"").doesNotContain("\"before\"");
    response.body().close();
  }

  @Test
  void fabric8WatchReceivesAddModifyDelete(EmbeddedApiServer server) throws Exception {
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    var cms = server.client().configMaps().inNamespace("default");
    String rv = String.valueOf(server.resourceVersion());
    Watch w = cms.withResourceVersion(rv).watch(recorder(events));
    try {
      cms.resource(configMap("f1", "1")).create();
      cms.withName("f1")
          .edit(
              c -> {
                c.setData(Map.of("key", "2"));
                return c;
              });
      cms.withName("f1").delete();

      assertThat(next(events)).isEqualTo("ADDED f1");
      assertThat(next(events)).isEqualTo("MODIFIED f1");
      assertThat(next(events)).isEqualTo("DELETED f1");
    } finally {
      w.close();
    }
  }

  @Test
  void fabric8DefaultHttpClientWatchWorksToo(EmbeddedApiServer server) throws Exception {
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (KubernetesClient vertx =
        new KubernetesClientBuilder().withConfig(server.config()).build()) {
      Watch w = vertx.configMaps().inNamespace("default").watch(recorder(events));
      server.client().configMaps().inNamespace("default").resource(configMap("v1", "1")).create();

      assertThat(next(events)).isEqualTo("ADDED v1");
      w.close();
    }
  }

  @Test
  void labelChangeOutOfSelectorIsSeenAsDeleted(KubernetesClient client) throws Exception {
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    var cms = client.configMaps().inNamespace("default");
    cms.resource(configMap("sel", "1")).create();
    Watch w = cms.withLabel("app", "demo").watch(recorder(events));
    try {
      assertThat(next(events)).isEqualTo("ADDED sel");
      cms.withName("sel")
          .edit(
              c -> {
                c.getMetadata().setLabels(Map.of("app", "gone"));
                return c;
              });

      assertThat(next(events)).isEqualTo("DELETED sel");
    } finally {
      w.close();
    }
  }

  @Test
  void informerListsThenWatches(KubernetesClient client) throws Exception {
    var cms = client.configMaps().inNamespace("default");
    cms.resource(configMap("pre", "1")).create();
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    SharedIndexInformer<ConfigMap> inf = cms.inform(handler(events));
    try {
      assertThat(next(events)).isEqualTo("add pre");
      cms.resource(configMap("post", "1")).create();

      assertThat(next(events)).isEqualTo("add post");
      assertThat(inf.getStore().list()).hasSize(2);
    } finally {
      inf.close();
    }
  }

  @Test
  void informerRelistsAfter410GoneAndKeepsReceivingEvents(EmbeddedApiServer server)
      throws Exception {
    var cms = server.client().configMaps().inNamespace("default");
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    SharedIndexInformer<ConfigMap> inf = cms.inform(handler(events));
    try {
      cms.resource(configMap("one", "1")).create();
      assertThat(next(events)).isEqualTo("add one");

      server.faults().goneOnNextWatches(FaultTarget.of("watch", "configmaps"), 1);
      server.faults().dropWatches();
      cms.resource(configMap("two", "1")).create();

      assertThat(next(events)).isEqualTo("add two");
      assertThat(server.faults().injected()).anyMatch(l -> l.startsWith("gone watch configmaps"));
    } finally {
      inf.close();
    }
  }

  @Test
  void watchResumingFromCompactedVersionGets410Event(EmbeddedApiServer server) throws Exception {
    String old = String.valueOf(server.resourceVersion());
    server.client().configMaps().inNamespace("default").resource(configMap("c", "1")).create();
    server.faults().expireResourceVersions();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url()
                            + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion="
                            + old))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    String line = Lines.of(response.body()).await(l -> true, WAIT);

    assertThat(line).contains("\"type\":\"ERROR\"").contains("\"code\":410").contains("Expired");
  }

  @Test
  void sendInitialEventsEndsWithBookmark(EmbeddedApiServer server) throws Exception {
    server.client().configMaps().inNamespace("default").resource(configMap("i", "1")).create();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url()
                            + "/api/v1/namespaces/default/configmaps?watch=true"
                            + "&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                            + "&allowWatchBookmarks=true"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    Lines lines = Lines.of(response.body());

    assertThat(lines.await(l -> true, WAIT)).contains("ADDED");
    assertThat(lines.await(l -> true, WAIT))
        .contains("BOOKMARK")
        .contains("k8s.io/initial-events-end");
    response.body().close();
  }

  static String next(LinkedBlockingQueue<String> q) throws InterruptedException {
    String s = q.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no event within " + WAIT);
    }
    return s;
  }

  static Watcher<ConfigMap> recorder(LinkedBlockingQueue<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
        events.add("CLOSED " + cause.getMessage());
      }
    };
  }

  static ResourceEventHandler<ConfigMap> handler(LinkedBlockingQueue<String> events) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap obj) {
        events.add("add " + obj.getMetadata().getName());
      }

      @Override
      public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
        events.add("update " + newObj.getMetadata().getName());
      }

      @Override
      public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
        events.add("delete " + obj.getMetadata().getName());
      }
    };
  }
}
