package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal OpenAPI v3 surface: the root index and one document per group version listing each
 * resource's PATCH operation with its group-version-kind and the {@code fieldValidation} query
 * parameter. That is what kubectl's query-param verifier looks for before it trusts the server to
 * validate fields (so {@code kubectl apply} skips client-side schema validation). Schemas are empty
 * and the strategic-merge content type is not declared, so kubectl computes strategic merge patches
 * from its compiled-in types, exactly as it does for servers without OpenAPI.
 */
final class OpenApi {
  private OpenApi() {}

  static ObjectNode root(Map<String, List<ApiResource>> gvs) {
    ObjectNode root = Json.object();
    ObjectNode paths = root.putObject("paths");
    for (Map.Entry<String, List<ApiResource>> e : gvs.entrySet()) {
      String path = gvPath(e.getKey());
      String hash = Integer.toHexString(doc(e.getKey(), e.getValue()).hashCode()).toUpperCase();
      paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash);
    }
    return root;
  }

  static Optional<ObjectNode> document(String gvPath, Map<String, List<ApiResource>> gvs) {
    for (Map.Entry<String, List<ApiResource>> e : gvs.entrySet()) {
      if (gvPath(e.getKey()).equals(gvPath)) {
        return Optional.of(doc(e.getKey(), e.getValue()));
      }
    }
    return Optional.empty();
  }

  private static String gvPath(String gv) {
    return gv.startsWith("/") ? "api" + gv : "apis/" + gv;
  }

  private static ObjectNode doc(String gv, List<ApiResource> types) {
    ObjectNode d = Json.object();
    d.put("openapi", "3.0.0");
    ObjectNode info = d.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.35.0");
    ObjectNode paths = d.putObject("paths");
    for (ApiResource t : types) {
      String base = "/" + gvPath(gv) + (t.namespaced() ? "/namespaces/{namespace}/" : "/");
      ObjectNode patch = paths.putObject(base + t.plural() + "/{name}").putObject("patch");
      ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
      gvk.put("group", t.group());
      gvk.put("version", t.version());
      gvk.put("kind", t.kind());
      ArrayNode params = patch.putArray("parameters");
      for (String p : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
        ObjectNode param = params.addObject();
        param.put("name", p);
        param.put("in", "query");
        param.putObject("schema").put("type", p.equals("force") ? "boolean" : "string");
      }
      ObjectNode content = patch.putObject("requestBody").putObject("content");
      for (String ct :
          List.of(
              "application/json-patch+json",
              "application/merge-patch+json",
              "application/apply-patch+yaml")) {
        content.putObject(ct).putObject("schema");
      }
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    d.putObject("components").putObject("schemas");
    return d;
  }
}
