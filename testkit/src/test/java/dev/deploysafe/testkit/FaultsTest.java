package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Objects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@EnableTestCluster
class FaultsTest {

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 503})
  void failNextAnswersMatchingCallsWithTheStatus(int status, EmbeddedApiServer server) {
    try (KubernetesClient noRetry = noRetryClient(server)) {
      server.faults().failNext(FaultTarget.of("list", "configmaps"), status, 1);

      assertThatThrownBy(() -> noRetry.configMaps().inNamespace("default").list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(status));
      assertThat(noRetry.configMaps().inNamespace("default").list().getItems()).isEmpty();
    }
  }

  @Test
  void failuresMatchOnlyTheTargetedName(EmbeddedApiServer server) {
    try (KubernetesClient noRetry = noRetryClient(server)) {
      var cms = noRetry.configMaps().inNamespace("default");
      cms.resource(configMap("a", "1")).create();
      cms.resource(configMap("b", "1")).create();
      server.faults().failNext(FaultTarget.of("get", "configmaps").withName("b"), 500, 5);

      assertThat(cms.withName("a").get()).isNotNull();
      assertThatThrownBy(() -> cms.withName("b").get())
          .isInstanceOf(KubernetesClientException.class);
    }
  }

  @Test
  void fabric8RetriesThroughTransient503s(EmbeddedApiServer server) {
    server.faults().failNext(FaultTarget.of("create", "configmaps"), 503, 2);

    ConfigMap created =
        server.client().configMaps().inNamespace("default").resource(configMap("r", "1")).create();

    assertThat(created.getMetadata().getName()).isEqualTo("r");
    assertThat(server.faults().injected()).filteredOn(l -> l.startsWith("status 503")).hasSize(2);
  }

  @Test
  void probabilisticFailuresRepeatForTheSameSeed(EmbeddedApiServer server) {
    List<Boolean> first = outcomes(server, 7);
    List<Boolean> second = outcomes(server, 7);

    assertThat(first).isEqualTo(second);
    assertThat(first).contains(true, false);
  }

  @Test
  void conflictOnNextUpdatesRejectsUpdatesWith409(EmbeddedApiServer server) {
    var cms = server.client().configMaps().inNamespace("default");
    cms.resource(configMap("c", "1")).create();
    server.faults().conflictOnNextUpdates(FaultTarget.any().withResource("configmaps"), 1);

    KubernetesClientException e = null;
    try {
      cms.withName("c")
          .edit(
              x -> {
                x.setData(Map.of("key", "2"));
                return x;
              });
    } catch (KubernetesClientException ex) {
      e = ex;
    }
    ConfigMap second =
        cms.withName("c")
            .edit(
                x -> {
                  x.setData(Map.of("key", "3"));
                  return x;
                });

    assertThat(e).isNotNull();
    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(second.getData()).containsEntry("key", "3");
  }

  @Test
  void latencyDelaysMatchingCallsAndIsLogged(EmbeddedApiServer server) {
    server.faults().addLatency(FaultTarget.of("list", "configmaps"), Duration.ofMillis(40));
    long start = System.nanoTime();

    server.client().configMaps().inNamespace("default").list();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(40));
    assertThat(server.faults().injected())
        .anyMatch(l -> l.startsWith("latency 40ms list configmaps"));
  }

  @Test
  void droppedWatchIsReopenedByFabric8AndKeepsDelivering(EmbeddedApiServer server)
      throws Exception {
    LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    var cms = server.client().configMaps().inNamespace("default");
    String rv = String.valueOf(server.resourceVersion());
    Watch w = cms.withResourceVersion(rv).watch(WatchTest.recorder(events));
    try {
      cms.resource(configMap("before", "1")).create();
      assertThat(WatchTest.next(events)).isEqualTo("ADDED before");

      int dropped = server.faults().dropWatches(FaultTarget.any().withResource("configmaps"));
      cms.resource(configMap("after", "1")).create();

      assertThat(dropped).isEqualTo(1);
      assertThat(WatchTest.next(events)).isEqualTo("ADDED after");
    } finally {
      w.close();
    }
  }

  @Test
  void resetRemovesRules(EmbeddedApiServer server) {
    server.faults().failNext(FaultTarget.any(), 500, 100);

    server.faults().reset();

    assertThat(server.client().configMaps().inNamespace("default").list().getItems()).isEmpty();
    assertThat(server.faults().injected()).isEmpty();
  }

  @Test
  void invalidStatusIsRejected(Faults faults) {
    assertThatThrownBy(() -> faults.failNext(FaultTarget.any(), 200, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200");
  }

  private static List<Boolean> outcomes(EmbeddedApiServer server, long seed) {
    server.faults().reset();
    server.faults().reseed(seed).failRandomly(FaultTarget.of("get", "namespaces"), 500, 0.5);
    List<Boolean> out = new ArrayList<>();
    try (KubernetesClient noRetry = noRetryClient(server)) {
      for (int i = 0; i < 20; i++) {
        try {
          noRetry.namespaces().withName("default").get();
          out.add(false);
        } catch (KubernetesClientException e) {
          out.add(true);
        }
      }
    }
    return out;
  }

  private static KubernetesClient noRetryClient(EmbeddedApiServer server) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(server.config()).withRequestRetryBackoffLimit(0).build())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }
}
