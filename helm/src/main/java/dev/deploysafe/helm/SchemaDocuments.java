package dev.deploysafe.helm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.deploysafe.core.BoundedInput;
import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Severity;
import dev.deploysafe.core.YamlLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a chart's schema and the local documents its {@code $ref}s name, and applies deploysafe's
 * reference policy before the validator sees them: remote references are dropped (with a finding)
 * unless allowed, {@code urn:} references become permissive as in Helm, and relative references
 * resolve only inside the chart directory.
 *
 * <p>Documents are registered under {@code file:///chart/values.schema.json} for the root and
 * {@code file:///chart/<relative path>} for the others (Helm uses {@code
 * file:///values.schema.json}).
 */
final class SchemaDocuments {

  /** networknt resolves relative IRIs wrongly against a one-segment file IRI, so use a folder. */
  static final String DOC_PREFIX = "file:///chart/";

  static final String ROOT_IRI = DOC_PREFIX + "values.schema.json";
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Keywords whose values are data, not schemas: refs inside them are not references. */
  private static final Set<String> DATA_KEYWORDS =
      Set.of("enum", "const", "default", "examples", "example");

  /** Virtual directory used to detect references that climb out of the chart. */
  private static final String CHART_ROOT = "/chart/";

  private final @Nullable Path chartDir;
  private final String fileName;
  private final SchemaOptions options;
  private final List<Finding> problems = new ArrayList<>();
  private final Set<String> embeddedIds = new HashSet<>();
  private final Map<String, JsonNode> documents = new LinkedHashMap<>();
  private boolean fatal;
  private boolean remoteAllowed;

  private SchemaDocuments(@Nullable Path chartDir, String fileName, SchemaOptions options) {
    this.chartDir = chartDir;
    this.fileName = fileName;
    this.options = options;
  }

  /** Parses the root schema text and follows its local references. */
  static SchemaDocuments read(
      String rootText, String fileName, @Nullable Path chartDir, SchemaOptions options) {
    SchemaDocuments d = new SchemaDocuments(chartDir, fileName, options);
    Optional<JsonNode> root = d.parse(rootText, fileName);
    if (root.isEmpty()) {
      d.fatal = true;
      return d;
    }
    JsonNode node = root.get();
    if (!node.isObject() && !node.isBoolean()) {
      d.problem(
          "values.schema.not-a-schema",
          Location.file(fileName),
          fileName
              + " is not a JSON Schema: its top level is "
              + article(SchemaErrors.typeName(node))
              + ", not an object or a boolean");
      d.fatal = true;
      return d;
    }
    d.documents.put(ROOT_IRI, node);
    Deque<String> pending = new ArrayDeque<>();
    pending.add("values.schema.json");
    while (!pending.isEmpty()) {
      String rel = pending.removeFirst();
      JsonNode doc = d.documents.get(DOC_PREFIX + rel);
      if (doc != null) {
        d.collectIds(doc, base(rel));
        d.scan(doc, base(rel), rel, pending);
      }
    }
    return d;
  }

  boolean isFatal() {
    return fatal;
  }

  boolean fetchesRemote() {
    return remoteAllowed;
  }

  List<Finding> problems() {
    return problems;
  }

  JsonNode root() {
    JsonNode r = documents.get(ROOT_IRI);
    if (r == null) {
      throw new IllegalStateException("no root schema");
    }
    return r;
  }

  /** Returns the documents other than the root, as text by IRI, for the validator's loader. */
  Map<String, String> others() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
      if (!e.getKey().equals(ROOT_IRI)) {
        out.put(e.getKey(), e.getValue().toString());
      }
    }
    return out;
  }

  /** Rewrites {@code $schema} in every document to the canonical id of the draft it names. */
  void canonicalizeDialects(String canonicalRootDialect) {
    for (JsonNode doc : documents.values()) {
      if (doc instanceof ObjectNode o && o.path("$schema").isTextual()) {
        Optional<SchemaDraft> d = SchemaDraft.fromUri(o.get("$schema").asText());
        if (d.isPresent()) {
          o.set("$schema", TextNode.valueOf(ValuesSchema.dialectId(d.get())));
        }
      }
    }
    if (root() instanceof ObjectNode o && !o.has("$schema")) {
      o.set("$schema", TextNode.valueOf(canonicalRootDialect));
    }
  }

  private Optional<JsonNode> parse(String text, String displayName) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || n.isMissingNode()) {
        problem(
            "values.schema.invalid-json",
            Location.file(displayName),
            displayName + " is empty; Helm cannot read it as a JSON Schema");
        return Optional.empty();
      }
      return Optional.of(n);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : Math.max(0, at.getLineNr());
      int col = at == null ? 0 : Math.max(0, at.getColumnNr());
      problem(
          "values.schema.invalid-json",
          Location.of(displayName, line, col),
          displayName
              + " is not valid JSON at line "
              + line
              + ", column "
              + col
              + ": "
              + e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private static URI base(String rel) {
    return URI.create("file:" + CHART_ROOT + rel);
  }

  private void scan(JsonNode node, URI base, String docRel, Deque<String> pending) {
    if (node.isArray()) {
      for (JsonNode child : node) {
        scan(child, base, docRel, pending);
      }
      return;
    }
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    URI here = base;
    Optional<String> id = idOf(obj);
    if (id.isPresent()) {
      try {
        here = base.resolve(new URI(id.get()));
      } catch (URISyntaxException e) {
        problem(
            "values.schema.invalid",
            Location.file(fileName),
            "schema id `" + id.get() + "` in " + docRel + " is not a valid URI");
      }
    }
    JsonNode ref = obj.get("$ref");
    if (ref != null && ref.isTextual() && !keep(ref.asText(), here, docRel, pending)) {
      obj.remove("$ref");
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!DATA_KEYWORDS.contains(e.getKey())) {
        scan(e.getValue(), here, docRel, pending);
      }
    }
  }

  /** Returns a schema object's non-fragment {@code $id} (or draft 4's {@code id}). */
  private static Optional<String> idOf(ObjectNode obj) {
    JsonNode id = obj.get("$id");
    if (id == null) {
      id = obj.get("id");
    }
    return id != null && id.isTextual() && !id.asText().startsWith("#")
        ? Optional.of(id.asText())
        : Optional.empty();
  }

  /**
   * Records every resource URI the document declares with {@code $id}, so that references to the
   * document by its own absolute name stay local (Helm's validator resolves them without fetching).
   */
  private void collectIds(JsonNode node, URI base) {
    if (node.isArray()) {
      for (JsonNode child : node) {
        collectIds(child, base);
      }
      return;
    }
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    URI here = base;
    Optional<String> id = idOf(obj);
    if (id.isPresent()) {
      try {
        here = base.resolve(new URI(id.get()));
        embeddedIds.add(withoutFragment(here));
      } catch (URISyntaxException | IllegalArgumentException e) {
        // scan() reports it
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!DATA_KEYWORDS.contains(e.getKey())) {
        collectIds(e.getValue(), here);
      }
    }
  }

  private static String withoutFragment(URI u) {
    String s = u.toString();
    int hash = s.indexOf('#');
    return hash < 0 ? s : s.substring(0, hash);
  }

  /** Decides one reference; returns false when it must be removed from the schema. */
  private boolean keep(String ref, URI base, String docRel, Deque<String> pending) {
    int hash = ref.indexOf('#');
    String target = hash < 0 ? ref : ref.substring(0, hash);
    if (target.isEmpty()) {
      return true; // same document (or same $id resource)
    }
    URI resolved;
    try {
      resolved = base.resolve(new URI(target));
    } catch (URISyntaxException | IllegalArgumentException e) {
      problem(
          "values.schema.ref-unresolved",
          Location.file(fileName),
          "reference `" + ref + "` in " + docRel + " is not a valid URI");
      return false;
    }
    String scheme =
        resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
    if (isMetaSchema(resolved)) {
      return true; // bundled with the validator; never fetched
    }
    if (embeddedIds.contains(withoutFragment(resolved))) {
      return true; // a resource of this document, named by its $id
    }
    switch (scheme) {
      case "http", "https" -> {
        if (options.allowsRemote(resolved.toString())) {
          remoteAllowed = true;
          return true;
        }
        problems.add(
            Finding.error(
                    "values.schema.remote-ref",
                    Location.file(fileName).withChart(options.chartPath()),
                    "schema reference `"
                        + ref
                        + "` in "
                        + docRel
                        + " points to the network; deploysafe does not fetch it, so values it"
                        + " describes were not checked against it (Helm would fetch it at deploy"
                        + " time)")
                .withHint(
                    "vendor the referenced schema into the chart, or allow its prefix with"
                        + " SchemaOptions.withAllowedRemoteRef")
                .withEvidence("reference", resolved.toString()));
        return false;
      }
      case "urn" -> {
        problems.add(
            Finding.warning(
                    "values.schema.urn-ref",
                    Location.file(fileName).withChart(options.chartPath()),
                    "schema reference `"
                        + ref
                        + "` in "
                        + docRel
                        + " is a URN nothing resolves; it accepts any value, as in Helm")
                .withEvidence("reference", ref));
        return false;
      }
      case "file" -> {
        return keepLocal(ref, resolved, docRel, pending);
      }
      default -> {
        problem(
            "values.schema.ref-unresolved",
            Location.file(fileName),
            "schema reference `" + ref + "` in " + docRel + " uses an unsupported scheme");
        return false;
      }
    }
  }

  private boolean keepLocal(String ref, URI resolved, String docRel, Deque<String> pending) {
    String path = resolved.normalize().getPath();
    if (path == null || !path.startsWith(CHART_ROOT)) {
      problems.add(
          Finding.error(
                  "values.schema.ref-escape",
                  Location.file(fileName).withChart(options.chartPath()),
                  "schema reference `"
                      + ref
                      + "` in "
                      + docRel
                      + " leaves the chart directory; deploysafe resolves references only inside"
                      + " the chart")
              .withEvidence("reference", ref));
      return false;
    }
    String rel = path.substring(CHART_ROOT.length());
    if (documents.containsKey(DOC_PREFIX + rel)) {
      return true;
    }
    if (chartDir == null) {
      problem(
          "values.schema.ref-unresolved",
          Location.file(fileName),
          "schema reference `"
              + ref
              + "` names a file, but the schema was not loaded from a chart directory");
      return false;
    }
    Path file = chartDir.resolve(rel).normalize();
    if (!file.startsWith(chartDir.normalize()) || !Files.isRegularFile(file)) {
      problem(
          "values.schema.ref-unresolved",
          Location.file(fileName),
          "schema reference `" + ref + "` in " + docRel + " names " + rel + ", which is missing");
      return false;
    }
    String text;
    try {
      text = BoundedInput.readText(file, YamlLimits.defaults().maxBytes());
    } catch (IOException e) {
      problem(
          "values.schema.ref-unresolved",
          Location.file(fileName),
          "schema reference `" + ref + "` names " + rel + ", which cannot be read: " + e);
      return false;
    }
    Optional<JsonNode> doc = parse(text, rel);
    if (doc.isEmpty()) {
      return false;
    }
    documents.put(DOC_PREFIX + rel, doc.get());
    pending.add(rel);
    return true;
  }

  private static boolean isMetaSchema(URI u) {
    String host = u.getHost();
    return host != null && host.equalsIgnoreCase("json-schema.org");
  }

  private void problem(String code, Location where, String message) {
    problems.add(Finding.of(code, Severity.ERROR, where.withChart(options.chartPath()), message));
  }

  static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
