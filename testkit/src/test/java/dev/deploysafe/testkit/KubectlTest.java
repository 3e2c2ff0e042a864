package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Objects.configMap;
import static dev.deploysafe.testkit.testing.Objects.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysafe.testkit.testing.Kubectl;
import dev.deploysafe.testkit.testing.Lines;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real kubectl v1.35 binary against the embedded server. */
class KubectlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DEPLOYMENT_YAML =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: app
              image: nginx:1.25
              env: [{name: MODE, value: one}]
            - name: sidecar
              image: busybox:1.36
      """;

  @TempDir Path dir;
  private EmbeddedApiServer server;
  private Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedApiServer.start();
    kubectl = Kubectl.against(server, dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void getNamespacesPrintsTheDefaultNamespacesAsATable() throws Exception {
    String out = kubectl.run("get", "namespaces").ok();

    assertThat(out.lines().findFirst()).contains("NAME              STATUS   AGE");
    assertThat(out).contains("default").contains("kube-system").contains("Active");
  }

  @Test
  void getPodsAsJsonReturnsAList() throws Exception {
    server.client().pods().inNamespace("default").resource(pod("p1")).create();

    JsonNode list = JSON.readTree(kubectl.run("get", "pods", "-o", "json").ok());

    assertThat(list.path("kind").asText()).isEqualTo("List");
    assertThat(list.path("items").get(0).path("metadata").path("name").asText()).isEqualTo("p1");
  }

  @Test
  void getDeploymentsPrintsServerSideColumns() throws Exception {
    server
        .client()
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment("api", 3, "nginx:1"))
        .create();

    String out = kubectl.run("get", "deployments").ok();

    assertThat(out).contains("READY").contains("UP-TO-DATE").contains("AVAILABLE");
    assertThat(out).containsPattern("api\\s+0/3\\s+0\\s+0");
  }

  @Test
  void getDeploymentAsJsonShowsTheObject() throws Exception {
    server
        .client()
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment("api", 3, "nginx:1"))
        .create();

    JsonNode d = JSON.readTree(kubectl.run("get", "deployment", "api", "-o", "json").ok());

    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(d.path("metadata").path("generation").asInt()).isEqualTo(1);
  }

  @Test
  void getWatchPrintsObjectsCreatedThroughFabric8() throws Exception {
    Process watch = kubectl.start("get", "configmaps", "--watch");
    try {
      Lines lines = Lines.of(watch.getInputStream());

      server
          .client()
          .configMaps()
          .inNamespace("default")
          .resource(configMap("watched", "1"))
          .create();

      assertThat(lines.await(l -> l.contains("watched"), Duration.ofSeconds(30)))
          .startsWith("watched");
    } finally {
      watch.destroy();
      if (!watch.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        watch.destroyForcibly();
      }
    }
  }

  @Test
  void getWatchOnDeploymentsPrintsStatusChangesAsTableRows() throws Exception {
    var deployments = server.client().apps().deployments().inNamespace("default");
    deployments.resource(deployment("api", 2, "nginx:1")).create();
    Process watch = kubectl.start("get", "deployments", "--watch");
    try {
      Lines lines = Lines.of(watch.getInputStream());
      lines.await(l -> l.matches("api\\s+0/2.*"), Duration.ofSeconds(30));

      deployments
          .withName("api")
          .editStatus(
              d -> {
                d.setStatus(
                    new DeploymentStatusBuilder()
                        .withReplicas(2)
                        .withReadyReplicas(2)
                        .withUpdatedReplicas(2)
                        .withAvailableReplicas(2)
                        .build());
                return d;
              });

      assertThat(lines.await(l -> l.matches("api\\s+2/2.*"), Duration.ofSeconds(30)))
          .containsPattern("api\\s+2/2\\s+2\\s+2");
    } finally {
      watch.destroy();
      if (!watch.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        watch.destroyForcibly();
      }
    }
  }

  @Test
  void applyTwiceUsesStrategicMergeAndKeepsUntouchedContainers() throws Exception {
    kubectl.runWithInput(DEPLOYMENT_YAML, "apply", "-f", "-").ok();

    String changed =
        DEPLOYMENT_YAML.replace("nginx:1.25", "nginx:1.26").replace("value: one", "value: two");
    String out = kubectl.runWithInput(changed, "apply", "-f", "-").ok();

    Deployment d =
        server.client().apps().deployments().inNamespace("default").withName("web").get();
    assertThat(out).contains("deployment.apps/web configured");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("app=nginx:1.26", "sidecar=busybox:1.36");
    assertThat(
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).getValue())
        .isEqualTo("two");
    assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void applyRemovingAContainerDeletesItThroughThePatch() throws Exception {
    kubectl.runWithInput(DEPLOYMENT_YAML, "apply", "-f", "-").ok();
    String withoutSidecar =
        DEPLOYMENT_YAML.replace("      - name: sidecar\n        image: busybox:1.36\n", "");

    kubectl.runWithInput(withoutSidecar, "apply", "-f", "-").ok();

    Deployment d =
        server.client().apps().deployments().inNamespace("default").withName("web").get();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName())
        .containsExactly("app");
  }

  @Test
  void serverSideApplyCreatesAndUpdates() throws Exception {
    String first = kubectl.runWithInput(DEPLOYMENT_YAML, "apply", "--server-side", "-f", "-").ok();
    String second =
        kubectl
            .runWithInput(
                DEPLOYMENT_YAML.replace("replicas: 2", "replicas: 5"),
                "apply",
                "--server-side",
                "-f",
                "-")
            .ok();

    Deployment d =
        server.client().apps().deployments().inNamespace("default").withName("web").get();
    assertThat(first).contains("serverside-applied");
    assertThat(second).contains("serverside-applied");
    assertThat(d.getSpec().getReplicas()).isEqualTo(5);
    assertThat(d.getMetadata().getManagedFields())
        .extracting(m -> m.getManager())
        .contains("kubectl");
  }

  @Test
  void deleteRemovesTheObject() throws Exception {
    server.client().configMaps().inNamespace("default").resource(configMap("gone", "1")).create();

    String out = kubectl.run("delete", "configmap", "gone").ok();

    assertThat(out).contains("deleted");
    assertThat(server.client().configMaps().inNamespace("default").withName("gone").get()).isNull();
  }

  @Test
  void rolloutStatusCompletesWhenStatusReportsTheNewGeneration() throws Exception {
    kubectl.runWithInput(DEPLOYMENT_YAML, "apply", "-f", "-").ok();
    server
        .client()
        .apps()
        .deployments()
        .inNamespace("default")
        .withName("web")
        .editStatus(
            d -> {
              d.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(d.getMetadata().getGeneration())
                      .withReplicas(2)
                      .withUpdatedReplicas(2)
                      .withReadyReplicas(2)
                      .withAvailableReplicas(2)
                      .withConditions(
                          new DeploymentConditionBuilder()
                              .withType("Progressing")
                              .withStatus("True")
                              .withReason("NewReplicaSetAvailable")
                              .build())
                      .build());
              return d;
            });

    String out = kubectl.run("rollout", "status", "deployment/web", "--timeout=30s").ok();

    assertThat(out).contains("successfully rolled out");
  }

  @Test
  void rolloutStatusWaitsWhileReplicasAreNotUpdated() throws Exception {
    kubectl.runWithInput(DEPLOYMENT_YAML, "apply", "-f", "-").ok();

    Kubectl.Result r = kubectl.run("rollout", "status", "deployment/web", "--timeout=1s");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("Waiting for deployment");
  }

  @Test
  void createConfigMapSecretAndNamespaceSendProtobufThatTheServerDecodes() throws Exception {
    kubectl.run("create", "namespace", "team-a").ok();
    kubectl.run("create", "configmap", "cfg", "-n", "team-a", "--from-literal=mode=fast").ok();
    kubectl.run("create", "secret", "generic", "pw", "-n", "team-a", "--from-literal=k=v").ok();

    var client = server.client();
    assertThat(client.namespaces().withName("team-a").get().getStatus().getPhase())
        .isEqualTo("Active");
    assertThat(client.configMaps().inNamespace("team-a").withName("cfg").get().getData())
        .containsEntry("mode", "fast");
    assertThat(client.secrets().inNamespace("team-a").withName("pw").get().getData())
        .containsEntry("k", "dg==");
  }

  @Test
  void cordonAndDrainEvictPodsFromTheNode() throws Exception {
    var client = server.client();
    client
        .nodes()
        .resource(
            new io.fabric8.kubernetes.api.model.NodeBuilder()
                .withNewMetadata()
                .withName("n1")
                .endMetadata()
                .build())
        .create();
    var p = pod("on-n1");
    p.getSpec().setNodeName("n1");
    p.getMetadata()
        .setOwnerReferences(
            java.util.List.of(
                new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName("rs")
                    .withUid("rs-uid")
                    .withController(true)
                    .build()));
    client.pods().inNamespace("default").resource(p).create();

    kubectl.run("cordon", "n1").ok();
    String out = kubectl.run("drain", "n1", "--ignore-daemonsets", "--timeout=30s").ok();

    assertThat(out).contains("evicted").contains("drained");
    assertThat(client.nodes().withName("n1").get().getSpec().getUnschedulable()).isTrue();
    assertThat(client.pods().inNamespace("default").withName("on-n1").get()).isNull();
  }

  @Test
  void topPodsReadsRegisteredMetricsResources() throws Exception {
    server.register(ApiResource.namespaced("metrics.k8s.io", "v1beta1", "PodMetrics", "pods"));
    server.register(ApiResource.clusterScoped("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes"));
    server.client().pods().inNamespace("default").resource(pod("busy")).create();
    var metrics =
        dev.deploysafe.testkit.testing.Http.send(
            "POST",
            server.url() + "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods",
            "application/json",
            "{\"metadata\":{\"name\":\"busy\"},\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"window\":\"30s\",\"containers\":[{\"name\":\"c\","
                + "\"usage\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"}}]}");
    assertThat(metrics.statusCode()).isEqualTo(201);

    String out = kubectl.run("top", "pods").ok();

    assertThat(out).containsPattern("busy\\s+250m\\s+64Mi");
  }

  @Test
  void describeShowsEventsSelectedByInvolvedObject() throws Exception {
    var created = server.client().pods().inNamespace("default").resource(pod("ev")).create();
    server
        .client()
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withName("ev.1")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName("ev")
                .withNamespace("default")
                .withUid(created.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Warning")
                .withReason("BackOff")
                .withMessage("Back-off restarting failed container")
                .build())
        .create();

    String out = kubectl.run("describe", "pod", "ev").ok();

    assertThat(out).contains("BackOff").contains("Back-off restarting failed container");
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(String name) {
    return new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("busybox:1")
        .endContainer()
        .endSpec()
        .build();
  }
}
