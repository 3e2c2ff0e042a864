package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy (unaggregated) discovery documents: {@code APIVersions}, {@code APIGroupList}, {@code
 * APIGroup} and {@code APIResourceList}. Clients that ask for aggregated discovery
 * (apidiscovery.k8s.io/v2) get these with {@code Content-Type: application/json}, which client-go
 * reads as "aggregated discovery not served" and then walks the group versions one by one.
 */
final class Discovery {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private Discovery() {}

  static ObjectNode apiVersions(String serverAddress) {
    ObjectNode n = Json.object();
    n.put("kind", "APIVersions");
    n.putArray("versions").add("v1");
    ObjectNode cidr = n.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return n;
  }

  static ObjectNode groupList(Map<String, List<ApiResource>> gvs) {
    ObjectNode n = Json.object();
    n.put("kind", "APIGroupList");
    n.put("apiVersion", "v1");
    ArrayNode groups = n.putArray("groups");
    for (String g : groups(gvs).keySet()) {
      groups.add(group(g, gvs).orElseThrow());
    }
    return n;
  }

  static Optional<ObjectNode> group(String name, Map<String, List<ApiResource>> gvs) {
    List<String> versions = groups(gvs).get(name);
    if (versions == null) {
      return Optional.empty();
    }
    ObjectNode g = Json.object();
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    g.put("name", name);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode e = vs.addObject();
      e.put("groupVersion", name + "/" + v);
      e.put("version", v);
    }
    ObjectNode pref = g.putObject("preferredVersion");
    pref.put("groupVersion", name + "/" + versions.get(0));
    pref.put("version", versions.get(0));
    return Optional.of(g);
  }

  private static Map<String, List<String>> groups(Map<String, List<ApiResource>> gvs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String gv : gvs.keySet()) {
      int slash = gv.indexOf('/');
      String g = gv.substring(0, slash);
      if (g.isEmpty()) {
        continue;
      }
      out.computeIfAbsent(g, k -> new java.util.ArrayList<>()).add(gv.substring(slash + 1));
    }
    return out;
  }

  static ObjectNode resourceList(String group, String version, Map<String, List<ApiResource>> gvs) {
    ObjectNode n = Json.object();
    n.put("kind", "APIResourceList");
    n.put("apiVersion", "v1");
    n.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode rs = n.putArray("resources");
    for (ApiResource t : gvs.getOrDefault(group + "/" + version, List.of())) {
      ObjectNode r = rs.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      VERBS.forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode sn = r.putArray("shortNames");
        t.shortNames().forEach(sn::add);
      }
      if (!t.categories().isEmpty()) {
        ArrayNode cs = r.putArray("categories");
        t.categories().forEach(cs::add);
      }
      if (t.hasStatus()) {
        sub(rs, t, "status", t.kind(), "", "", List.of("get", "patch", "update"));
      }
      if (t.hasScale()) {
        sub(rs, t, "scale", "Scale", "autoscaling", "v1", List.of("get", "patch", "update"));
      }
      if (t.group().isEmpty() && t.kind().equals("Pod")) {
        sub(rs, t, "eviction", "Eviction", "policy", "v1", List.of("create"));
        sub(rs, t, "binding", "Binding", "", "", List.of("create"));
        sub(rs, t, "log", "Pod", "", "", List.of("get"));
      }
    }
    return n;
  }

  private static void sub(
      ArrayNode rs,
      ApiResource t,
      String sub,
      String kind,
      String group,
      String version,
      List<String> verbs) {
    ObjectNode r = rs.addObject();
    r.put("name", t.plural() + "/" + sub);
    r.put("singularName", "");
    r.put("namespaced", t.namespaced());
    if (!group.isEmpty()) {
      r.put("group", group);
    }
    if (!version.isEmpty()) {
      r.put("version", version);
    }
    r.put("kind", kind);
    ArrayNode vs = r.putArray("verbs");
    verbs.forEach(vs::add);
  }
}
