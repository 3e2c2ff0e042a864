package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysafe.core.testing.Peers;
import io.fabric8.kubernetes.api.model.Secret;
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

  private static JsonNode decodeRelease(Secret s) throws Exception {
    byte[] inner = Base64.getDecoder().decode(s.getData().get("release"));
    byte[] gz = Base64.getDecoder().decode(new String(inner, StandardCharsets.US_ASCII));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new ObjectMapper().readTree(in.readAllBytes());
    }
  }

  private String helm(String... args) throws Exception {
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
