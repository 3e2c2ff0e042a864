package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysafe.core.testing.Peers;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real Helm 4 binary against the embedded server. */
class HelmTest {

  @TempDir Path dir;
  private EmbeddedApiServer server;
  private Path kubeconfig;
  private Path chart;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedApiServer.start();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    chart = dir.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.yaml"), "image: nginx:1.25\n");
    Files.writeString(
        chart.resolve("templates/app.yaml"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-cfg
        data:
          image: {{ .Values.image | quote }}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          replicas: 1
          selector: {matchLabels: {app: demo}}
          template:
            metadata: {labels: {app: demo}}
            spec:
              containers:
              - name: app
                image: {{ .Values.image }}
        """);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void installCreatesResourcesAndAGzippedReleaseSecret() throws Exception {
    helm("install", "demo", chart.toString());

    Secret release =
        server
            .client()
            .secrets()
            .inNamespace("default")
            .withName("sh.helm.release.v1.demo.v1")
            .get();
    JsonNode decoded = decodeRelease(release);
    assertThat(release.getType()).isEqualTo("helm.sh/release.v1");
    assertThat(release.getMetadata().getLabels())
        .containsEntry("owner", "helm")
        .containsEntry("status", "deployed");
    assertThat(decoded.path("name").asText()).isEqualTo("demo");
    assertThat(server.client().apps().deployments().inNamespace("default").withName("demo").get())
        .isNotNull();
  }

  @Test
  void upgradeChangesTheDeploymentAndSupersedesRevisionOne() throws Exception {
    helm("install", "demo", chart.toString());

    helm("upgrade", "demo", chart.toString(), "--set", "image=nginx:1.26");

    var d = server.client().apps().deployments().inNamespace("default").withName("demo").get();
    var v1 =
        server
            .client()
            .secrets()
            .inNamespace("default")
            .withName("sh.helm.release.v1.demo.v1")
            .get();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.26");
    assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(v1.getMetadata().getLabels()).containsEntry("status", "superseded");
  }

  @Test
  void rollbackRestoresTheFirstRevision() throws Exception {
    helm("install", "demo", chart.toString());
    helm("upgrade", "demo", chart.toString(), "--set", "image=nginx:1.26");

    helm("rollback", "demo", "1");

    var d = server.client().apps().deployments().inNamespace("default").withName("demo").get();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.25");
    assertThat(helm("history", "demo")).contains("Rollback to 1");
  }

  @Test
  void listShowsTheDeployedRelease() throws Exception {
    helm("install", "demo", chart.toString());

    String out = helm("list");

    assertThat(out).containsPattern("demo\\s+default\\s+1\\s+.*deployed\\s+demo-0.1.0");
  }

  @Test
  void uninstallRemovesResourcesAndHistory() throws Exception {
    helm("install", "demo", chart.toString());

    helm("uninstall", "demo");

    assertThat(server.client().apps().deployments().inNamespace("default").withName("demo").get())
        .isNull();
    assertThat(
            server
                .client()
                .secrets()
                .inNamespace("default")
                .withLabel("owner", "helm")
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void installWithWaitFinishesOnceTheDeploymentReportsReady() throws Exception {
    Process helm = start("install", "demo", chart.toString(), "--wait", "--timeout", "60s");
    try {
      var deployments = server.client().apps().deployments().inNamespace("default");
      deployments.withName("demo").waitUntilCondition(d -> d != null, 60, TimeUnit.SECONDS);

      deployments
          .withName("demo")
          .editStatus(
              d -> {
                d.setStatus(
                    new DeploymentStatusBuilder()
                        .withObservedGeneration(d.getMetadata().getGeneration())
                        .withReplicas(1)
                        .withUpdatedReplicas(1)
                        .withReadyReplicas(1)
                        .withAvailableReplicas(1)
                        .withConditions(
                            new DeploymentConditionBuilder()
                                .withType("Available")
                                .withStatus("True")
                                .build(),
                            new DeploymentConditionBuilder()
                                .withType("Progressing")
                                .withStatus("True")
                                .withReason("NewReplicaSetAvailable")
                                .build())
                        .build());
                return d;
              });

      assertThat(helm.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String out = new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(helm.exitValue()).as(out).isZero();
      assertThat(out).contains("STATUS: deployed");
    } finally {
      helm.destroyForcibly();
    }
  }

  @Test
  void installsAChartWithACustomResourceDefinitionAndItsCustomResource() throws Exception {
    Path crdChart = dir.resolve("crd-chart");
    Files.createDirectories(crdChart.resolve("crds"));
    Files.createDirectories(crdChart.resolve("templates"));
    Files.writeString(
        crdChart.resolve("Chart.yaml"), "apiVersion: v2\nname: widgets\nversion: 0.1.0\n");
    Files.writeString(
        crdChart.resolve("crds/widget.yaml"),
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """);
    Files.writeString(
        crdChart.resolve("templates/widget.yaml"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n");

    helm("install", "widgets", crdChart.toString());

    var ctx =
        new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("example.com")
            .withVersion("v1")
            .withKind("Widget")
            .withPlural("widgets")
            .withNamespaced(true)
            .build();
    var widget =
        server.client().genericKubernetesResources(ctx).inNamespace("default").withName("w1").get();
    assertThat(widget).isNotNull();
    assertThat(widget.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "Helm");
  }

  private static JsonNode decodeRelease(Secret s) throws Exception {
    byte[] inner = Base64.getDecoder().decode(s.getData().get("release"));
    byte[] gz = Base64.getDecoder().decode(new String(inner, StandardCharsets.US_ASCII));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new ObjectMapper().readTree(in.readAllBytes());
    }
  }

  private Process start(String... args) throws Exception {
    return builder(args).start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Peers.helm().toString());
    cmd.addAll(List.of(args));
    cmd.add("--kubeconfig=" + kubeconfig);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("HELM_CACHE_HOME", dir.resolve("helm/cache").toString());
    pb.environment().put("HELM_CONFIG_HOME", dir.resolve("helm/config").toString());
    pb.environment().put("HELM_DATA_HOME", dir.resolve("helm/data").toString());
    pb.environment().remove("KUBECONFIG");
    return pb;
  }

  private String helm(String... args) throws Exception {
    ProcessBuilder pb = builder(args);
    Path out = Files.createTempFile(dir, "helm", ".txt");
    Process p = pb.redirectOutput(out.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("helm did not finish within 90s: " + List.of(args));
    }
    String text = Files.readString(out);
    if (p.exitValue() != 0) {
      throw new AssertionError("helm " + List.of(args) + " exited " + p.exitValue() + ": " + text);
    }
    return text;
  }
}
