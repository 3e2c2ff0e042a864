package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@EnableTestCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassServerTest {

  private static EmbeddedApiServer shared;

  @BeforeAll
  static void start(EmbeddedApiServer server) {
    shared = server;
  }

  @Test
  @Order(1)
  void firstTestSeesTheClassServer(EmbeddedApiServer server) {
    server
        .client()
        .configMaps()
        .inNamespace("default")
        .resource(dev.deploysafe.testkit.testing.Objects.configMap("kept", "1"))
        .create();

    assertThat(server).isSameAs(shared);
  }

  @Test
  @Order(2)
  void laterTestSeesTheSameServerAndItsObjects(EmbeddedApiServer server) {
    assertThat(server).isSameAs(shared);
    assertThat(server.client().configMaps().inNamespace("default").withName("kept").get())
        .isNotNull();
  }
}
