package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Routes HTTP requests the way kube-apiserver does: discovery, {@code /version}, resource CRUD with
 * subresources, streaming watches, the four patch content types, Table output and content-type
 * negotiation. Faults are consulted before each call is served.
 */
final class ApiHandler implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
  private static final String JSON = "application/json";
  private static final String TABLE_JSON = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final ObjectStore store;
  private final Faults faults;
  private final String serverAddress;
  private volatile boolean stopping;
  private final java.util.ArrayDeque<String> calls = new java.util.ArrayDeque<>();

  ApiHandler(ObjectStore store, Faults faults, String serverAddress) {
    this.store = store;
    this.faults = faults;
    this.serverAddress = serverAddress;
  }

  void stop() {
    stopping = true;
  }

  /** Returns the last (at most 1000) resource calls, oldest first. */
  List<String> recentCalls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      route(ex);
    } catch (ApiError e) {
      sendStatus(ex, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendStatus(ex, ApiError.plain(503, "ServiceUnavailable", "server is shutting down"));
    } catch (RuntimeException e) {
      sendStatus(ex, ApiError.plain(500, "InternalError", "internal error: " + e));
    } finally {
      ex.close();
    }
  }

  // ------------------------------------------------------------------ routing

  private void route(HttpExchange ex) throws IOException, InterruptedException {
    LOG.log(
        System.Logger.Level.DEBUG,
        () -> ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders());
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = ex.getRequestURI().getPath();
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    List<String> seg = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        seg.add(s);
      }
    }
    String accept = String.join(",", ex.getRequestHeaders().getOrDefault("Accept", List.of()));
    if (!acceptsJson(accept)) {
      throw ApiError.plain(
          406,
          "NotAcceptable",
          "only the following media types are accepted: application/json,"
              + " application/json;as=Table;v=v1;g=meta.k8s.io");
    }
    if (seg.isEmpty()) {
      ObjectNode root = Json.object();
      ArrayNode paths = root.putArray("paths");
      for (String p :
          List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version")) {
        paths.add(p);
      }
      store.groupVersions().keySet().stream()
          .filter(k -> !k.startsWith("/"))
          .forEach(k -> paths.add("/apis/" + k));
      sendJson(ex, 200, root);
      return;
    }
    switch (seg.get(0)) {
      case "version" -> {
        sendJson(ex, 200, version());
        return;
      }
      case "healthz", "livez", "readyz" -> {
        sendText(ex, 200, "ok");
        return;
      }
      case "openapi" -> {
        if (seg.size() >= 2 && seg.get(1).equals("v3")) {
          if (seg.size() == 2) {
            sendJson(ex, 200, OpenApi.root(store.groupVersions()));
            return;
          }
          String gvPath = String.join("/", seg.subList(2, seg.size()));
          sendJson(
              ex,
              200,
              OpenApi.document(gvPath, store.groupVersions()).orElseThrow(ApiHandler::notFound));
          return;
        }
        throw notFound();
      }
      case "api" -> {
        if (seg.size() == 1) {
          sendJson(ex, 200, Discovery.apiVersions(serverAddress));
          return;
        }
        if (!seg.get(1).equals("v1")) {
          throw notFound();
        }
        if (seg.size() == 2) {
          sendJson(ex, 200, Discovery.resourceList("", "v1", store.groupVersions()));
          return;
        }
        resource(ex, method, "", "v1", seg.subList(2, seg.size()), q);
        return;
      }
      case "apis" -> {
        if (seg.size() == 1) {
          sendJson(ex, 200, Discovery.groupList(store.groupVersions()));
          return;
        }
        if (seg.size() == 2) {
          sendJson(
              ex,
              200,
              Discovery.group(seg.get(1), store.groupVersions()).orElseThrow(ApiHandler::notFound));
          return;
        }
        String g = seg.get(1);
        String v = seg.get(2);
        if (!store.groupVersions().containsKey(g + "/" + v)) {
          throw notFound();
        }
        if (seg.size() == 3) {
          sendJson(ex, 200, Discovery.resourceList(g, v, store.groupVersions()));
          return;
        }
        resource(ex, method, g, v, seg.subList(3, seg.size()), q);
        return;
      }
      default -> throw notFound();
    }
  }

  private static ApiError notFound() {
    return new ApiError(
        404, "NotFound", "the server could not find the requested resource", "", "");
  }

  private void resource(
      HttpExchange ex,
      String method,
      String group,
      String version,
      List<String> rest,
      Map<String, String> q)
      throws IOException, InterruptedException {
    String ns = "";
    List<String> r = rest;
    if (r.size() >= 3
        && r.get(0).equals("namespaces")
        && !(r.size() == 3 && (r.get(2).equals("status") || r.get(2).equals("finalize")))) {
      ns = r.get(1);
      r = r.subList(2, r.size());
    }
    if (r.size() > 3) {
      throw notFound();
    }
    String plural = r.get(0);
    String name = r.size() > 1 ? r.get(1) : "";
    String sub = r.size() > 2 ? r.get(2) : "";
    ApiResource t = store.find(group, version, plural).orElseThrow(ApiHandler::notFound);
    if (!t.namespaced() && !ns.isEmpty()) {
      throw notFound();
    }
    boolean watch = isTrue(q.get("watch"));
    String verb =
        switch (method) {
          case "GET", "HEAD" -> name.isEmpty() ? (watch ? "watch" : "list") : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
          default ->
              throw ApiError.plain(405, "MethodNotAllowed", "method " + method + " is not allowed");
        };
    ApiCall call = new ApiCall(verb, plural, sub, ns, name);
    synchronized (calls) {
      calls.addLast(call.toString());
      if (calls.size() > 1000) {
        calls.removeFirst();
      }
    }
    Duration delay = faults.latencyFor(call);
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
    Optional<Integer> fail = faults.failureFor(call);
    if (fail.isPresent()) {
      throw injected(fail.get(), t, name);
    }
    if (!sub.isEmpty() && !isKnownSub(t, sub)) {
      throw notFound();
    }
    if (t.namespaced() && ns.isEmpty() && !verb.equals("list") && !verb.equals("watch")) {
      throw notFound();
    }
    boolean dryRun = q.containsKey("dryRun");
    String accept = String.join(",", ex.getRequestHeaders().getOrDefault("Accept", List.of()));
    boolean table = accept.contains("as=Table");
    switch (verb) {
      case "list" -> list(ex, t, ns, q, table);
      case "watch" -> watch(ex, t, ns, q, table, call);
      case "get" -> get(ex, t, ns, name, sub, table, q);
      case "create" -> {
        byte[] body = body(ex);
        if (!name.isEmpty()) {
          subCreate(ex, t, ns, name, sub, body);
        } else {
          ObjectNode created = store.create(t, ns, objectBody(ex, t, body), dryRun);
          sendJson(ex, 201, created);
        }
      }
      case "update" -> update(ex, t, ns, name, sub, objectBody(ex, t, body(ex)), dryRun);
      case "patch" -> patch(ex, t, ns, name, sub, body(ex), q, dryRun);
      case "delete" -> {
        byte[] body = body(ex);
        String propagation = q.getOrDefault("propagationPolicy", "");
        java.util.OptionalLong grace =
            q.containsKey("gracePeriodSeconds")
                ? java.util.OptionalLong.of(parseLong(q.get("gracePeriodSeconds"), 0))
                : java.util.OptionalLong.empty();
        if (body.length > 0 && contentType(ex).contains("protobuf")) {
          propagation = Protobuf.propagationPolicy(body).orElse(propagation);
        } else if (body.length > 0) {
          JsonNode opts = Json.parse(body);
          propagation = opts.path("propagationPolicy").asText(propagation);
          if (opts.has("gracePeriodSeconds") && !opts.get("gracePeriodSeconds").isNull()) {
            grace = java.util.OptionalLong.of(opts.get("gracePeriodSeconds").asLong());
          }
          String uid = opts.path("preconditions").path("uid").asText("");
          String prv = opts.path("preconditions").path("resourceVersion").asText("");
          ObjectNode cur = store.get(t, ns, name).orElseThrow(() -> ApiError.notFound(t, name));
          if (!uid.isEmpty() && !uid.equals(Json.path(cur, "metadata.uid"))
              || !prv.isEmpty() && !prv.equals(Json.path(cur, "metadata.resourceVersion"))) {
            throw ApiError.conflict(t, name);
          }
        }
        sendJson(ex, 200, store.delete(t, ns, name, "Orphan".equals(propagation), dryRun, grace));
      }
      case "deletecollection" -> {
        Predicate<ObjectNode> filter = filter(q);
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (ObjectNode o : store.list(t, ns, filter)) {
          ObjectNode m = Json.meta(o);
          items.add(
              store.delete(t, Json.text(m, "namespace"), Json.text(m, "name"), false, dryRun));
        }
        ObjectNode listObj = listOf(t, items);
        sendJson(ex, 200, listObj);
      }
      default -> throw notFound();
    }
  }

  private static boolean isKnownSub(ApiResource t, String sub) {
    if (t.subresources().contains(sub)) {
      return true;
    }
    boolean pod = t.group().isEmpty() && t.kind().equals("Pod");
    return pod && List.of("eviction", "binding", "log").contains(sub);
  }

  private static ApiError injected(int code, ApiResource t, String name) {
    return switch (code) {
      case 429 ->
          ApiError.plain(
              429,
              "TooManyRequests",
              "the server has received too many requests and has asked us to try again later");
      case 500 -> ApiError.plain(500, "InternalError", "Internal error occurred: injected fault");
      case 503 ->
          ApiError.plain(
              503, "ServiceUnavailable", "the server is currently unable to handle the request");
      case 409 -> ApiError.conflict(t, name.isEmpty() ? "-" : name);
      case 404 -> ApiError.notFound(t, name);
      default -> ApiError.plain(code, "InjectedFault", "injected fault " + code);
    };
  }

  // ------------------------------------------------------------------ verbs

  private void list(HttpExchange ex, ApiResource t, String ns, Map<String, String> q, boolean table)
      throws IOException {
    long rv;
    List<ObjectNode> items;
    synchronized (store) {
      rv = store.resourceVersion();
      items = store.list(t, ns, filter(q));
    }
    if (table) {
      sendJson(
          ex,
          200,
          Tables.table(
              t,
              items,
              store.clock().instant(),
              String.valueOf(rv),
              q.getOrDefault("includeObject", "Metadata")),
          TABLE_JSON);
      return;
    }
    ArrayNode arr = Json.MAPPER.createArrayNode();
    items.forEach(arr::add);
    ObjectNode list = listOf(t, arr);
    Json.meta(list).put("resourceVersion", String.valueOf(rv));
    sendJson(ex, 200, list);
  }

  private static ObjectNode listOf(ApiResource t, ArrayNode items) {
    ObjectNode list = Json.object();
    list.put("kind", t.kind() + "List");
    list.put("apiVersion", t.apiVersion());
    list.putObject("metadata");
    list.set("items", items);
    return list;
  }

  private void get(
      HttpExchange ex,
      ApiResource t,
      String ns,
      String name,
      String sub,
      boolean table,
      Map<String, String> q)
      throws IOException {
    if (sub.equals("log")) {
      store.get(t, ns, name).orElseThrow(() -> ApiError.notFound(t, name));
      sendText(ex, 200, "");
      return;
    }
    ObjectNode o = store.get(t, ns, name).orElseThrow(() -> ApiError.notFound(t, name));
    if (sub.equals("scale")) {
      sendJson(ex, 200, scaleOf(t, o));
      return;
    }
    if (table && sub.isEmpty()) {
      sendJson(
          ex,
          200,
          Tables.table(
              t,
              List.of(o),
              store.clock().instant(),
              Json.path(o, "metadata.resourceVersion"),
              q.getOrDefault("includeObject", "Metadata")),
          TABLE_JSON);
      return;
    }
    sendJson(ex, 200, o);
  }

  private void update(
      HttpExchange ex,
      ApiResource t,
      String ns,
      String name,
      String sub,
      ObjectNode incoming,
      boolean dryRun)
      throws IOException {
    if (sub.equals("scale")) {
      ObjectNode updated =
          store.update(
              t,
              ns,
              name,
              cur -> {
                withReplicas(cur, incoming.path("spec").path("replicas"));
                String rv = Json.path(incoming, "metadata.resourceVersion");
                if (!rv.isEmpty()) {
                  Json.meta(cur).put("resourceVersion", rv);
                }
                return cur;
              },
              ObjectStore.Mode.MAIN,
              dryRun);
      sendJson(ex, 200, scaleOf(t, updated));
      return;
    }
    ObjectStore.Mode mode = sub.equals("status") ? ObjectStore.Mode.STATUS : ObjectStore.Mode.MAIN;
    sendJson(ex, 200, store.update(t, ns, name, cur -> incoming, mode, dryRun));
  }

  private void patch(
      HttpExchange ex,
      ApiResource t,
      String ns,
      String name,
      String sub,
      byte[] body,
      Map<String, String> q,
      boolean dryRun)
      throws IOException {
    String ct = contentType(ex);
    boolean custom = store.isCustom(t);
    if (ct.startsWith("application/apply-patch")) {
      apply(ex, t, ns, name, sub, body, q, dryRun, custom);
      return;
    }
    JsonNode patch = Json.parse(body);
    java.util.function.UnaryOperator<ObjectNode> change =
        switch (ct) {
          case "application/merge-patch+json" -> cur -> asObject(Patches.mergePatch(cur, patch));
          case "application/json-patch+json" -> cur -> asObject(Patches.jsonPatch(cur, patch));
          case "application/strategic-merge-patch+json" -> {
            if (custom) {
              throw ApiError.plain(
                  415,
                  "UnsupportedMediaType",
                  "the body of the request was in an unknown format - accepted media types"
                      + " include: application/json-patch+json, application/merge-patch+json,"
                      + " application/apply-patch+yaml");
            }
            if (!patch.isObject()) {
              throw ApiError.badRequest("a strategic merge patch must be a JSON object");
            }
            yield cur -> Patches.strategicMerge(cur, (ObjectNode) patch, true);
          }
          default -> throw unsupported(ct);
        };
    if (sub.equals("scale")) {
      ObjectNode updated =
          store.update(
              t,
              ns,
              name,
              cur -> {
                ObjectNode scale = change.apply(scaleOf(t, cur));
                withReplicas(cur, scale.path("spec").path("replicas"));
                return cur;
              },
              ObjectStore.Mode.MAIN,
              dryRun);
      sendJson(ex, 200, scaleOf(t, updated));
      return;
    }
    ObjectStore.Mode mode = sub.equals("status") ? ObjectStore.Mode.STATUS : ObjectStore.Mode.MAIN;
    ObjectNode result =
        store.update(
            t,
            ns,
            name,
            cur -> {
              String before = Json.path(cur, "metadata.resourceVersion");
              ObjectNode out = change.apply(cur);
              // a patch only carries a precondition when it names a resourceVersion itself
              if (Json.path(out, "metadata.resourceVersion").equals(before)) {
                Json.meta(out).remove("resourceVersion");
              }
              return out;
            },
            mode,
            dryRun);
    sendJson(ex, 200, result);
  }

  private void apply(
      HttpExchange ex,
      ApiResource t,
      String ns,
      String name,
      String sub,
      byte[] body,
      Map<String, String> q,
      boolean dryRun,
      boolean custom)
      throws IOException {
    String manager = q.getOrDefault("fieldManager", "");
    if (manager.isEmpty()) {
      throw ApiError.badRequest("fieldManager is required for apply requests");
    }
    ObjectNode config = Json.parseYamlObject(body);
    Json.meta(config).remove("managedFields");
    String bodyName = Json.path(config, "metadata.name");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiError.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    Optional<ObjectNode> live = store.get(t, ns, name);
    ObjectNode result;
    if (live.isEmpty()) {
      if (!sub.isEmpty()) {
        throw ApiError.notFound(t, name);
      }
      ObjectNode toCreate = config.deepCopy();
      Json.meta(toCreate).put("name", name);
      setManagedFields(toCreate, manager);
      result = store.create(t, ns, toCreate, dryRun);
      if (!dryRun) {
        store.rememberApplied(t, ns, name, manager, config);
      }
    } else {
      checkConflicts(t, ns, name, manager, config, isTrue(q.get("force")), !custom, dryRun);
      Optional<ObjectNode> last = store.lastApplied(t, ns, name, manager);
      ObjectStore.Mode mode =
          sub.equals("status") ? ObjectStore.Mode.STATUS : ObjectStore.Mode.MAIN;
      result =
          store.update(
              t,
              ns,
              name,
              cur -> {
                String wantRv = Json.path(config, "metadata.resourceVersion");
                ObjectNode merged = Patches.apply(cur, last, config, !custom);
                if (wantRv.isEmpty()) {
                  Json.meta(merged).remove("resourceVersion");
                }
                setManagedFields(merged, manager);
                return merged;
              },
              mode,
              dryRun);
      if (!dryRun) {
        store.rememberApplied(t, ns, name, manager, config);
      }
    }
    sendJson(ex, live.isEmpty() ? 201 : 200, result);
  }

  /**
   * Raises 409 when another apply manager last applied a different value to a field this
   * configuration sets; with {@code force} the other managers lose those fields instead.
   */
  private void checkConflicts(
      ApiResource t,
      String ns,
      String name,
      String manager,
      ObjectNode config,
      boolean force,
      boolean structural,
      boolean dryRun) {
    Map<String, JsonNode> mine = FieldOwnership.leaves(config, structural);
    List<String[]> conflicts = new ArrayList<>();
    Map<String, java.util.Set<String>> lost = new java.util.TreeMap<>();
    store
        .appliedByOthers(t, ns, name, manager)
        .forEach(
            (other, cfg) ->
                FieldOwnership.leaves(cfg, structural)
                    .forEach(
                        (path, value) -> {
                          JsonNode want = mine.get(path);
                          if (want != null && !want.equals(value)) {
                            conflicts.add(new String[] {other, path});
                            lost.computeIfAbsent(other, k -> new java.util.HashSet<>()).add(path);
                          }
                        }));
    if (conflicts.isEmpty()) {
      return;
    }
    if (!force) {
      throw ApiError.applyConflict(t, name, conflicts);
    }
    if (!dryRun) {
      Map<String, ObjectNode> others = store.appliedByOthers(t, ns, name, manager);
      lost.forEach(
          (other, paths) ->
              store.rememberApplied(
                  t,
                  ns,
                  name,
                  other,
                  FieldOwnership.without(others.get(other), paths, structural)));
    }
  }

  /** Records {@code manager} as an Apply manager; field sets are not tracked (empty). */
  private void setManagedFields(ObjectNode o, String manager) {
    ObjectNode m = Json.meta(o);
    JsonNode existing = m.get("managedFields");
    ArrayNode list = Json.MAPPER.createArrayNode();
    if (existing != null && existing.isArray()) {
      for (JsonNode e : existing) {
        if (!manager.equals(e.path("manager").asText())) {
          list.add(e);
        }
      }
    }
    ObjectNode entry = list.addObject();
    entry.put("manager", manager);
    entry.put("operation", "Apply");
    entry.put("apiVersion", Json.text(o, "apiVersion"));
    entry.put("time", Json.timestamp(store.clock().instant()));
    entry.put("fieldsType", "FieldsV1");
    entry.putObject("fieldsV1");
    m.set("managedFields", list);
  }

  private void subCreate(
      HttpExchange ex, ApiResource t, String ns, String name, String sub, byte[] body)
      throws IOException {
    switch (sub) {
      case "eviction" -> {
        store.delete(t, ns, name, false, false);
        ObjectNode ok = Json.object();
        ok.put("kind", "Status");
        ok.put("apiVersion", "v1");
        ok.putObject("metadata");
        ok.put("status", "Success");
        ok.put("code", 201);
        sendJson(ex, 201, ok);
      }
      case "binding" -> {
        JsonNode binding = Json.parse(body);
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
          throw ApiError.badRequest("binding target.name is required");
        }
        store.update(
            t,
            ns,
            name,
            cur -> {
              if (!Json.path(cur, "spec.nodeName").isEmpty()) {
                throw ApiError.conflict(t, name);
              }
              ((ObjectNode) cur.path("spec")).put("nodeName", node);
              return cur;
            },
            ObjectStore.Mode.MAIN,
            false);
        ObjectNode ok = Json.object();
        ok.put("kind", "Status");
        ok.put("apiVersion", "v1");
        ok.putObject("metadata");
        ok.put("status", "Success");
        ok.put("code", 201);
        sendJson(ex, 201, ok);
      }
      default -> throw ApiError.plain(405, "MethodNotAllowed", "POST is not allowed on " + sub);
    }
  }

  // ------------------------------------------------------------------ watch

  private void watch(
      HttpExchange ex, ApiResource t, String ns, Map<String, String> q, boolean table, ApiCall call)
      throws IOException, InterruptedException {
    if ("websocket".equalsIgnoreCase(String.valueOf(ex.getRequestHeaders().getFirst("Upgrade")))) {
      // No WebSocket support: answer 200 without upgrading. fabric8 treats a 200 (or 503) to its
      // upgrade request as "WebSockets unavailable" and retries the watch as a streaming GET.
      ex.getResponseHeaders().set("Content-Type", JSON);
      ex.sendResponseHeaders(200, -1);
      return;
    }
    boolean forcedGone = faults.goneFor(call);
    WatchChannel w = null;
    ApiError startError = null;
    if (!forcedGone) {
      try {
        w =
            store.watch(
                t,
                ns,
                filter(q),
                q.getOrDefault("resourceVersion", ""),
                isTrue(q.get("sendInitialEvents")),
                isTrue(q.get("allowWatchBookmarks")));
      } catch (ApiError e) {
        if (e.code != 410) {
          throw e;
        }
        startError = e;
      }
    } else {
      startError = ApiError.gone("too old resource version: injected 410 Gone");
    }
    ex.getResponseHeaders().set("Content-Type", JSON);
    ex.getResponseHeaders().set("Cache-Control", "no-cache, private");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    // Send the headers now: a watch may wait long for its first event, and clients (JDK 25's
    // HttpClient among them) block until they see the response headers.
    out.flush();
    if (startError != null) {
      writeEvent(out, "ERROR", startError.toStatus());
      out.close();
      return;
    }
    String include = q.getOrDefault("includeObject", "Metadata");
    long timeoutSeconds = parseLong(q.get("timeoutSeconds"), 0);
    Instant deadline = timeoutSeconds > 0 ? Instant.now().plusSeconds(timeoutSeconds) : Instant.MAX;
    try {
      while (!stopping && Instant.now().isBefore(deadline)) {
        Optional<WatchChannel.Event> next = w.next(Duration.ofMillis(200));
        if (next.isEmpty()) {
          continue;
        }
        WatchChannel.Event e = next.get();
        if (WatchChannel.isClose(e)) {
          break;
        }
        JsonNode obj = e.object();
        if (table && !e.type().equals("BOOKMARK")) {
          obj =
              Tables.table(
                  t,
                  List.of(e.object()),
                  store.clock().instant(),
                  Json.path(e.object(), "metadata.resourceVersion"),
                  include);
        }
        writeEvent(out, e.type(), obj);
      }
    } catch (IOException clientGone) {
      // the client closed the stream; nothing to report
    } finally {
      store.unwatch(w);
      w.close();
      try {
        out.close();
      } catch (IOException ignored) {
        // the client already went away
      }
    }
  }

  private static void writeEvent(OutputStream out, String type, JsonNode obj) throws IOException {
    ObjectNode ev = Json.object();
    ev.put("type", type);
    ev.set("object", obj);
    out.write(Json.bytes(ev));
    out.write('\n');
    out.flush();
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode scaleOf(ApiResource t, ObjectNode o) {
    ObjectNode s = Json.object();
    s.put("kind", "Scale");
    s.put("apiVersion", "autoscaling/v1");
    ObjectNode m = s.putObject("metadata");
    ObjectNode om = Json.meta(o);
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (om.has(f)) {
        m.set(f, om.get(f));
      }
    }
    s.putObject("spec").put("replicas", o.path("spec").path("replicas").asInt(0));
    ObjectNode st = s.putObject("status");
    st.put("replicas", o.path("status").path("replicas").asInt(0));
    JsonNode sel = o.path("spec").path("selector");
    List<String> parts = new ArrayList<>();
    if (sel.has("matchLabels")) {
      sel.path("matchLabels")
          .properties()
          .forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    } else if (sel.isObject() && !sel.has("matchExpressions")) {
      sel.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    }
    st.put("selector", String.join(",", parts));
    return s;
  }

  private static void withReplicas(ObjectNode o, JsonNode replicas) {
    if (replicas.isMissingNode() || replicas.isNull()) {
      throw ApiError.badRequest("spec.replicas is required in a Scale");
    }
    JsonNode spec = o.get("spec");
    ObjectNode s = spec instanceof ObjectNode so ? so : o.putObject("spec");
    s.put("replicas", replicas.asInt());
  }

  private static ObjectNode asObject(JsonNode n) {
    if (!(n instanceof ObjectNode o)) {
      throw ApiError.badRequest("the patch did not produce a JSON object");
    }
    return o;
  }

  private static Predicate<ObjectNode> filter(Map<String, String> q) {
    return Selectors.labels(q.getOrDefault("labelSelector", ""))
        .and(Selectors.fields(q.getOrDefault("fieldSelector", "")));
  }

  private static ApiError unsupported(String ct) {
    return ApiError.plain(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format ("
            + ct
            + ") - accepted media types"
            + " include: application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml, application/strategic-merge-patch+json");
  }

  private static String contentType(HttpExchange ex) {
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
  }

  private static byte[] body(HttpExchange ex) throws IOException {
    return ex.getRequestBody().readAllBytes();
  }

  /** Reads an object body: JSON, YAML, or protobuf for the few kinds {@link Protobuf} knows. */
  private static ObjectNode objectBody(HttpExchange ex, ApiResource t, byte[] b) {
    String ct = contentType(ex);
    if (ct.contains("protobuf")) {
      return Protobuf.decode(t, b)
          .orElseThrow(
              () ->
                  ApiError.plain(
                      415,
                      "UnsupportedMediaType",
                      "the body of the request was in an unknown format ("
                          + ct
                          + ") - protobuf is only decoded for Secret, ConfigMap and Namespace;"
                          + " accepted media types include: application/json"));
    }
    if (ct.contains("cbor")) {
      throw ApiError.plain(
          415,
          "UnsupportedMediaType",
          "the body of the request was in an unknown format ("
              + ct
              + ") - accepted media types"
              + " include: application/json");
    }
    if (ct.equals("application/yaml")) {
      return Json.parseYamlObject(b);
    }
    return Json.parseObject(b);
  }

  private static boolean acceptsJson(String accept) {
    if (accept.isBlank()) {
      return true;
    }
    for (String part : accept.split(",")) {
      String mt = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (mt.equals("application/json")
          || mt.equals("*/*")
          || mt.equals("application/*")
          || mt.endsWith("+json")
          || mt.equals("application/yaml")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq >= 0 ? pair.substring(0, eq) : pair;
      String v = eq >= 0 ? pair.substring(eq + 1) : "";
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equals("true") || v.equals("1"));
  }

  private static long parseLong(String v, long dflt) {
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid number " + v);
    }
  }

  private JsonNode version() {
    ObjectNode v = Json.object();
    v.put("major", "1");
    v.put("minor", "35");
    v.put("emulationMajor", "1");
    v.put("emulationMinor", "35");
    v.put("gitVersion", "v1.35.0-deploysafe-testkit");
    v.put("gitCommit", "0000000000000000000000000000000000000000");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-01-01T00:00:00Z");
    v.put("goVersion", "go1.25.0");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return v;
  }

  private static void sendJson(HttpExchange ex, int code, JsonNode body) throws IOException {
    sendJson(ex, code, body, JSON);
  }

  private static void sendJson(HttpExchange ex, int code, JsonNode body, String contentType)
      throws IOException {
    byte[] b = Json.bytes(body);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-cache, private");
    if (ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
      ex.sendResponseHeaders(code, -1);
      return;
    }
    ex.sendResponseHeaders(code, b.length);
    ex.getResponseBody().write(b);
  }

  private static void sendText(HttpExchange ex, int code, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
  }

  private static void sendStatus(HttpExchange ex, ApiError e) {
    try {
      if (e.code == 429 || e.code == 503) {
        ex.getResponseHeaders().set("Retry-After", "1");
      }
      sendJson(ex, e.code, e.toStatus());
    } catch (IOException | IllegalStateException ignored) {
      // headers already sent (a streaming watch) or the client went away
    }
  }
}
