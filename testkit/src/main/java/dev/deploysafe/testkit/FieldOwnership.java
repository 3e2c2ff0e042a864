package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Field ownership between server-side apply managers, derived from each manager's last applied
 * configuration: the leaf fields a configuration sets, with keyed list elements addressed the way
 * the real conflict messages print them ({@code .spec.template.spec.containers[name="app"].image}).
 * Only apply managers own fields here; writes through update/patch own nothing.
 */
final class FieldOwnership {
  private FieldOwnership() {}

  /** Returns the leaf paths a configuration sets, with their values. */
  static Map<String, JsonNode> leaves(ObjectNode config, boolean structural) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    config
        .properties()
        .forEach(
            e -> {
              String k = e.getKey();
              if (k.equals("apiVersion") || k.equals("kind")) {
                return;
              }
              if (k.equals("metadata")) {
                for (String m : List.of("labels", "annotations")) {
                  JsonNode n = e.getValue().get(m);
                  if (n instanceof ObjectNode o) {
                    o.properties()
                        .forEach(x -> out.put(".metadata." + m + "." + x.getKey(), x.getValue()));
                  }
                }
                return;
              }
              walk(e.getValue(), "." + k, k, "", structural, out);
            });
    return out;
  }

  private static void walk(
      JsonNode n,
      String path,
      String field,
      String enclosingList,
      boolean structural,
      Map<String, JsonNode> out) {
    if (n instanceof ObjectNode o && o.size() > 0) {
      o.properties()
          .forEach(
              e ->
                  walk(
                      e.getValue(),
                      path + "." + e.getKey(),
                      e.getKey(),
                      enclosingList,
                      structural,
                      out));
      return;
    }
    Optional<String> key =
        structural ? Patches.mergeKeyFor(field, enclosingList) : Optional.empty();
    if (n instanceof ArrayNode a && key.isPresent()) {
      for (JsonNode el : a) {
        JsonNode kv = el.get(key.get());
        if (!(el instanceof ObjectNode eo) || kv == null) {
          continue;
        }
        String elPath = path + "[" + key.get() + "=" + kv + "]";
        out.put(elPath, kv);
        eo.properties()
            .forEach(
                e -> {
                  if (!e.getKey().equals(key.get())) {
                    walk(
                        e.getValue(),
                        elPath + "." + e.getKey(),
                        e.getKey(),
                        field,
                        structural,
                        out);
                  }
                });
      }
      return;
    }
    out.put(path, n);
  }

  /** Returns a copy of {@code config} without the given leaf paths, dropping emptied parents. */
  static ObjectNode without(ObjectNode config, Set<String> paths, boolean structural) {
    ObjectNode copy = config.deepCopy();
    ObjectNode meta = copy.get("metadata") instanceof ObjectNode m ? m : null;
    if (meta != null) {
      for (String m : List.of("labels", "annotations")) {
        if (meta.get(m) instanceof ObjectNode o) {
          List<String> names = new java.util.ArrayList<>();
          o.fieldNames().forEachRemaining(names::add);
          for (String x : names) {
            if (paths.contains(".metadata." + m + "." + x)) {
              o.remove(x);
            }
          }
        }
      }
    }
    List<String> top = new java.util.ArrayList<>();
    copy.fieldNames().forEachRemaining(top::add);
    for (String k : top) {
      if (k.equals("apiVersion") || k.equals("kind") || k.equals("metadata")) {
        continue;
      }
      if (prune(copy, k, copy.get(k), "." + k, "", structural, paths)) {
        copy.remove(k);
      }
    }
    return copy;
  }

  /** Removes owned leaves below {@code n}; returns true when {@code n} itself should go. */
  private static boolean prune(
      JsonNode parent,
      String field,
      JsonNode n,
      String path,
      String enclosingList,
      boolean structural,
      Set<String> paths) {
    if (n instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String k : names) {
        if (prune(o, k, o.get(k), path + "." + k, enclosingList, structural, paths)) {
          o.remove(k);
        }
      }
      return o.isEmpty();
    }
    Optional<String> key =
        structural ? Patches.mergeKeyFor(field, enclosingList) : Optional.empty();
    if (n instanceof ArrayNode a && key.isPresent()) {
      for (int i = a.size() - 1; i >= 0; i--) {
        JsonNode el = a.get(i);
        JsonNode kv = el.get(key.get());
        if (!(el instanceof ObjectNode eo) || kv == null) {
          continue;
        }
        String elPath = path + "[" + key.get() + "=" + kv + "]";
        List<String> names = new java.util.ArrayList<>();
        eo.fieldNames().forEachRemaining(names::add);
        boolean removedAny = false;
        for (String k : names) {
          if (!k.equals(key.get())
              && prune(eo, k, eo.get(k), elPath + "." + k, field, structural, paths)) {
            eo.remove(k);
            removedAny = true;
          }
        }
        if (removedAny && eo.size() == 1) {
          a.remove(i);
        }
      }
      return a.isEmpty();
    }
    return paths.contains(path);
  }
}
