package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Label and field selectors in the query-string syntax of the Kubernetes API (k8s.io/apimachinery
 * pkg/labels and pkg/fields).
 */
final class Selectors {
  private Selectors() {}

  /** Parses a label selector: {@code a=b,c!=d,e in (f,g),h notin (i),j,!k}. */
  static Predicate<ObjectNode> labels(String selector) {
    if (selector.isBlank()) {
      return o -> true;
    }
    List<Predicate<JsonNode>> parts = new ArrayList<>();
    for (String req : splitTopLevel(selector)) {
      String r = req.trim();
      if (r.isEmpty()) {
        continue;
      }
      parts.add(labelRequirement(r));
    }
    return o -> {
      JsonNode labels = o.path("metadata").path("labels");
      for (Predicate<JsonNode> p : parts) {
        if (!p.test(labels)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<JsonNode> labelRequirement(String r) {
    String lower = r.replaceAll("\\s+", " ");
    int in = lower.indexOf(" in ");
    int notin = lower.indexOf(" notin ");
    if (notin > 0 || in > 0) {
      boolean negate = notin > 0;
      String key = lower.substring(0, negate ? notin : in).trim();
      String rest = lower.substring((negate ? notin + 7 : in + 4)).trim();
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        throw ApiError.badRequest("unable to parse requirement: " + r);
      }
      Set<String> values = Set.copyOf(trimAll(rest.substring(1, rest.length() - 1).split(",")));
      return labels -> {
        JsonNode v = labels.get(key);
        boolean member = v != null && values.contains(v.asText());
        return negate ? !member : member;
      };
    }
    if (r.contains("!=")) {
      String[] kv = r.split("!=", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return labels -> labels.get(key) == null || !labels.get(key).asText().equals(value);
    }
    if (r.contains("=")) {
      String[] kv = r.split("==?", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return labels -> labels.get(key) != null && labels.get(key).asText().equals(value);
    }
    if (r.startsWith("!")) {
      String key = r.substring(1).trim();
      return labels -> labels.get(key) == null;
    }
    String key = r.trim();
    return labels -> labels.get(key) != null;
  }

  /**
   * Parses a field selector ({@code metadata.name=x,spec.nodeName!=}). Any dotted path of the
   * object is accepted, which is more permissive than the real server's per-kind field list.
   */
  static Predicate<ObjectNode> fields(String selector) {
    if (selector.isBlank()) {
      return o -> true;
    }
    List<Predicate<ObjectNode>> parts = new ArrayList<>();
    for (String req : selector.split(",")) {
      String r = req.trim();
      if (r.isEmpty()) {
        continue;
      }
      boolean negate = r.contains("!=");
      String[] kv = negate ? r.split("!=", 2) : r.split("==?", 2);
      if (kv.length != 2) {
        throw ApiError.badRequest("invalid field selector: " + r);
      }
      String path = kv[0].trim();
      String value = kv[1].trim();
      parts.add(
          o -> {
            boolean eq = Json.path(o, path).equals(value);
            return negate != eq;
          });
    }
    return o -> {
      for (Predicate<ObjectNode> p : parts) {
        if (!p.test(o)) {
          return false;
        }
      }
      return true;
    };
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static List<String> trimAll(String[] parts) {
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      if (!p.trim().isEmpty()) {
        out.add(p.trim());
      }
    }
    return out;
  }
}
