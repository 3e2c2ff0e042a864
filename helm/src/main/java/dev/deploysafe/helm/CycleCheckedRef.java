package dev.deploysafe.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.DynamicRefValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.RecursiveRefValidator;
import com.networknt.schema.keyword.RefValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the validator's reference keywords ({@code $ref}, {@code $dynamicRef}, {@code
 * $recursiveRef}) with ones that stop at a reference cycle the way Helm's validator
 * (santhosh-tekuri/jsonschema) does: when a reference leads back to a schema that is already being
 * evaluated against the same value, that reference fails with a cycle error (which {@code anyOf},
 * {@code not} and {@code if} then treat like any other failure) instead of recursing until the
 * stack overflows.
 *
 * <p>The schemas being evaluated against one value are the in-place chain from where the value was
 * entered ({@code properties}, {@code items} and the like move to another value) through {@code
 * allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code if}, {@code then}, {@code else}, {@code
 * dependentSchemas} and earlier references. Each thread keeps its own stack of references in use.
 */
final class CycleCheckedRef implements Keyword {

  /** The keyword of cycle errors this class adds; {@link SchemaErrors} names them. */
  static final String CYCLE = "refCycle";

  /** The keyword of the error for a reference chain longer than {@link #MAX_FRAMES}. */
  static final String TOO_DEEP = "refDepth";

  /**
   * References followed at once, at most. Every endless recursion in a finite schema passes through
   * references, so this bound ends any the cycle rule cannot place (values nest at most 128 deep).
   */
  static final int MAX_FRAMES = 10_000;

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private final String keyword;

  private CycleCheckedRef(String keyword) {
    this.keyword = keyword;
  }

  /** One reference being followed: its target, the value's location, the schemas it made active. */
  private record Frame(String target, String at, List<String> keys) {}

  /** A thread's references in use and the schemas they keep applied, per value location. */
  private static final class State {
    final ArrayDeque<Frame> frames = new ArrayDeque<>();
    final Map<String, Integer> active = new HashMap<>();
  }

  /**
   * Returns {@code dialect} with its reference keywords ({@code $ref}, {@code $dynamicRef}, {@code
   * $recursiveRef}, whichever it has) replaced by cycle-checked ones.
   */
  static Dialect checked(Dialect dialect) {
    Dialect.Builder b = Dialect.builder(dialect);
    for (String k : List.of("$ref", "$dynamicRef", "$recursiveRef")) {
      if (dialect.getKeywords().containsKey(k)) {
        b.keyword(new CycleCheckedRef(k));
      }
    }
    return b.build();
  }

  /**
   * Forgets the calling thread's references in use. Called before and after each validation: a
   * stack overflow can unwind past the clean-up of a frame, and must not leave phantom cycles.
   */
  static void reset() {
    STATE.remove();
  }

  @Override
  public String getValue() {
    return keyword;
  }

  @Override
  public KeywordValidator newValidator(
      SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
    return switch (keyword) {
      case "$dynamicRef" -> new CheckedDynamic(location, node, parent, context);
      case "$recursiveRef" -> new CheckedRecursive(location, node, parent, context);
      default -> new Checked(location, node, parent, context);
    };
  }

  private static final class Checked extends RefValidator {
    Checked(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
    }

    @Override
    public void validate(ExecutionContext ctx, JsonNode node, JsonNode root, NodePath at) {
      String target = getSchemaRef().getSchema().getSchemaLocation().toString();
      guarded(
          ctx,
          node,
          at,
          schemaLocation,
          schemaNode,
          target,
          () -> super.validate(ctx, node, root, at));
    }
  }

  private static final class CheckedDynamic extends DynamicRefValidator {
    CheckedDynamic(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
    }

    @Override
    public void validate(ExecutionContext ctx, JsonNode node, JsonNode root, NodePath at) {
      String target = getSchemaRef(ctx).getSchema().getSchemaLocation().toString();
      guarded(
          ctx,
          node,
          at,
          schemaLocation,
          schemaNode,
          target,
          () -> super.validate(ctx, node, root, at));
    }
  }

  private static final class CheckedRecursive extends RecursiveRefValidator {
    CheckedRecursive(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      super(location, node, parent, context);
    }

    @Override
    public void validate(ExecutionContext ctx, JsonNode node, JsonNode root, NodePath at) {
      String target = getSchemaRef(ctx).getSchema().getSchemaLocation().toString();
      guarded(
          ctx,
          node,
          at,
          schemaLocation,
          schemaNode,
          target,
          () -> super.validate(ctx, node, root, at));
    }
  }

