package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class GracefulPodDeletionTest {

  private static Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .withTerminationGracePeriodSeconds(20L)
        .addNewContainer()
        .withName("c")
        .withImage("busybox:1")
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void scheduledPodStaysTerminatingUntilDeletedWithGraceZero() {
    try (EmbeddedApiServer server =
        EmbeddedApiServer.start(ApiServerOptions.defaults().withGracefulPodDeletion(true))) {
      var pods = server.client().pods().inNamespace("default");
      pods.resource(pod("p", "n1")).create();

      pods.withName("p").delete();
      Pod terminating = pods.withName("p").get();
      pods.withName("p").withGracePeriod(0).delete();

      assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(20L);
      assertThat(pods.withName("p").get()).isNull();
    }
  }

  @Test
  void unscheduledPodIsRemovedAtOnce() {
    try (EmbeddedApiServer server =
        EmbeddedApiServer.start(ApiServerOptions.defaults().withGracefulPodDeletion(true))) {
      var pods = server.client().pods().inNamespace("default");
      pods.resource(pod("p", null)).create();

      pods.withName("p").delete();

      assertThat(pods.withName("p").get()).isNull();
    }
  }

  @Test
  void podsAreRemovedAtOnceByDefault() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start()) {
      var pods = server.client().pods().inNamespace("default");
      pods.resource(pod("p", "n1")).create();

      pods.withName("p").delete();

      assertThat(pods.withName("p").get()).isNull();
    }
  }
}
