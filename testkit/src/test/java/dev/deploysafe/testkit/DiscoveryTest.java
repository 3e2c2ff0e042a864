package dev.deploysafe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysafe.testkit.testing.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableTestCluster
class DiscoveryTest {

  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void apiListsCoreVersionWithJsonContentType(EmbeddedApiServer server) throws Exception {
    var r = Http.get(server.url() + "/api", "");

    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(M.readTree(r.body()).path("kind").asText()).isEqualTo("APIVersions");
  }

  @Test
  void aggregatedDiscoveryRequestGetsLegacyDocumentMarkedPlainJson(EmbeddedApiServer server)
      throws Exception {
    var r =
        Http.get(
            server.url() + "/apis",
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
                + "application/json");

    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode groups = M.readTree(r.body());
    assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
    assertThat(groups.path("groups").findValuesAsText("name")).contains("apps", "batch");
  }

  @Test
  void resourceListDescribesVerbsScopeShortNamesAndSubresources(EmbeddedApiServer server)
      throws Exception {
    JsonNode list = M.readTree(Http.get(server.url() + "/apis/apps/v1", "").body());

    JsonNode deployments = find(list, "deployments");
    assertThat(deployments.path("kind").asText()).isEqualTo("Deployment");
    assertThat(deployments.path("namespaced").asBoolean()).isTrue();
    assertThat(deployments.path("shortNames").get(0).asText()).isEqualTo("deploy");
    assertThat(deployments.path("verbs").toString()).contains("watch", "patch");
    assertThat(find(list, "deployments/status").path("verbs").toString()).contains("update");
    assertThat(find(list, "deployments/scale").path("kind").asText()).isEqualTo("Scale");
  }

  @Test
  void protobufOnlyAcceptIsNotAcceptable(EmbeddedApiServer server) throws Exception {
    var r = Http.get(server.url() + "/api/v1/namespaces", "application/vnd.kubernetes.protobuf");

    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(M.readTree(r.body()).path("reason").asText()).isEqualTo("NotAcceptable");
  }

  @Test
  void protobufWithJsonFallbackIsAnsweredInJson(EmbeddedApiServer server) throws Exception {
    var r =
        Http.get(
            server.url() + "/api/v1/namespaces",
            "application/vnd.kubernetes.protobuf,application/json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void tableRequestGetsATable(EmbeddedApiServer server) throws Exception {
    var r =
        Http.get(
            server.url() + "/api/v1/namespaces",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

    JsonNode table = M.readTree(r.body());
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Status", "Age");
    assertThat(table.path("rows")).hasSize(4);
  }

  @Test
  void openApiV3DeclaresFieldValidationForEachKind(EmbeddedApiServer server) throws Exception {
    JsonNode root = M.readTree(Http.get(server.url() + "/openapi/v3", "").body());
    String url = root.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();

    JsonNode doc = M.readTree(Http.get(server.url() + url, "application/json").body());

    JsonNode patch =
        doc.path("paths")
            .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")
            .path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("Deployment");
    assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation");
  }

  @Test
  void unknownResourceIsNotFoundStatus(EmbeddedApiServer server) throws Exception {
    var r = Http.get(server.url() + "/apis/apps/v1/namespaces/default/widgets", "");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(M.readTree(r.body()).path("kind").asText()).isEqualTo("Status");
  }

  @Test
  void registeredResourceAppearsInDiscoveryAndServesObjects(EmbeddedApiServer server)
      throws Exception {
    server.register(ApiResource.namespaced("metrics.k8s.io", "v1beta1", "PodMetrics", "pods"));

    var created =
        Http.send(
            "POST",
            server.url() + "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods",
            "application/json",
            "{\"metadata\":{\"name\":\"p\"},\"containers\":[]}");
    JsonNode list = M.readTree(Http.get(server.url() + "/apis/metrics.k8s.io/v1beta1", "").body());

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(list.path("resources").findValuesAsText("kind")).containsExactly("PodMetrics");
  }

  @Test
  void unsupportedPatchContentTypeIs415(EmbeddedApiServer server) throws Exception {
    var r =
        Http.send(
            "PATCH", server.url() + "/api/v1/namespaces/default", "application/x-unknown", "{}");

    assertThat(r.statusCode()).isEqualTo(415);
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no resource " + name + " in " + List.of(list.toString()));
  }
}
