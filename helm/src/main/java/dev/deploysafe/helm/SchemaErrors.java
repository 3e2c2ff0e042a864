package dev.deploysafe.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns validator errors into findings: one finding per failing keyword, and one finding per
 * failing {@code anyOf}/{@code oneOf} that lists what each alternative wanted. Messages never quote
 * the offending value (it may be a secret); they name types, keys and schema constraints.
 */
final class SchemaErrors {

  /** Schema keywords whose evaluation moves one step down into the instance. */
  private static final Set<String> DESCENDING =
      Set.of(
          "properties",
          "patternProperties",
          "additionalProperties",
          "unevaluatedProperties",
          "items",
          "prefixItems",
          "additionalItems",
          "unevaluatedItems",
          "contains");

  /** Schema keywords followed by a name or index that is not itself a keyword. */
  private static final Set<String> NAMED_CHILD =
      Set.of(
          "properties",
          "patternProperties",
          "prefixItems",
          "allOf",
          "anyOf",
          "oneOf",
          "dependentSchemas",
          "dependencies",
          "$defs",
          "definitions");

  private final String chartPath;
  private final String fileName;
  private final SchemaDraft draft;
  private final ValueOrigins origins;

  SchemaErrors(String chartPath, String fileName, SchemaDraft draft, ValueOrigins origins) {
    this.chartPath = chartPath;
    this.fileName = fileName;
    this.draft = draft;
    this.origins = origins;
  }

  /** One error with its paths split into segments. */
  private record Item(Error error, List<String> instance, List<Object> eval) {}

  List<Finding> translate(List<Error> errors) {
    Map<String, List<Item>> groups = new LinkedHashMap<>();
    List<Finding> out = new ArrayList<>();
    List<Object> slots = new ArrayList<>();
    for (Error e : errors) {
      Item item = new Item(e, segments(e.getInstanceLocation()), elements(e.getEvaluationPath()));
      int at = combinatorIndex(item.eval());
      if (at < 0) {
        slots.add(item);
        continue;
      }
      String key = item.eval().subList(0, at + 1).toString();
      if (!groups.containsKey(key)) {
        slots.add(key);
        groups.put(key, new ArrayList<>());
      }
      groups.get(key).add(item);
    }
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (Object slot : slots) {
      if (slot instanceof Item item && "required".equals(item.error().getKeyword())) {
        missing
            .computeIfAbsent(requiredKey(item), k -> new ArrayList<>())
            .add(property(item.error()));
      }
    }
    for (Object slot : slots) {
      if (slot instanceof Item item && "required".equals(item.error().getKeyword())) {
        List<String> keys = missing.remove(requiredKey(item));
        if (keys != null) {
          out.add(required(item, keys));
        }
      } else if (slot instanceof Item item) {
        out.add(single(item));
      } else {
        out.add(combinator(groups.get((String) slot)));
      }
    }
    return out;
  }

