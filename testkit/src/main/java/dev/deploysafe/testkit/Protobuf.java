package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the Kubernetes protobuf request bodies that clients send without a JSON fallback: kubectl
 * {@code create configmap|secret|namespace} and Helm's release storage (Secrets, or ConfigMaps with
 * the configmap driver). client-go encodes built-in types as protobuf and does not retry with JSON
 * after a 415, so these few kinds are decoded here; other kinds still get 415.
 *
 * <p>Field numbers follow k8s.io/api core/v1 and k8s.io/apimachinery meta/v1 {@code
 * generated.proto}. Responses are always JSON, which those clients accept.
 */
final class Protobuf {

  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

  private Protobuf() {}

  /** One decoded field: its number, wire type and either a varint or bytes. */
  private record Field(int number, int wireType, long varint, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Decodes a body for {@code t}, or empty when this kind is not supported. */
  static Optional<ObjectNode> decode(ApiResource t, byte[] body) {
    byte[] raw = unwrap(body);
    if (!t.group().isEmpty()) {
      return Optional.empty();
    }
    ObjectNode o = Json.object();
    o.put("apiVersion", t.apiVersion());
    o.put("kind", t.kind());
    switch (t.kind()) {
      case "Secret" -> {
        for (Field f : fields(raw)) {
          switch (f.number()) {
            case 1 -> o.set("metadata", objectMeta(f.bytes()));
            case 2 -> mapEntry(o, "data", f.bytes(), true);
            case 3 -> o.put("type", f.text());
            case 4 -> mapEntry(o, "stringData", f.bytes(), false);
            case 5 -> o.put("immutable", f.varint() != 0);
            default -> {}
          }
        }
      }
      case "ConfigMap" -> {
        for (Field f : fields(raw)) {
          switch (f.number()) {
            case 1 -> o.set("metadata", objectMeta(f.bytes()));
            case 2 -> mapEntry(o, "data", f.bytes(), false);
            case 3 -> mapEntry(o, "binaryData", f.bytes(), true);
            case 4 -> o.put("immutable", f.varint() != 0);
            default -> {}
          }
        }
      }
      case "Namespace" -> {
        for (Field f : fields(raw)) {
          if (f.number() == 1) {
            o.set("metadata", objectMeta(f.bytes()));
          } else if (f.number() == 2) {
            ArrayNode fin = o.putObject("spec").putArray("finalizers");
            for (Field s : fields(f.bytes())) {
              if (s.number() == 1) {
                fin.add(s.text());
              }
            }
          }
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(o);
  }

  /** Reads {@code propagationPolicy} (field 4) from a protobuf DeleteOptions body. */
  static Optional<String> propagationPolicy(byte[] body) {
    for (Field f : fields(unwrap(body))) {
      if (f.number() == 4 && f.wireType() == 2) {
        return Optional.of(f.text());
      }
    }
    return Optional.empty();
  }

  private static byte[] unwrap(byte[] body) {
    if (body.length < 4 || !Arrays.equals(Arrays.copyOf(body, 4), MAGIC)) {
      throw ApiError.badRequest("protobuf body without the k8s envelope");
    }
    // runtime.Unknown: typeMeta = 1, raw = 2, contentEncoding = 3, contentType = 4
    for (Field f : fields(Arrays.copyOfRange(body, 4, body.length))) {
      if (f.number() == 2 && f.wireType() == 2) {
        return f.bytes();
      }
    }
    return new byte[0];
  }

  private static ObjectNode objectMeta(byte[] b) {
    ObjectNode m = Json.object();
    for (Field f : fields(b)) {
      switch (f.number()) {
        case 1 -> m.put("name", f.text());
        case 2 -> m.put("generateName", f.text());
        case 3 -> m.put("namespace", f.text());
        case 5 -> m.put("uid", f.text());
        case 6 -> m.put("resourceVersion", f.text());
        case 7 -> m.put("generation", f.varint());
        case 8 -> m.put("creationTimestamp", time(f.bytes()));
        case 9 -> m.put("deletionTimestamp", time(f.bytes()));
        case 10 -> m.put("deletionGracePeriodSeconds", f.varint());
        case 11 -> mapEntry(m, "labels", f.bytes(), false);
        case 12 -> mapEntry(m, "annotations", f.bytes(), false);
        case 13 -> ownerReference(m, f.bytes());
        case 14 -> array(m, "finalizers").add(f.text());
        default -> {}
      }
    }
    // empty strings are the protobuf zero value and mean "unset"
    List<String> empty = new ArrayList<>();
    m.properties()
        .forEach(
            e -> {
              if (e.getValue().isTextual() && e.getValue().asText().isEmpty()) {
                empty.add(e.getKey());
              }
            });
    empty.forEach(m::remove);
    return m;
  }

  private static void ownerReference(ObjectNode meta, byte[] b) {
    ObjectNode ref = array(meta, "ownerReferences").addObject();
    for (Field f : fields(b)) {
      switch (f.number()) {
        case 1 -> ref.put("kind", f.text());
        case 3 -> ref.put("name", f.text());
        case 4 -> ref.put("uid", f.text());
        case 5 -> ref.put("apiVersion", f.text());
        case 6 -> ref.put("controller", f.varint() != 0);
        case 7 -> ref.put("blockOwnerDeletion", f.varint() != 0);
        default -> {}
      }
    }
  }

  private static String time(byte[] b) {
    long seconds = 0;
    for (Field f : fields(b)) {
      if (f.number() == 1) {
        seconds = f.varint();
      }
    }
    return Json.timestamp(Instant.ofEpochSecond(seconds));
  }

  private static void mapEntry(ObjectNode parent, String field, byte[] entry, boolean bytesValue) {
    String key = "";
    byte[] value = new byte[0];
    for (Field f : fields(entry)) {
      if (f.number() == 1) {
        key = f.text();
      } else if (f.number() == 2) {
        value = f.bytes();
      }
    }
    ObjectNode map =
        parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
    map.put(
        key,
        bytesValue
            ? Base64.getEncoder().encodeToString(value)
            : new String(value, StandardCharsets.UTF_8));
  }

  private static ArrayNode array(ObjectNode parent, String field) {
    return parent.get(field) instanceof ArrayNode existing ? existing : parent.putArray(field);
  }

  private static List<Field> fields(byte[] b) {
    List<Field> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < b.length) {
      long tag = varint(b, pos);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> out.add(new Field(number, wire, varint(b, pos), new byte[0]));
        case 1 -> pos[0] += 8;
        case 2 -> {
          int len = (int) varint(b, pos);
          if (len < 0 || pos[0] + len > b.length) {
            throw ApiError.badRequest("truncated protobuf body");
          }
          out.add(new Field(number, wire, 0, Arrays.copyOfRange(b, pos[0], pos[0] + len)));
          pos[0] += len;
        }
        case 5 -> pos[0] += 4;
        default -> throw ApiError.badRequest("unsupported protobuf wire type " + wire);
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long result = 0;
    int shift = 0;
    while (true) {
      if (pos[0] >= b.length || shift > 63) {
        throw ApiError.badRequest("truncated protobuf varint");
      }
      byte x = b[pos[0]++];
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }
}
