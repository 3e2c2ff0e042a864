package dev.deploysafe.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides from a chart's schema whether it names a key path: through {@code properties}, {@code
 * patternProperties}, an {@code additionalProperties} schema, {@code $ref}s inside the same
 * document, {@code allOf}/{@code anyOf}/{@code oneOf} branches and {@code if}/{@code then}/{@code
 * else}. Below a free-form object (no properties, no {@code additionalProperties: false}) every key
 * is read. References to other documents count as free-form, since their keys are not followed.
 *
 * <p>Not API. Immutable and thread-safe.
 */
final class SchemaKeys implements KeyReader {

  private static final JsonNode OPEN = BooleanNode.TRUE;

  private final JsonNode root;
  private final String fileName;

  private SchemaKeys(JsonNode root, String fileName) {
    this.root = root;
    this.fileName = fileName;
  }

  /** Returns a reader over a loaded schema; a schema that failed to parse names nothing. */
  static KeyReader of(ValuesSchema schema) {
    return schema
        .tree()
        .<KeyReader>map(t -> new SchemaKeys(t, schema.fileName()))
        .orElse(KeyReader.ofPaths(List.of()));
  }

  @Override
  public KeyVerdict verdict(List<String> path) {
    Set<JsonNode> current = expand(List.of(root));
    boolean freeFormSeen = false;
    for (int i = 0; i < path.size(); i++) {
      String key = path.get(i);
      List<JsonNode> next = new ArrayList<>();
      boolean named = false;
      for (JsonNode n : current) {
        if (isFreeForm(n)) {
          return KeyVerdict.freeForm(
              "`"
                  + KeyReader.display(path.subList(0, i))
                  + "` is a free-form object in "
                  + fileName);
        }
        if (!n.isObject()) {
          continue;
        }
        JsonNode prop = n.path("properties").get(key);
        if (prop != null) {
          named = true;
          next.add(prop);
        }
        JsonNode patterns = n.path("patternProperties");
        if (patterns.isObject()) {
          for (Map.Entry<String, JsonNode> e : patterns.properties()) {
            if (matches(e.getKey(), key)) {
              named = true;
              next.add(e.getValue());
            }
          }
        }
        JsonNode extra = n.get("additionalProperties");
        if (prop == null && extra != null && (extra.isObject() || extra.asBoolean(false))) {
          freeFormSeen = true;
          next.add(extra);
        }
      }
      if (next.isEmpty()) {
        return KeyVerdict.unread();
      }
      if (!named && freeFormSeen) {
        return KeyVerdict.freeForm(
            "`"
                + KeyReader.display(path.subList(0, i))
                + "` allows any key (additionalProperties) in "
                + fileName);
      }
      current = expand(next);
    }
    return KeyVerdict.named("named in " + fileName);
  }

  @Override
  public Set<String> childKeys(List<String> parent) {
    Set<JsonNode> current = expand(List.of(root));
    for (String key : parent) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        JsonNode prop = n.path("properties").get(key);
        if (prop != null) {
          next.add(prop);
        }
      }
      current = expand(next);
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : current) {
      JsonNode props = n.path("properties");
      if (props.isObject()) {
        for (Map.Entry<String, JsonNode> e : props.properties()) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }

  /** Adds the branches a value must (or may) also satisfy: combinators, conditionals, refs. */
  private Set<JsonNode> expand(List<JsonNode> start) {
    Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<JsonNode> todo = new ArrayList<>(start);
    while (!todo.isEmpty()) {
      JsonNode n = todo.remove(todo.size() - 1);
      if (!seen.add(n) || !n.isObject()) {
        continue;
      }
      for (String k : List.of("allOf", "anyOf", "oneOf")) {
        for (JsonNode b : n.path(k)) {
          todo.add(b);
        }
      }
      for (String k : List.of("then", "else")) {
        if (n.has(k)) {
          todo.add(n.get(k));
        }
      }
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual()) {
        todo.add(resolve(ref.asText()));
      }
    }
    return seen;
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#")) {
      return OPEN;
    }
    String pointer = URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
    JsonNode target = pointer.isEmpty() ? root : root.at(pointer);
    return target.isMissingNode() ? OPEN : target;
  }

  private static boolean isFreeForm(JsonNode n) {
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (!n.isObject()) {
      return false;
    }
    for (String k :
        List.of(
            "properties",
            "patternProperties",
            "allOf",
            "anyOf",
            "oneOf",
            "$ref",
            "if",
            "then",
            "else",
            "not",
            "enum",
            "const")) {
      if (n.has(k)) {
        return false;
      }
    }
    JsonNode extra = n.get("additionalProperties");
    if (extra != null && !(extra.isBoolean() && extra.asBoolean())) {
      return false;
    }
    JsonNode type = n.get("type");
    if (type == null) {
      return true;
    }
    if (type.isTextual()) {
      return type.asText().equals("object");
    }
    for (JsonNode t : type) {
      if (t.asText().equals("object")) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String regex, String key) {
    try {
      return Pattern.compile(regex).matcher(key).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "schema(" + fileName + ")";
  }
}
