package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory object store: one global resourceVersion counter (like etcd's revision), a bounded
 * change history for watch resumption, and the watch fan-out. Every method runs under the store
 * lock, so events reach each watch in resourceVersion order.
 */
final class ObjectStore {

  enum Mode {
    MAIN,
    STATUS
  }

  /** One recorded change. {@code previous} is the object before a MODIFIED change. */
  record Change(
      long rv,
      ApiResource type,
      String eventType,
      ObjectNode object,
      @Nullable ObjectNode previous) {}

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final Clock clock;
  private final boolean gracefulPods;
  private final int historyLimit;
  private final Random names = new Random(42);
  private final Map<String, Map<String, ApiResource>> byGroupVersion = new LinkedHashMap<>();
  private final Set<String> custom = new java.util.HashSet<>();
  private final Map<String, TreeMap<String, ObjectNode>> data = new HashMap<>();
  private final Map<String, ObjectNode> applied = new HashMap<>();
  private final ArrayDeque<Change> history = new ArrayDeque<>();
  private final List<WatchChannel> watches = new CopyOnWriteArrayList<>();
  private long rv = 0;
  private long compactedRv = 0;
  private long uidCounter = 0;

  ObjectStore(Clock clock, int historyLimit, boolean gracefulPods) {
    this.gracefulPods = gracefulPods;
    this.clock = clock;
    this.historyLimit = historyLimit;
    for (ApiResource t : BuiltinResources.all()) {
      register(t, false);
    }
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      ObjectNode n = Json.object();
      n.put("apiVersion", "v1");
      n.put("kind", "Namespace");
      n.putObject("metadata").put("name", ns);
      create(namespaces(), "", n, false);
    }
  }

  Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- registry

  synchronized void register(ApiResource t, boolean isCustom) {
    byGroupVersion
        .computeIfAbsent(t.group() + "/" + t.version(), k -> new LinkedHashMap<>())
        .put(t.plural(), t);
    if (isCustom) {
      custom.add(t.storageKey());
    }
  }

  synchronized void unregister(String group, String plural) {
    for (Iterator<Map.Entry<String, Map<String, ApiResource>>> it =
            byGroupVersion.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Map<String, ApiResource>> e = it.next();
      if (e.getKey().startsWith(group + "/")) {
        e.getValue().remove(plural);
        if (e.getValue().isEmpty()) {
          it.remove();
        }
      }
    }
    data.remove(group + "/" + plural);
    custom.remove(group + "/" + plural);
  }

  synchronized Optional<ApiResource> find(String group, String version, String plural) {
    Map<String, ApiResource> m = byGroupVersion.get(group + "/" + version);
    return Optional.ofNullable(m == null ? null : m.get(plural));
  }

  synchronized Optional<ApiResource> findByKind(String apiVersion, String kind) {
    for (Map<String, ApiResource> m : byGroupVersion.values()) {
      for (ApiResource t : m.values()) {
        if (t.apiVersion().equals(apiVersion) && t.kind().equals(kind)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns group/version keys in registration order with their resources. */
  synchronized Map<String, List<ApiResource>> groupVersions() {
    Map<String, List<ApiResource>> out = new LinkedHashMap<>();
    byGroupVersion.forEach((k, v) -> out.put(k, List.copyOf(v.values())));
    return out;
  }

  synchronized boolean isCustom(ApiResource t) {
    return custom.contains(t.storageKey());
  }

  private ApiResource namespaces() {
    return find("", "v1", "namespaces").orElseThrow();
  }

  // ---------------------------------------------------------------- reads

  synchronized long resourceVersion() {
    return rv;
  }

  synchronized Optional<ObjectNode> get(ApiResource t, String ns, String name) {
    ObjectNode o = bucket(t).get(key(t, ns, name));
    return Optional.ofNullable(o == null ? null : o.deepCopy());
  }

  /** Lists matching objects; {@code ns} empty means all namespaces. */
  synchronized List<ObjectNode> list(ApiResource t, String ns, Predicate<ObjectNode> filter) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : bucket(t).values()) {
      if (inNamespace(t, o, ns) && filter.test(o)) {
        out.add(o.deepCopy());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- writes

  synchronized ObjectNode create(ApiResource t, String ns, ObjectNode obj, boolean dryRun) {
    ObjectNode o = obj.deepCopy();
    o.put("apiVersion", t.apiVersion());
    String kind = Json.text(o, "kind");
    if (!kind.isEmpty() && !kind.equals(t.kind())) {
      throw ApiError.badRequest(
          "the kind " + kind + " in the body does not match the endpoint kind " + t.kind());
    }
    o.put("kind", t.kind());
    ObjectNode m = Json.meta(o);
    String name = Json.text(m, "name");
    if (name.isEmpty()) {
      String prefix = Json.text(m, "generateName");
      if (prefix.isEmpty()) {
        throw ApiError.invalid(
            t, "", "metadata.name: Required value: name or generateName is required");
      }
      do {
        name = prefix + randomSuffix();
      } while (bucket(t).containsKey(key(t, ns, name)));
      m.put("name", name);
    }
    if (t.namespaced()) {
      String bodyNs = Json.text(m, "namespace");
      if (!bodyNs.isEmpty() && !bodyNs.equals(ns)) {
        throw ApiError.badRequest(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
      }
      if (ns.isEmpty()) {
        throw ApiError.badRequest("a namespaced object needs a namespace in the request path");
      }
      if (get(namespaces(), "", ns).isEmpty()) {
        throw ApiError.notFound(namespaces(), ns);
      }
      m.put("namespace", ns);
    } else {
      m.remove("namespace");
    }
    if (bucket(t).containsKey(key(t, ns, name))) {
      throw ApiError.alreadyExists(t, name);
    }
    m.put("uid", nextUid());
    m.put("creationTimestamp", Json.timestamp(clock.instant()));
    m.remove("deletionTimestamp");
    m.remove("deletionGracePeriodSeconds");
    if (tracksGeneration(t)) {
      m.put("generation", 1);
    } else {
      m.remove("generation");
    }
    if (t.hasStatus() && !t.kind().equals("Node")) {
      o.remove("status");
    }
    if (t.kind().equals("Pod") && t.group().isEmpty()) {
      o.putObject("status").put("phase", "Pending");
    }
    if (t.kind().equals("Namespace") && t.group().isEmpty()) {
      o.putObject("status").put("phase", "Active");
    }
    Defaults.apply(t, o);
    normalizeSecret(t, o);
    if (dryRun) {
      m.put("resourceVersion", String.valueOf(rv));
      return o;
    }
    if (t.kind().equals("CustomResourceDefinition")) {
      registerCrd(o);
    }
    long next = ++rv;
    m.put("resourceVersion", String.valueOf(next));
    bucket(t).put(key(t, ns, name), o);
    record(new Change(next, t, "ADDED", o.deepCopy(), null));
    return o.deepCopy();
  }

  /**
   * Replaces an object with what {@code change} makes of a copy of it. In {@link Mode#MAIN} the
   * stored status survives (for types with a status subresource); in {@link Mode#STATUS} only the
   * status changes. A body resourceVersion that differs from the stored one is a conflict.
   */
  synchronized ObjectNode update(
      ApiResource t,
      String ns,
      String name,
      UnaryOperator<ObjectNode> change,
      Mode mode,
      boolean dryRun) {
    ObjectNode current = bucket(t).get(key(t, ns, name));
    if (current == null) {
      throw ApiError.notFound(t, name);
    }
    ObjectNode desired = change.apply(current.deepCopy());
    ObjectNode dm = Json.meta(desired);
    String wantRv = Json.text(dm, "resourceVersion");
    ObjectNode cm = Json.meta(current);
    if (!wantRv.isEmpty() && !wantRv.equals(Json.text(cm, "resourceVersion"))) {
      throw ApiError.conflict(t, name);
    }
    String bodyName = Json.text(dm, "name");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiError.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    ObjectNode result;
    if (mode == Mode.STATUS) {
      result = current.deepCopy();
      JsonNode st = desired.get("status");
      if (st == null || st.isNull()) {
        result.remove("status");
      } else {
        result.set("status", st);
      }
    } else {
      result = desired;
      if (t.hasStatus()) {
        JsonNode st = current.get("status");
        if (st == null) {
          result.remove("status");
        } else {
          result.set("status", st.deepCopy());
        }
      }
      Defaults.apply(t, result);
      normalizeSecret(t, result);
    }
    result.put("apiVersion", t.apiVersion());
    result.put("kind", t.kind());
    ObjectNode rm = Json.meta(result);
    for (String f :
        List.of(
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "generation",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "resourceVersion")) {
      JsonNode v = cm.get(f);
      if (v == null) {
        rm.remove(f);
      } else {
        rm.set(f, v.deepCopy());
      }
    }
    if (result.equals(current)) {
      return current.deepCopy();
    }
    if (tracksGeneration(t) && specChanged(current, result)) {
      rm.put("generation", cm.path("generation").asLong(0) + 1);
    }
    if (dryRun) {
      return result;
    }
    long next = ++rv;
    rm.put("resourceVersion", String.valueOf(next));
    if (rm.has("deletionTimestamp") && finalizers(result).isEmpty()) {
      remove(t, ns, name, result, next, true);
      return result.deepCopy();
    }
    if (t.kind().equals("CustomResourceDefinition") && mode == Mode.MAIN) {
      registerCrd(result);
    }
    bucket(t).put(key(t, ns, name), result);
    record(new Change(next, t, "MODIFIED", result.deepCopy(), current));
    return result.deepCopy();
  }

  /**
   * Deletes an object: with finalizers it only gets a deletionTimestamp; otherwise it is removed
   * and its dependents (by ownerReferences uid) are garbage-collected unless orphaned.
   */
  synchronized ObjectNode delete(
      ApiResource t, String ns, String name, boolean orphan, boolean dryRun) {
    return delete(t, ns, name, orphan, dryRun, java.util.OptionalLong.empty());
  }

  /**
   * Deletes like {@link #delete(ApiResource, String, String, boolean, boolean)}, honouring a
   * requested grace period for pods when graceful pod deletion is on.
   */
  synchronized ObjectNode delete(
      ApiResource t,
      String ns,
      String name,
      boolean orphan,
      boolean dryRun,
      java.util.OptionalLong gracePeriod) {
    ObjectNode current = bucket(t).get(key(t, ns, name));
    if (current == null) {
      throw ApiError.notFound(t, name);
    }
    if (dryRun) {
      return current.deepCopy();
    }
    boolean scheduledPod =
        gracefulPods
            && t.group().isEmpty()
            && t.kind().equals("Pod")
            && !Json.path(current, "spec.nodeName").isEmpty();
    long grace =
        gracePeriod.orElse(current.path("spec").path("terminationGracePeriodSeconds").asLong(30));
    if (scheduledPod && grace > 0) {
      if (Json.meta(current).has("deletionTimestamp")) {
        return current.deepCopy();
      }
      ObjectNode result = current.deepCopy();
      ObjectNode rm = Json.meta(result);
      rm.put("deletionTimestamp", Json.timestamp(clock.instant().plusSeconds(grace)));
      rm.put("deletionGracePeriodSeconds", grace);
      long next = ++rv;
      rm.put("resourceVersion", String.valueOf(next));
      bucket(t).put(key(t, ns, name), result);
      record(new Change(next, t, "MODIFIED", result.deepCopy(), current));
      return result.deepCopy();
    }
    if (!finalizers(current).isEmpty()) {
      if (Json.meta(current).has("deletionTimestamp")) {
        return current.deepCopy();
      }
      ObjectNode result = current.deepCopy();
      ObjectNode rm = Json.meta(result);
      rm.put("deletionTimestamp", Json.timestamp(clock.instant()));
      rm.put("deletionGracePeriodSeconds", 0);
      if (tracksGeneration(t)) {
        rm.put("generation", rm.path("generation").asLong(0) + 1);
      }
      long next = ++rv;
      rm.put("resourceVersion", String.valueOf(next));
      bucket(t).put(key(t, ns, name), result);
      record(new Change(next, t, "MODIFIED", result.deepCopy(), current));
      return result.deepCopy();
    }
    long next = ++rv;
    ObjectNode result = current.deepCopy();
    Json.meta(result).put("resourceVersion", String.valueOf(next));
    remove(t, ns, name, result, next, !orphan);
    return result.deepCopy();
  }

  private void remove(
      ApiResource t, String ns, String name, ObjectNode last, long atRv, boolean collect) {
    bucket(t).remove(key(t, ns, name));
    String prefix = t.storageKey() + "/" + ns + "/" + name + "/";
    applied.keySet().removeIf(k -> k.startsWith(prefix));
    record(new Change(atRv, t, "DELETED", last.deepCopy(), null));
    if (t.kind().equals("CustomResourceDefinition")) {
      JsonNode spec = last.path("spec");
      unregister(spec.path("group").asText(), spec.path("names").path("plural").asText());
    }
    if (t.kind().equals("Namespace") && t.group().isEmpty()) {
      for (Map<String, ApiResource> m : List.copyOf(byGroupVersion.values())) {
        for (ApiResource other : List.copyOf(m.values())) {
          if (other.namespaced()) {
            for (ObjectNode o : list(other, name, x -> true)) {
              String n = Json.text(Json.meta(o), "name");
              if (bucket(other).containsKey(key(other, name, n))) {
                forceRemove(other, name, n);
              }
            }
          }
        }
      }
    }
    if (collect) {
      String uid = Json.text(Json.meta(last), "uid");
      for (Map<String, ApiResource> m : List.copyOf(byGroupVersion.values())) {
        for (ApiResource other : List.copyOf(m.values())) {
          for (ObjectNode o : list(other, "", x -> ownedBy(x, uid))) {
            ObjectNode om = Json.meta(o);
            String n = Json.text(om, "name");
            String ons = Json.text(om, "namespace");
            if (bucket(other).containsKey(key(other, ons, n))) {
              delete(other, ons, n, false, false);
            }
          }
        }
      }
    }
  }

  private void forceRemove(ApiResource t, String ns, String name) {
    ObjectNode cur = bucket(t).get(key(t, ns, name));
    long next = ++rv;
    ObjectNode last = cur.deepCopy();
    Json.meta(last).put("resourceVersion", String.valueOf(next));
    remove(t, ns, name, last, next, true);
  }

  private static boolean ownedBy(ObjectNode o, String uid) {
    for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
      if (uid.equals(ref.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- server-side apply memory

  synchronized Optional<ObjectNode> lastApplied(ApiResource t, String ns, String name, String mgr) {
    ObjectNode o = applied.get(t.storageKey() + "/" + ns + "/" + name + "/" + mgr);
    return Optional.ofNullable(o == null ? null : o.deepCopy());
  }

  /** Returns the last applied configuration of every other apply manager of this object. */
  synchronized Map<String, ObjectNode> appliedByOthers(
      ApiResource t, String ns, String name, String mgr) {
    String prefix = t.storageKey() + "/" + ns + "/" + name + "/";
    Map<String, ObjectNode> out = new java.util.TreeMap<>();
    applied.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && !k.substring(prefix.length()).equals(mgr)) {
            out.put(k.substring(prefix.length()), v.deepCopy());
          }
        });
    return out;
  }

  synchronized void rememberApplied(
      ApiResource t, String ns, String name, String mgr, ObjectNode config) {
    applied.put(t.storageKey() + "/" + ns + "/" + name + "/" + mgr, config.deepCopy());
  }

  // ---------------------------------------------------------------- watches

  /**
   * Opens a watch. {@code fromRv} empty or "0" sends synthetic ADDED events for current objects; a
   * number replays changes after it, or fails with 410 Gone when history no longer holds them.
   */
  synchronized WatchChannel watch(
      ApiResource t,
      String ns,
      Predicate<ObjectNode> filter,
      String fromRv,
      boolean initialEvents,
      boolean bookmarks) {
    WatchChannel w = new WatchChannel(t, ns, filter, bookmarks);
    boolean synthetic = fromRv.isEmpty() || fromRv.equals("0") || initialEvents;
    if (synthetic) {
      for (ObjectNode o : list(t, ns, filter)) {
        w.offer("ADDED", o);
      }
      if (initialEvents) {
        w.offerBookmark(t, rv, true);
      }
    } else {
      long from;
      try {
        from = Long.parseLong(fromRv);
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("invalid resourceVersion " + fromRv);
      }
      if (from < compactedRv) {
        throw ApiError.gone("too old resource version: " + from + " (" + compactedRv + ")");
      }
      for (Change c : history) {
        if (c.rv() > from) {
          w.dispatch(c);
        }
      }
    }
    watches.add(w);
    return w;
  }

  void unwatch(WatchChannel w) {
    watches.remove(w);
  }

  List<WatchChannel> openWatches() {
    return List.copyOf(watches);
  }

  /** Forgets the change history, so every watch resuming from an older version gets 410. */
  synchronized void compact() {
    history.clear();
    compactedRv = rv;
  }

  private void record(Change c) {
    history.addLast(c);
    while (history.size() > historyLimit) {
      compactedRv = history.removeFirst().rv();
    }
    for (WatchChannel w : watches) {
      w.dispatch(c);
    }
  }

  // ---------------------------------------------------------------- helpers

  boolean tracksGeneration(ApiResource t) {
    return t.hasStatus() || custom.contains(t.storageKey());
  }

  private static boolean specChanged(ObjectNode a, ObjectNode b) {
    Set<String> keys = new java.util.HashSet<>();
    a.fieldNames().forEachRemaining(keys::add);
    b.fieldNames().forEachRemaining(keys::add);
    keys.removeAll(List.of("metadata", "status", "kind", "apiVersion"));
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> finalizers(ObjectNode o) {
    List<String> out = new ArrayList<>();
    o.path("metadata").path("finalizers").forEach(f -> out.add(f.asText()));
    return out;
  }

  private static void normalizeSecret(ApiResource t, ObjectNode o) {
    if (!t.kind().equals("Secret") || !t.group().isEmpty()) {
      return;
    }
    JsonNode sd = o.remove("stringData");
    if (sd instanceof ObjectNode) {
      ObjectNode d =
          o.has("data") && o.get("data").isObject()
              ? (ObjectNode) o.get("data")
              : o.putObject("data");
      sd.properties()
          .forEach(
              e ->
                  d.put(
                      e.getKey(),
                      Base64.getEncoder()
                          .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
  }

  private void registerCrd(ObjectNode crd) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    JsonNode names = spec.path("names");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
    List<String> categories = new ArrayList<>();
    names.path("categories").forEach(n -> categories.add(n.asText()));
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(true)) {
        continue;
      }
      List<String> subs = new ArrayList<>();
      v.path("subresources").fieldNames().forEachRemaining(subs::add);
      register(
          new ApiResource(
              group,
              v.path("name").asText(),
              names.path("kind").asText(),
              names.path("plural").asText(),
              !"Cluster".equals(spec.path("scope").asText()),
              shortNames,
              subs,
              categories),
          true);
    }
    ObjectNode status = crd.putObject("status");
    ArrayNode conds = status.putArray("conditions");
    for (String type : List.of("NamesAccepted", "Established")) {
      ObjectNode c = conds.addObject();
      c.put("type", type);
      c.put("status", "True");
      c.put("reason", type.equals("Established") ? "InitialNamesAccepted" : "NoConflicts");
      c.put("lastTransitionTime", Json.timestamp(clock.instant()));
    }
    status.set("acceptedNames", names.deepCopy());
    status.putArray("storedVersions");
  }

  private TreeMap<String, ObjectNode> bucket(ApiResource t) {
    return data.computeIfAbsent(t.storageKey(), k -> new TreeMap<>());
  }

  private static String key(ApiResource t, String ns, String name) {
    return (t.namespaced() ? ns : "") + "/" + name;
  }

  private static boolean inNamespace(ApiResource t, ObjectNode o, String ns) {
    return ns.isEmpty() || !t.namespaced() || ns.equals(Json.text(Json.meta(o), "namespace"));
  }

  private String randomSuffix() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append(ALPHABET.charAt(names.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private String nextUid() {
    uidCounter++;
    return new UUID(0x7e57c10000004000L, 0x8000000000000000L | uidCounter).toString();
  }
}