  private static void guarded(
      ExecutionContext ctx,
      JsonNode node,
      NodePath instanceLocation,
      SchemaLocation refLocation,
      JsonNode refNode,
      String target,
      Runnable follow) {
    String at = instanceLocation.toString();
    State state = STATE.get();
    Frame top = state.frames.peek();
    String start = top != null && top.at().equals(at) ? top.target() : null;
    List<String> chain = inPlaceChain(parentOf(refLocation.toString()), start);
    String t = normalize(target);
    boolean cycle = chain.contains(t) || state.active.containsKey(key(at, t));
    if (cycle || state.frames.size() >= MAX_FRAMES) {
      ctx.addError(
          Error.builder()
              .keyword(cycle ? CYCLE : TOO_DEEP)
              .instanceLocation(instanceLocation)
              .evaluationPath(ctx.getEvaluationPath())
              .schemaLocation(refLocation)
              .instanceNode(node)
              .schemaNode(refNode)
              .arguments(refNode.asText(), target)
              .message(
                  cycle
                      ? "reaches a reference cycle: `"
                          + refNode.asText()
                          + "` leads back to a schema already applied to this value"
                      : "follows more than " + MAX_FRAMES + " schema references at once")
              .build());
      return;
    }
    List<String> keys = new ArrayList<>(chain.size());
    for (String c : chain) {
      String k = key(at, c);
      keys.add(k);
      Integer n = state.active.get(k);
      state.active.put(k, n == null ? 1 : n + 1);
    }
    state.frames.push(new Frame(t, at, keys));
    try {
      follow.run();
    } finally {
      state.frames.pop();
      for (String k : keys) {
        Integer n = state.active.get(k);
        if (n != null && n > 1) {
          state.active.put(k, n - 1);
        } else {
          state.active.remove(k);
        }
      }
    }
  }

  private static String key(String at, String schema) {
    return at + '\u0000' + schema;
  }

  /**
   * Returns the schemas applied to one value on the way to {@code end}: {@code end} itself, then
   * each schema that reaches the previous one through an in-place keyword ({@code allOf}, {@code
   * anyOf}, {@code oneOf}, {@code not}, {@code if}, {@code then}, {@code else}, {@code
   * dependentSchemas}, {@code dependencies}), up to the schema where the value was entered or up to
   * {@code start} (a reference's target), whichever comes first. Locations are normalized.
   */
  static List<String> inPlaceChain(String end, String start) {
    String doc = document(end);
    List<String> tokens = tokens(end);
    // Schema boundaries along the pointer, parsed from the root, and whether each step is in place.
    List<Integer> bounds = new ArrayList<>(List.of(0));
    List<Boolean> inPlace = new ArrayList<>(List.of(false));
    int i = 0;
    while (i < tokens.size()) {
      String k = tokens.get(i);
      int width;
      boolean place;
      switch (k) {
        case "allOf", "anyOf", "oneOf" -> {
          width = 2;
          place = true;
        }
        case "dependentSchemas", "dependencies" -> {
          width = 2;
          place = true;
        }
        case "not", "if", "then", "else" -> {
          width = 1;
          place = true;
        }
        case "properties", "patternProperties", "$defs", "definitions", "prefixItems" -> {
          width = 2;
          place = false;
        }
        case "items" -> {
          width = i + 1 < tokens.size() && isIndex(tokens.get(i + 1)) ? 2 : 1;
          place = false;
        }
        case "additionalItems",
            "additionalProperties",
            "contains",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
            "contentSchema" -> {
          width = 1;
          place = false;
        }
        default -> {
          // A keyword this walk does not know: treat the rest as one opaque step.
          width = tokens.size() - i;
          place = false;
        }
      }
      i = Math.min(tokens.size(), i + width);
      bounds.add(i);
      inPlace.add(place);
    }
    int floor = start == null ? 0 : tokens(start).size();
    List<String> chain = new ArrayList<>();
    for (int b = bounds.size() - 1; b >= 0 && bounds.get(b) >= floor; b--) {
      chain.add(location(doc, tokens.subList(0, bounds.get(b))));
      if (!inPlace.get(b)) {
        break;
      }
    }
    return chain;
  }

  private static boolean isIndex(String token) {
    return !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String normalize(String location) {
    return location(document(location), tokens(location));
  }

  private static String location(String doc, List<String> tokens) {
    return tokens.isEmpty() ? doc + "#" : doc + "#/" + String.join("/", tokens);
  }

  private static String document(String location) {
    int hash = location.indexOf('#');
    return hash < 0 ? location : location.substring(0, hash);
  }

  private static List<String> tokens(String location) {
    int hash = location.indexOf('#');
    String pointer = hash < 0 ? "" : location.substring(hash + 1);
    if (pointer.isEmpty() || pointer.equals("/")) {
      return List.of();
    }
    return List.of(pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1));
  }

  private static String parentOf(String refLocation) {
    int slash = refLocation.lastIndexOf('/');
    int hash = refLocation.indexOf('#');
    return slash > hash && hash >= 0 ? refLocation.substring(0, slash) : refLocation;
  }
}
