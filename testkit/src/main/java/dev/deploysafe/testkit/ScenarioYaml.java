package dev.deploysafe.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML scenario format into a {@link Scenario}, reporting every problem with {@code
 * file:line:column}. Positions come from Jackson's YAML parser token locations.
 */
final class ScenarioYaml {
  /** A YAML value with the position where it starts. */
  record Node(Object value, int line, int column) {
    @SuppressWarnings("unchecked")
    Map<String, Node> map() {
      return (Map<String, Node>) value;
    }

    @SuppressWarnings("unchecked")
    List<Node> list() {
      return (List<Node>) value;
    }
  }

  private final String source;
  private final List<String> problems = new ArrayList<>();

  private ScenarioYaml(String source) {
    this.source = source;
  }

  static Scenario parse(String yaml, String source) {
    ScenarioYaml r = new ScenarioYaml(source);
    Node root;
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new ScenarioFormatException(List.of(source + ":1:1: empty scenario"));
      }
      root = read(p);
    } catch (IOException e) {
      var loc =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
              ? jpe.getLocation()
              : null;
      String pos = loc == null ? "1:1" : loc.getLineNr() + ":" + loc.getColumnNr();
      String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage().split("\n")[0];
      throw new ScenarioFormatException(List.of(source + ":" + pos + ": invalid YAML: " + msg));
    }
    Scenario s = r.scenario(root);
    if (!r.problems.isEmpty()) {
      throw new ScenarioFormatException(r.problems);
    }
    return s;
  }

  private static Node read(JsonParser p) throws IOException {
    var loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          m.put(key, read(p));
        }
        return new Node(m, line, col);
      }
      case START_ARRAY -> {
        List<Node> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p));
        }
        return new Node(l, line, col);
      }
      case VALUE_NULL -> {
        return new Node(null, line, col);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node(p.getBooleanValue(), line, col);
      }
      case VALUE_NUMBER_INT -> {
        return new Node(p.getLongValue(), line, col);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node(p.getDoubleValue(), line, col);
      }
      default -> {
        return new Node(p.getText(), line, col);
      }
    }
  }

  private void problem(Node at, String message) {
    problems.add(source + ":" + at.line() + ":" + at.column() + ": " + message);
  }

  private boolean isMap(Node n, String what) {
    if (n.value() instanceof Map) {
      return true;
    }
    problem(n, what + " must be a mapping");
    return false;
  }

  private boolean isList(Node n, String what) {
    if (n.value() instanceof List) {
      return true;
    }
    problem(n, what + " must be a list");
    return false;
  }

  private void onlyKeys(Node n, String what, Set<String> allowed) {
    for (Map.Entry<String, Node> e : n.map().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        problem(
            e.getValue(),
            "unknown key '"
                + e.getKey()
                + "' in "
                + what
                + " (expected one of "
                + new java.util.TreeSet<>(allowed)
                + ")");
      }
    }
  }

  private String string(Node n, String what) {
    if (n.value() instanceof String
        || n.value() instanceof Number
        || n.value() instanceof Boolean) {
      return n.value().toString();
    }
    problem(n, what + " must be a scalar");
    return "";
  }

  private Duration duration(Node n, String what) {
    try {
      return Durations.parse(string(n, what));
    } catch (IllegalArgumentException e) {
      problem(n, what + ": " + e.getMessage());
      return Duration.ZERO;
    }
  }

  private int integer(Node n, String what) {
    if (n.value() instanceof Long l) {
      return l.intValue();
    }
    problem(n, what + " must be an integer");
    return 0;
  }

  private boolean bool(Node n, String what) {
    if (n.value() instanceof Boolean b) {
      return b;
    }
    problem(n, what + " must be true or false");
    return false;
  }

  private List<String> strings(Node n, String what) {
    List<String> out = new ArrayList<>();
    if (isList(n, what)) {
      for (Node item : n.list()) {
        out.add(string(item, what + " item"));
      }
    }
    return out;
  }

  private Scenario scenario(Node root) {
    Scenario.Builder b = Scenario.builder();
    if (!isMap(root, "scenario")) {
      return b.build();
    }
    onlyKeys(
        root,
        "scenario",
        Set.of(
            "name",
            "description",
            "duration",
            "metrics",
            "registry",
            "images",
            "nodePools",
            "workloads",
            "timeline"));
    Map<String, Node> m = root.map();
    if (m.containsKey("name")) {
      b.name(string(m.get("name"), "name"));
    }
    if (m.containsKey("description")) {
      b.description(string(m.get("description"), "description"));
    }
    if (m.containsKey("duration")) {
      b.duration(duration(m.get("duration"), "duration"));
    }
    if (m.containsKey("metrics")) {
      b.metricsEnabled(bool(m.get("metrics"), "metrics"));
    }
    if (m.containsKey("registry") && isMap(m.get("registry"), "registry")) {
      Node reg = m.get("registry");
      onlyKeys(reg, "registry", Set.of("private", "unknownImages"));
      if (reg.map().containsKey("private")) {
        strings(reg.map().get("private"), "registry.private").forEach(b::privateRegistry);
      }
      if (reg.map().containsKey("unknownImages")) {
        Node u = reg.map().get("unknownImages");
        String v = string(u, "registry.unknownImages");
        switch (v) {
          case "run" -> b.unknownImagesExist(true);
          case "notFound" -> b.unknownImagesExist(false);
          default ->
              problem(u, "registry.unknownImages must be 'run' or 'notFound', got '" + v + "'");
        }
      }
    }
    if (m.containsKey("images") && isList(m.get("images"), "images")) {
      int i = 0;
      for (Node img : m.get("images").list()) {
        image(img, "images[" + i++ + "]").ifPresent(b::image);
      }
    }
    if (m.containsKey("nodePools") && isList(m.get("nodePools"), "nodePools")) {
      int i = 0;
      for (Node pool : m.get("nodePools").list()) {
        pool(pool, "nodePools[" + i++ + "]").ifPresent(b::nodePool);
      }
    }
    if (m.containsKey("workloads") && isList(m.get("workloads"), "workloads")) {
      int i = 0;
      for (Node w : m.get("workloads").list()) {
        manifest(w, "workloads[" + i++ + "]").ifPresent(b::manifest);
      }
    }
    if (m.containsKey("timeline") && isList(m.get("timeline"), "timeline")) {
      int i = 0;
      for (Node step : m.get("timeline").list()) {
        step(step, "timeline[" + i++ + "]").ifPresent(b::step);
      }
    }
    return b.build();
  }

  private java.util.Optional<Image> image(Node n, String what) {
    if (!isMap(n, what)) {
      return java.util.Optional.empty();
    }
    onlyKeys(n, what, Set.of("image", "pullTime", "behaviour"));
    Map<String, Node> m = n.map();
    if (!m.containsKey("image")) {
      problem(n, what + ": missing 'image'");
      return java.util.Optional.empty();
    }
    String ref = string(m.get("image"), what + ".image");
    if (ImageRefs.invalid(ref)) {
      problem(m.get("image"), what + ".image is not a valid image reference: '" + ref + "'");
      return java.util.Optional.empty();
    }
    ImageBehaviour behaviour =
        m.containsKey("behaviour")
            ? behaviour(m.get("behaviour"), what + ".behaviour")
            : ImageBehaviour.runs();
    Duration pull =
        m.containsKey("pullTime")
            ? duration(m.get("pullTime"), what + ".pullTime")
            : Duration.ofSeconds(2);
    return java.util.Optional.of(new Image(ref, behaviour, pull));
  }

  private ImageBehaviour behaviour(Node n, String what) {
    ImageBehaviour b = ImageBehaviour.runs();
    if (!isMap(n, what)) {
      return b;
    }
    onlyKeys(
        n,
        what,
        Set.of(
            "exitsAfter",
            "exitCode",
            "startsAfter",
            "readiness",
            "readyFor",
            "unreadyFor",
            "memory",
            "memoryAfter",
            "cpu"));
    Map<String, Node> m = n.map();
    if (m.containsKey("readiness")) {
      Node r = m.get("readiness");
      String v = string(r, what + ".readiness");
      switch (v) {
        case "ready" -> {}
        case "never" -> b = ImageBehaviour.neverReady();
        case "flaps" -> {
          if (!m.containsKey("readyFor") || !m.containsKey("unreadyFor")) {
            problem(r, what + ": readiness 'flaps' needs readyFor and unreadyFor");
          } else {
            Duration up = duration(m.get("readyFor"), what + ".readyFor");
            Duration down = duration(m.get("unreadyFor"), what + ".unreadyFor");
            if (!up.isZero() && !down.isZero()) {
              b = ImageBehaviour.flapsReadiness(up, down);
            } else {
              problem(r, what + ": readyFor and unreadyFor must be positive");
            }
          }
        }
        default -> problem(r, what + ".readiness must be ready, never or flaps, got '" + v + "'");
      }
    }
    if (m.containsKey("exitsAfter")) {
      int code = m.containsKey("exitCode") ? integer(m.get("exitCode"), what + ".exitCode") : 1;
      b = b.withExit(duration(m.get("exitsAfter"), what + ".exitsAfter"), code);
    } else if (m.containsKey("exitCode")) {
      problem(m.get("exitCode"), what + ": exitCode needs exitsAfter");
    }
    if (m.containsKey("startsAfter")) {
      b = b.startsAfter(duration(m.get("startsAfter"), what + ".startsAfter"));
    }
    if (m.containsKey("memory")) {
      String q = string(m.get("memory"), what + ".memory");
      Duration after =
          m.containsKey("memoryAfter")
              ? duration(m.get("memoryAfter"), what + ".memoryAfter")
              : Duration.ZERO;
      try {
        b = b.usesMemory(q, after);
      } catch (RuntimeException e) {
        problem(m.get("memory"), what + ".memory is not a quantity: '" + q + "'");
      }
    }
    if (m.containsKey("cpu")) {
      String q = string(m.get("cpu"), what + ".cpu");
      try {
        b = b.usesCpu(q);
      } catch (RuntimeException e) {
        problem(m.get("cpu"), what + ".cpu is not a quantity: '" + q + "'");
      }
    }
    return b;
  }

  private java.util.Optional<NodePool> pool(Node n, String what) {
    if (!isMap(n, what)) {
      return java.util.Optional.empty();
    }
    onlyKeys(
        n,
        what,
        Set.of(
            "name",
            "count",
            "cpu",
            "memory",
            "maxPods",
            "labels",
            "taints",
            "cachedImages",
            "registryCredentials"));
    Map<String, Node> m = n.map();
    if (!m.containsKey("name")) {
      problem(n, what + ": missing 'name'");
      return java.util.Optional.empty();
    }
    NodePool p;
    try {
      p =
          NodePool.of(
              string(m.get("name"), what + ".name"),
              m.containsKey("count") ? integer(m.get("count"), what + ".count") : 1);
    } catch (IllegalArgumentException e) {
      problem(m.get("name"), what + ": " + e.getMessage());
      return java.util.Optional.empty();
    }
    try {
      if (m.containsKey("cpu") || m.containsKey("memory")) {
        p =
            p.withCapacity(
                m.containsKey("cpu") ? string(m.get("cpu"), what + ".cpu") : p.cpu(),
                m.containsKey("memory") ? string(m.get("memory"), what + ".memory") : p.memory());
      }
    } catch (RuntimeException e) {
      problem(n, what + ": cpu/memory must be quantities such as \"4\" and \"16Gi\"");
    }
    if (m.containsKey("maxPods")) {
      p = p.withMaxPods(Math.max(1, integer(m.get("maxPods"), what + ".maxPods")));
    }
    if (m.containsKey("labels") && isMap(m.get("labels"), what + ".labels")) {
      for (Map.Entry<String, Node> e : m.get("labels").map().entrySet()) {
        p = p.withLabel(e.getKey(), string(e.getValue(), what + ".labels." + e.getKey()));
      }
    }
    if (m.containsKey("taints") && isList(m.get("taints"), what + ".taints")) {
      for (Node t : m.get("taints").list()) {
        try {
          p = p.withTaint(string(t, what + ".taints item"));
        } catch (IllegalArgumentException e) {
          problem(t, what + ".taints: " + e.getMessage());
        }
      }
    }
    if (m.containsKey("cachedImages")) {
      for (String img : strings(m.get("cachedImages"), what + ".cachedImages")) {
        p = p.withCachedImage(img);
      }
    }
    if (m.containsKey("registryCredentials")) {
      for (String host : strings(m.get("registryCredentials"), what + ".registryCredentials")) {
        p = p.withRegistryCredential(host);
      }
    }
    return java.util.Optional.of(p);
  }

  private java.util.Optional<String> manifest(Node n, String what) {
    if (!isMap(n, what)) {
      return java.util.Optional.empty();
    }
    Map<String, Node> m = n.map();
    for (String required : List.of("apiVersion", "kind", "metadata")) {
      if (!m.containsKey(required)) {
        problem(n, what + ": manifest is missing '" + required + "'");
        return java.util.Optional.empty();
      }
    }
    String yaml = toYaml(n);
    try {
      Object parsed = Kube.SERIALIZATION.unmarshal(yaml);
      if (!(parsed instanceof HasMetadata)) {
        problem(n, what + ": not a Kubernetes object");
        return java.util.Optional.empty();
      }
    } catch (RuntimeException e) {
      String msg =
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
      problem(n, what + ": invalid manifest: " + msg);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(yaml);
  }

  private java.util.Optional<ScenarioStep> step(Node n, String what) {
    if (!isMap(n, what)) {
      return java.util.Optional.empty();
    }
    Set<String> actions =
        Set.of(
            "apply",
            "delete",
            "drain",
            "cordon",
            "uncordon",
            "removeNode",
            "restartNode",
            "addNodePool",
            "fault");
    Set<String> allowed = new java.util.HashSet<>(actions);
    allowed.add("at");
    onlyKeys(n, what, allowed);
    Map<String, Node> m = n.map();
    if (!m.containsKey("at")) {
      problem(n, what + ": missing 'at' (e.g. at: 5m)");
      return java.util.Optional.empty();
    }
    Duration at = duration(m.get("at"), what + ".at");
    List<String> present = m.keySet().stream().filter(actions::contains).toList();
    if (present.size() != 1) {
      problem(
          n,
          what
              + ": needs exactly one action of "
              + new java.util.TreeSet<>(actions)
              + ", found "
              + present);
      return java.util.Optional.empty();
    }
    String action = present.get(0);
    Node arg = m.get(action);
    String w = what + "." + action;
    return switch (action) {
      case "apply" -> manifest(arg, w).map(y -> ScenarioStep.apply(at, y));
      case "delete" -> {
        if (!isMap(arg, w)) {
          yield java.util.Optional.empty();
        }
        onlyKeys(arg, w, Set.of("kind", "namespace", "name"));
        Map<String, Node> d = arg.map();
        if (!d.containsKey("kind") || !d.containsKey("name")) {
          problem(arg, w + " needs kind and name");
          yield java.util.Optional.empty();
        }
        yield java.util.Optional.of(
            ScenarioStep.delete(
                at,
                string(d.get("kind"), w + ".kind"),
                d.containsKey("namespace")
                    ? string(d.get("namespace"), w + ".namespace")
                    : "default",
                string(d.get("name"), w + ".name")));
      }
      case "drain" -> java.util.Optional.of(ScenarioStep.drain(at, string(arg, w)));
      case "cordon" -> java.util.Optional.of(ScenarioStep.cordon(at, string(arg, w)));
      case "uncordon" -> java.util.Optional.of(ScenarioStep.uncordon(at, string(arg, w)));
      case "removeNode" -> java.util.Optional.of(ScenarioStep.removeNode(at, string(arg, w)));
      case "restartNode" -> java.util.Optional.of(ScenarioStep.restartNode(at, string(arg, w)));
      case "fault" -> fault(arg, w, at);
      default -> pool(arg, w).map(p -> ScenarioStep.addNodePool(at, p));
    };
  }

  private java.util.Optional<ScenarioStep> fault(Node n, String what, Duration at) {
    if (n.value() instanceof String v) {
      if (v.equals("dropWatches")) {
        return java.util.Optional.of(ScenarioStep.dropWatches(at));
      }
      problem(
          n, what + " must be dropWatches, {failNext: ...} or {conflicts: ...}, got '" + v + "'");
      return java.util.Optional.empty();
    }
    if (!isMap(n, what)) {
      return java.util.Optional.empty();
    }
    onlyKeys(n, what, Set.of("failNext", "conflicts"));
    if (n.map().containsKey("failNext") && isMap(n.map().get("failNext"), what + ".failNext")) {
      Node f = n.map().get("failNext");
      onlyKeys(f, what + ".failNext", Set.of("verb", "resource", "status", "times"));
      Map<String, Node> m = f.map();
      String verb = m.containsKey("verb") ? string(m.get("verb"), what + ".failNext.verb") : "";
      String resource =
          m.containsKey("resource") ? string(m.get("resource"), what + ".failNext.resource") : "";
      int status =
          m.containsKey("status") ? integer(m.get("status"), what + ".failNext.status") : 500;
      int times = m.containsKey("times") ? integer(m.get("times"), what + ".failNext.times") : 1;
      if (status < 400 || status > 599) {
        problem(f, what + ".failNext.status must be an HTTP error status, got " + status);
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          ScenarioStep.failNext(at, verb, resource, status, Math.max(1, times)));
    }
    if (n.map().containsKey("conflicts") && isMap(n.map().get("conflicts"), what + ".conflicts")) {
      Node f = n.map().get("conflicts");
      onlyKeys(f, what + ".conflicts", Set.of("resource", "times"));
      Map<String, Node> m = f.map();
      String resource =
          m.containsKey("resource") ? string(m.get("resource"), what + ".conflicts.resource") : "";
      int times = m.containsKey("times") ? integer(m.get("times"), what + ".conflicts.times") : 1;
      return java.util.Optional.of(
          ScenarioStep.conflictOnNextUpdates(at, resource, Math.max(1, times)));
    }
    problem(n, what + " needs failNext or conflicts");
    return java.util.Optional.empty();
  }

  private static Object plain(Node n) {
    if (n.value() instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      n.map().forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (n.value() instanceof List) {
      List<Object> out = new ArrayList<>();
      n.list().forEach(v -> out.add(plain(v)));
      return out;
    }
    return n.value();
  }

  private static String toYaml(Node n) {
    try {
      ObjectMapper yaml =
          new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
      return yaml.writeValueAsString(plain(n));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render manifest", e);
    }
  }
}
