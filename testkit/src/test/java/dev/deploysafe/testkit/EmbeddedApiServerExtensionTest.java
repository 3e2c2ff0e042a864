package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableTestCluster
class EmbeddedApiServerExtensionTest {

  private EmbeddedApiServer fromBeforeEach;

  @BeforeEach
  void capture(EmbeddedApiServer server) {
    fromBeforeEach = server;
  }

  @Test
  void injectsTheSameServerIntoLifecycleAndTestMethods(
      EmbeddedApiServer server, KubernetesClient client, Faults faults) {
    assertThat(server).isSameAs(fromBeforeEach);
    assertThat(client).isSameAs(server.client());
    assertThat(faults).isSameAs(server.faults());
    assertThat(client.getMasterUrl().toString()).startsWith(server.url());
  }

  @Test
  void eachTestGetsAFreshServer(KubernetesClient client) {
    client
        .configMaps()
        .inNamespace("default")
        .resource(dev.deploysafe.testkit.testing.Objects.configMap("only-here", "1"))
        .create();

    assertThat(client.configMaps().inNamespace("default").list().getItems()).hasSize(1);
  }

  @Test
  void eachTestGetsAFreshServerToo(KubernetesClient client) {
    assertThat(client.configMaps().inNamespace("default").list().getItems()).isEmpty();
  }
}
