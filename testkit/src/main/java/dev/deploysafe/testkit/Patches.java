package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patch formats the API server accepts: JSON merge patch (RFC 7386), JSON patch (RFC 6902),
 * strategic merge patch for built-in kinds, and the merge step of server-side apply.
 *
 * <p>Strategic merge uses a table of list merge keys taken from the Kubernetes API types' {@code
 * patchMergeKey}/{@code patchStrategy} tags (k8s.io/api core/v1 types.go) rather than the OpenAPI
 * schema; lists not in the table are replaced as a whole, which is also what the real server does
 * for lists without a merge strategy.
 */
final class Patches {

  private static final Map<String, String> MERGE_KEYS =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("env", "name"),
          Map.entry("volumes", "name"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("hostAliases", "ip"),
          Map.entry("conditions", "type"),
          Map.entry("ownerReferences", "uid"),
          Map.entry("topologySpreadConstraints", "topologyKey"),
          Map.entry("resourceClaims", "name"),
          Map.entry("readinessGates", "conditionType"),
          Map.entry("ports", "port"));

  private static final Set<String> CONTAINER_LISTS =
      Set.of("containers", "initContainers", "ephemeralContainers");

  private static final Set<String> PRIMITIVE_MERGE_LISTS = Set.of("finalizers");

  private Patches() {}