  private Finding single(Item item) {
    Error e = item.error();
    String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
    List<String> at = item.instance();
    String kind = kind(keyword);
    List<String> keyPath = at;
    String message;
    switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> {
        String prop = property(e);
        keyPath = append(at, prop);
        message =
            "`"
                + dotted(keyPath)
                + "` is not allowed: the schema of "
                + where(at)
                + " does not list it and allows no other keys";
      }
      case "required" -> {
        String prop = property(e);
        message = where(at) + " is missing the required key `" + prop + "`";
      }
      case "dependentRequired", "dependencies" -> {
        message = where(at) + " " + plain(e);
      }
      default -> message = "`" + (at.isEmpty() ? "(root)" : dotted(at)) + "` " + describe(item);
    }
    // Helm (santhosh-tekuri/jsonschema) reports additionalProperties at the object but
    // unevaluatedProperties at the property itself ("false schema").
    List<String> helmPointer = keyword.equals("unevaluatedProperties") ? keyPath : at;
    return finish(
        Finding.of("values.schema." + kind, Severity.ERROR, Location.none(), message),
        keyPath,
        helmPointer,
        e);
  }

  private static String requiredKey(Item item) {
    return item.instance() + " " + item.eval();
  }

  /** One finding for all keys one {@code required} lists as missing from one object. */
  private Finding required(Item item, List<String> keys) {
    List<String> at = item.instance();
    String message =
        keys.size() == 1
            ? where(at) + " is missing the required key `" + keys.get(0) + "`"
            : where(at) + " is missing the required keys `" + String.join("`, `", keys) + "`";
    return finish(
        Finding.of("values.schema.required", Severity.ERROR, Location.none(), message),
        at,
        at,
        item.error());
  }

  private Finding combinator(List<Item> items) {
    Item first = items.get(0);
    int at = combinatorIndex(first.eval());
    String keyword = String.valueOf(first.eval().get(at));
    Item self = null;
    for (Item i : items) {
      if (i.eval().size() == at + 1) {
        self = i;
      }
    }
    List<String> instance =
        self != null ? self.instance() : prefix(first.instance(), consumed(first.eval(), at));
    Map<Integer, List<String>> byBranch = new LinkedHashMap<>();
    for (Item i : items) {
      if (i == self || i.eval().size() <= at + 1) {
        continue;
      }
      int branch = Integer.parseInt(String.valueOf(i.eval().get(at + 1)));
      List<String> rel =
          i.instance().subList(Math.min(instance.size(), i.instance().size()), i.instance().size());
      String text = branchText(i, rel);
      byBranch.computeIfAbsent(branch, b -> new ArrayList<>()).add(text);
    }
    String subject = "`" + (instance.isEmpty() ? "(root)" : dotted(instance)) + "`";
    String message;
    if (keyword.equals("oneOf") && self != null && byBranch.isEmpty()) {
      Object[] args = self.error().getArguments();
      String valid = args != null && args.length > 0 ? String.valueOf(args[0]) : "several";
      message =
          subject
              + " matches "
              + valid
              + " of the alternatives in oneOf; it must match exactly one";
    } else {
      StringBuilder b = new StringBuilder();
      b.append(subject)
          .append(" matches none of the allowed alternatives (")
          .append(keyword)
          .append(")");
      String sep = ": ";
      for (Map.Entry<Integer, List<String>> br : byBranch.entrySet()) {
        b.append(sep)
            .append("alternative ")
            .append(br.getKey() + 1)
            .append(" wants ")
            .append(String.join(" and ", br.getValue()));
        sep = "; ";
      }
      message = b.toString();
    }
    Error e = self != null ? self.error() : first.error();
    Finding f =
        Finding.of("values.schema." + kind(keyword), Severity.ERROR, Location.none(), message);
    return finish(f, instance, instance, e);
  }

  private String branchText(Item i, List<String> rel) {
    Error e = i.error();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    String sub = rel.isEmpty() ? "" : " at `" + dotted(rel) + "`";
    return switch (keyword) {
      case "type" -> typeWanted(e) + sub;
      case "required" -> "the key `" + property(e) + "`" + sub;
      case "additionalProperties", "unevaluatedProperties" -> "no key `" + property(e) + "`" + sub;
      default -> "a value that " + describe(i).replaceFirst("^is ", "is ") + sub;
    };
  }

  private Finding finish(Finding f, List<String> keyPath, List<String> helmPointer, Error e) {
    Location loc = Location.none().withKey(keyPath).withChart(chartPath);
    String message = f.message();
    Optional<ValueOrigin> origin = Optional.empty();
    for (int n = keyPath.size(); n >= 0 && origin.isEmpty(); n--) {
      origin = origins.originOf(keyPath.subList(0, n));
    }
    if (origin.isPresent()) {
      ValueOrigin o = origin.get();
      loc = loc.withPosition(o.file(), o.line(), o.column());
      if (o.isChartDefault()) {
        message = message + " (the value comes from the chart defaults at " + o.position() + ")";
      }
    }
    return new Finding(
            f.code(), f.severity(), loc, message, f.hint(), f.suggestions(), f.evidence())
        .withEvidence("schema", fileName + "#" + schemaPointer(e))
        .withEvidence("helmPointer", Location.pointer(helmPointer))
        .withEvidence("draft", draft.name());
  }

  private static String schemaPointer(Error e) {
    if (e.getSchemaLocation() == null) {
      return "";
    }
    String s = e.getSchemaLocation().toString();
    int hash = s.indexOf('#');
    return hash < 0 ? "" : s.substring(hash + 1);
  }

  private String describe(Item item) {
    Error e = item.error();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    return switch (keyword) {
      case "type" -> "is " + article(found(e)) + " but the schema wants " + typeWanted(e);
      case "enum" ->
          "must be one of " + (args.length > 0 ? String.valueOf(args[0]) : "the listed values");
      case "const" -> "must be the constant the schema fixes";
      case "pattern" ->
          "does not match the pattern `" + (args.length > 0 ? String.valueOf(args[0]) : "?") + "`";
      case "format" ->
          "is not a valid " + (args.length > 0 ? String.valueOf(args[0]) : "value for its format");
      case "false" -> "is not allowed here (the schema is false)";
      case "not" -> "matches a schema it must not match";
      default -> plain(e);
    };
  }

  private static String typeWanted(Error e) {
    Object[] args = e.getArguments();
    String want = args != null && args.length > 1 ? String.valueOf(args[1]) : "another type";
    want = want.replace("[", "").replace("]", "").replace("\"", "");
    String[] parts = want.split("\\s*,\\s*");
    List<String> named = new ArrayList<>();
    for (String p : parts) {
      named.add(article(p));
    }
    return String.join(" or ", named);
  }

  private static String found(Error e) {
    JsonNode n = e.getInstanceNode();
    if (n != null) {
      return typeName(n);
    }
    Object[] args = e.getArguments();
    return args != null && args.length > 0 ? String.valueOf(args[0]) : "value";
  }

  static String typeName(JsonNode n) {
    if (n.isObject()) {
      return "object";
    } else if (n.isArray()) {
      return "array";
    } else if (n.isTextual()) {
      return "string";
    } else if (n.isBoolean()) {
      return "boolean";
    } else if (n.isNull()) {
      return "null";
    } else if (n.isIntegralNumber()) {
      return "integer";
    } else if (n.isNumber()) {
      return n.asDouble() == Math.rint(n.asDouble()) ? "integer" : "number";
    }
    return "value";
  }

  private static String article(String noun) {
    if (noun.equals("null")) {
      return "null";
    }
    return SchemaDocuments.article(noun);
  }

  /** Networknt's own message, which states the constraint without the instance value. */
  private static String plain(Error e) {
    String m = e.getMessage();
    return m == null ? "fails the schema" : m;
  }

  private static String property(Error e) {
    if (e.getProperty() != null) {
      return e.getProperty();
    }
    Object[] args = e.getArguments();
    return args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
  }

  private static String where(List<String> at) {
    return at.isEmpty() ? "the values root" : "`" + dotted(at) + "`";
  }

  static String kind(String keyword) {
    return switch (keyword) {
      case "additionalProperties" -> "additional-property";
      case "unevaluatedProperties" -> "unevaluated-property";
      case "unevaluatedItems" -> "unevaluated-item";
      case "additionalItems", "items" -> "additional-item";
      case "exclusiveMinimum" -> "minimum";
      case "exclusiveMaximum" -> "maximum";
      case "dependencies", "dependentRequired" -> "dependent-required";
      case "minContains", "maxContains" -> "contains";
      case "false" -> "false-schema";
      default -> kebab(keyword);
    };
  }

  private static String kebab(String keyword) {
    StringBuilder b = new StringBuilder();
    for (char c : keyword.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c)) {
        b.append(c);
      }
    }
    String s = b.toString();
    return s.isEmpty() ? "other" : s;
  }

  /** Finds the outermost anyOf/oneOf in an evaluation path, or -1. */
  private static int combinatorIndex(List<Object> eval) {
    boolean keywordSlot = true;
    for (int i = 0; i < eval.size(); i++) {
      String t = String.valueOf(eval.get(i));
      if (!keywordSlot) {
        keywordSlot = true;
        continue;
      }
      if (t.equals("anyOf") || t.equals("oneOf")) {
        return i;
      }
      if (NAMED_CHILD.contains(t) || (t.equals("items") && isIndex(eval, i + 1))) {
        keywordSlot = false;
      }
    }
    return -1;
  }

  /** Counts instance steps taken by the evaluation path before position {@code end}. */
  private static int consumed(List<Object> eval, int end) {
    int n = 0;
    boolean keywordSlot = true;
    for (int i = 0; i < end; i++) {
      String t = String.valueOf(eval.get(i));
      if (!keywordSlot) {
        keywordSlot = true;
        continue;
      }
      if (DESCENDING.contains(t)) {
        n++;
      }
      if (NAMED_CHILD.contains(t) || (t.equals("items") && isIndex(eval, i + 1))) {
        keywordSlot = false;
      }
    }
    return n;
  }

  private static boolean isIndex(List<Object> eval, int i) {
    return i < eval.size() && String.valueOf(eval.get(i)).matches("\\d+");
  }

  private static List<String> prefix(List<String> l, int n) {
    return List.copyOf(l.subList(0, Math.min(n, l.size())));
  }

  private static List<String> append(List<String> l, String s) {
    List<String> out = new ArrayList<>(l);
    out.add(s);
    return out;
  }

  static List<String> segments(NodePath p) {
    List<String> out = new ArrayList<>();
    if (p == null) {
      return out;
    }
    for (int i = 0; i < p.getNameCount(); i++) {
      out.add(String.valueOf(p.getElement(i)));
    }
    return out;
  }

  private static List<Object> elements(NodePath p) {
    List<Object> out = new ArrayList<>();
    if (p == null) {
      return out;
    }
    for (int i = 0; i < p.getNameCount(); i++) {
      out.add(p.getElement(i));
    }
    return out;
  }

  static String dotted(List<String> path) {
    return Location.dotted(path);
  }
}
