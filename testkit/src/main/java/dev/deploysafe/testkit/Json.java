package dev.deploysafe.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** JSON helpers shared by the store and the HTTP layer. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ObjectNode parseObject(byte[] body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("invalid JSON body: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw ApiError.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) n;
  }

  static JsonNode parse(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null) {
        throw ApiError.badRequest("empty request body");
      }
      return n;
    } catch (IOException e) {
      throw ApiError.badRequest("invalid JSON body: " + e.getMessage());
    }
  }

  static ObjectNode parseYamlObject(byte[] body) {
    JsonNode n;
    try {
      n = YAML.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("invalid YAML body: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw ApiError.badRequest("the apply body must be a YAML or JSON object");
    }
    return (ObjectNode) n;
  }

  static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode meta(ObjectNode obj) {
    JsonNode m = obj.get("metadata");
    if (m instanceof ObjectNode) {
      return (ObjectNode) m;
    }
    return obj.putObject("metadata");
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** Follows a dotted path ({@code spec.nodeName}); missing parts give an empty string. */
  static String path(JsonNode n, String dotted) {
    JsonNode cur = n;
    for (String part : dotted.split("\\.", -1)) {
      if (cur == null || !cur.isObject()) {
        return "";
      }
      cur = cur.get(part);
    }
    return cur == null || cur.isNull() || cur.isContainerNode() ? "" : cur.asText();
  }

  static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