  /** Applies an RFC 7386 JSON merge patch. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out =
        target != null && target.isObject()
            ? (ObjectNode) target.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    patch
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                out.remove(e.getKey());
              } else {
                out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
              }
            });
    return out;
  }

  /** Applies an RFC 6902 JSON patch. */
  static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw ApiError.badRequest("a JSON patch must be an array of operations");
    }
    try {
      return io.fabric8.zjsonpatch.JsonPatch.apply(patch, target);
    } catch (RuntimeException e) {
      throw ApiError.plain(
          422, "Invalid", "the JSON patch could not be applied: " + e.getMessage());
    }
  }

  /**
   * Applies a strategic merge patch in place and returns the target. With {@code structural} false
   * (custom resources under server-side apply) every list is atomic.
   */
  static ObjectNode strategicMerge(ObjectNode target, ObjectNode patch, boolean structural) {
    mergeObject(target, patch, "", structural);
    return target;
  }

  private static void mergeObject(
      ObjectNode target, ObjectNode patch, String enclosingList, boolean structural) {
    JsonNode directive = patch.get("$patch");
    if (directive != null && "replace".equals(directive.asText())) {
      target.removeAll();
      target.setAll((ObjectNode) stripDirectives(patch));
      return;
    }
    List<String> retain = new ArrayList<>();
    patch.path("$retainKeys").forEach(k -> retain.add(k.asText()));
    Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (k.startsWith("$deleteFromPrimitiveList/")) {
        String field = k.substring("$deleteFromPrimitiveList/".length());
        JsonNode list = target.get(field);
        if (list instanceof ArrayNode arr) {
          for (int i = arr.size() - 1; i >= 0; i--) {
            for (JsonNode del : v) {
              if (arr.get(i).equals(del)) {
                arr.remove(i);
                break;
              }
            }
          }
        }
        continue;
      }
      if (k.startsWith("$")) {
        continue;
      }
      if (v.isNull()) {
        target.remove(k);
      } else if (v.isObject()) {
        JsonNode d = v.get("$patch");
        if (d != null && "delete".equals(d.asText())) {
          target.remove(k);
          continue;
        }
        JsonNode cur = target.get(k);
        if (cur instanceof ObjectNode co) {
          mergeObject(co, (ObjectNode) v, enclosingList, structural);
        } else {
          target.set(k, stripDirectives(v));
        }
      } else if (v.isArray()) {
        Optional<String> key = structural ? mergeKey(k, enclosingList) : Optional.empty();
        JsonNode cur = target.get(k);
        if (key.isPresent() && cur instanceof ArrayNode ca) {
          target.set(k, mergeList(ca, (ArrayNode) v, key.get(), k, structural));
        } else if (structural && PRIMITIVE_MERGE_LISTS.contains(k) && cur instanceof ArrayNode ca) {
          ArrayNode out = ca.deepCopy();
          for (JsonNode x : v) {
            if (!contains(out, x)) {
              out.add(x);
            }
          }
          target.set(k, out);
        } else {
          ArrayNode out = JsonNodeFactory.instance.arrayNode();
          for (JsonNode x : v) {
            if (x.isObject() && x.has("$patch")) {
              continue;
            }
            out.add(stripDirectives(x));
          }
          target.set(k, out);
        }
      } else {
        target.set(k, v.deepCopy());
      }
    }
    if (!retain.isEmpty()) {
      List<String> names = new ArrayList<>();
      target.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (!retain.contains(n)) {
          target.remove(n);
        }
      }
    }
  }

  private static ArrayNode mergeList(
      ArrayNode current, ArrayNode patch, String key, String field, boolean structural) {
    ArrayNode out = current.deepCopy();
    for (JsonNode p : patch) {
      if (!p.isObject()) {
        continue;
      }
      String d = p.path("$patch").asText("");
      if (d.equals("replace")) {
        ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
        for (JsonNode x : patch) {
          if (!x.has("$patch")) {
            replaced.add(stripDirectives(x));
          }
        }
        return replaced;
      }
      JsonNode k = p.get(key);
      int idx = indexOf(out, key, k);
      if (d.equals("delete")) {
        if (idx >= 0) {
          out.remove(idx);
        }
      } else if (idx >= 0) {
        mergeObject((ObjectNode) out.get(idx), (ObjectNode) p, field, structural);
      } else {
        out.add(stripDirectives(p));
      }
    }
    return out;
  }

  /**
   * Server-side apply without field ownership: fields this manager applied last time and no longer
   * applies are removed, then the new configuration is merged in.
   */
  static ObjectNode apply(
      ObjectNode live, Optional<ObjectNode> lastApplied, ObjectNode config, boolean structural) {
    ObjectNode out = live.deepCopy();
    lastApplied.ifPresent(last -> prune(out, last, config, "", structural));
    return strategicMerge(out, config, structural);
  }

  private static void prune(
      ObjectNode live, ObjectNode last, ObjectNode config, String enclosing, boolean structural) {
    Iterator<Map.Entry<String, JsonNode>> it = last.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode was = e.getValue();
      JsonNode now = config.get(k);
      JsonNode cur = live.get(k);
      if (now == null) {
        if (!(enclosing.isEmpty() && Set.of("apiVersion", "kind", "metadata").contains(k))) {
          live.remove(k);
        }
      } else if (was instanceof ObjectNode wo
          && now instanceof ObjectNode no
          && cur instanceof ObjectNode co) {
        prune(co, wo, no, enclosing, structural);
      } else if (was.isArray() && now.isArray() && cur instanceof ArrayNode ca) {
        Optional<String> key = structural ? mergeKey(k, enclosing) : Optional.empty();
        if (key.isPresent()) {
          for (JsonNode w : was) {
            JsonNode kv = w.get(key.get());
            int inNew = indexOf((ArrayNode) now, key.get(), kv);
            int inLive = indexOf(ca, key.get(), kv);
            if (inLive < 0) {
              continue;
            }
            if (inNew < 0) {
              ca.remove(inLive);
            } else if (w.isObject() && ca.get(inLive).isObject()) {
              prune(
                  (ObjectNode) ca.get(inLive),
                  (ObjectNode) w,
                  (ObjectNode) now.get(inNew),
                  k,
                  structural);
            }
          }
        }
      }
    }
  }

  static Optional<String> mergeKeyFor(String field, String enclosingList) {
    return mergeKey(field, enclosingList);
  }

  private static Optional<String> mergeKey(String field, String enclosingList) {
    if (field.equals("ports") && CONTAINER_LISTS.contains(enclosingList)) {
      return Optional.of("containerPort");
    }
    return Optional.ofNullable(MERGE_KEYS.get(field));
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    if (value == null) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      if (value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode x) {
    for (JsonNode y : list) {
      if (y.equals(x)) {
        return true;
      }
    }
    return false;
  }

  /** Copies a node without {@code $patch}, {@code $retainKeys} and similar directives. */
  static JsonNode stripDirectives(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      n.properties()
          .forEach(
              e -> {
                if (!e.getKey().startsWith("$")) {
                  out.set(e.getKey(), stripDirectives(e.getValue()));
                }
              });
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> out.add(stripDirectives(x)));
      return out;
    }
    return n.deepCopy();
  }
}
