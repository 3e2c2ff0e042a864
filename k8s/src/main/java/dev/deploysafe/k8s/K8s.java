package dev.deploysafe.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Null-safe reading of fabric8 model objects. Stateless and thread-safe. */
final class K8s {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String POD_TEMPLATE_HASH = "pod-template-hash";
  static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";

  private K8s() {}

  /** One condition in any object's status. */
  record Cond(String type, String status, String reason, String message, long observedGeneration) {
    boolean isTrue() {
      return "True".equals(status);
    }

    boolean isFalse() {
      return "False".equals(status);
    }
  }

  /** One container status with its kind. */
  record Cs(ContainerStatus status, boolean init) {
    String label() {
      return (init ? "init:" : "") + Objects.requireNonNullElse(status.getName(), "");
    }
  }

  static String key(HasMetadata o) {
    String uid = o.getMetadata().getUid();
    return uid == null || uid.isEmpty() ? "name:" + name(o) : uid;
  }

  static String uid(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getUid(), "");
  }

  static String name(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getName(), "");
  }

  static long generation(HasMetadata o) {
    Long g = o.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  static Map<String, String> labels(HasMetadata o) {
    Map<String, String> l = o.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  static Map<String, String> annotations(HasMetadata o) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  static boolean isTerminating(HasMetadata o) {
    return o.getMetadata().getDeletionTimestamp() != null;
  }

  static String controllerUid(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    if (refs != null) {
      for (OwnerReference r : refs) {
        if (Boolean.TRUE.equals(r.getController())) {
          return Objects.requireNonNullElse(r.getUid(), "");
        }
      }
    }
    return "";
  }

  static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  static Optional<Instant> time(String iso) {
    if (iso == null || iso.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<Instant> created(HasMetadata o) {
    return time(o.getMetadata().getCreationTimestamp());
  }

  /**
   * Slack for comparing a server creationTimestamp (whole seconds, server clock) with the client's
   * start time.
   */
  static final java.time.Duration SKEW = java.time.Duration.ofSeconds(2);

  /** Tells whether {@code o} certainly existed before {@code start} (with {@link #SKEW}). */
  static boolean createdBefore(HasMetadata o, Instant start) {
    return created(o).map(c -> c.isBefore(start.minus(SKEW))).orElse(false);
  }

  // ---- pods

  static List<Cs> containerStatuses(Pod p) {
    List<Cs> out = new ArrayList<>();
    if (p.getStatus() == null) {
      return out;
    }
    if (p.getStatus().getInitContainerStatuses() != null) {
      for (ContainerStatus c : p.getStatus().getInitContainerStatuses()) {
        out.add(new Cs(c, true));
      }
    }
    if (p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
        out.add(new Cs(c, false));
      }
    }
    return out;
  }

  static List<ContainerStatus> allContainerStatuses(Pod p) {
    List<ContainerStatus> out = new ArrayList<>();
    for (Cs c : containerStatuses(p)) {
      out.add(c.status());
    }
    return out;
  }

  static int totalRestarts(Pod p) {
    int n = 0;
    for (ContainerStatus c : allContainerStatuses(p)) {
      n += orZero(c.getRestartCount());
    }
    return n;
  }

  static String waitingReason(ContainerStatus cs) {
    if (cs.getState() == null || cs.getState().getWaiting() == null) {
      return "";
    }
    return Objects.requireNonNullElse(cs.getState().getWaiting().getReason(), "");
  }

  static String waitingMessage(ContainerStatus cs) {
    if (cs.getState() == null || cs.getState().getWaiting() == null) {
      return "";
    }
    return Objects.requireNonNullElse(cs.getState().getWaiting().getMessage(), "");
  }

  static boolean isCacheSyncMessage(String msg) {
    String m = msg.toLowerCase(java.util.Locale.ROOT);
    return m.contains("failed to sync") && m.contains("cache");
  }

  static Optional<PodCondition> podCondition(Pod p, String type) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (PodCondition c : p.getStatus().getConditions()) {
      if (type.equals(c.getType())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static boolean isPodReady(Pod p) {
    return podCondition(p, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  static boolean isUnschedulable(Pod p) {
    return podCondition(p, "PodScheduled")
        .map(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
        .orElse(false);
  }

  static String phase(Pod p) {
    return p.getStatus() == null ? "" : Objects.requireNonNullElse(p.getStatus().getPhase(), "");
  }

  static String node(Pod p) {
    return p.getSpec() == null ? "" : Objects.requireNonNullElse(p.getSpec().getNodeName(), "");
  }

  // ---- ownership

  static List<ReplicaSet> ownedReplicaSets(Snapshot s, HasMetadata owner) {
    String uid = uid(owner);
    List<ReplicaSet> out = new ArrayList<>();
    for (ReplicaSet rs : s.replicaSets()) {
      if (!uid.isEmpty() && uid.equals(controllerUid(rs))) {
        out.add(rs);
      }
    }
    return out;
  }

  static List<Pod> podsOwnedBy(Snapshot s, Set<String> ownerUids) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : s.pods()) {
      String c = controllerUid(p);
      if (!c.isEmpty() && ownerUids.contains(c)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Returns the pods that belong to the snapshot's workload (any revision). */
  static List<Pod> ownedPods(Snapshot s) {
    if (s.workload().isEmpty()) {
      return List.of();
    }
    HasMetadata w = s.workload().get();
    if (w instanceof Pod p) {
      return List.of(p);
    }
    Set<String> owners = new HashSet<>();
    if (w instanceof Deployment) {
      for (ReplicaSet rs : ownedReplicaSets(s, w)) {
        owners.add(uid(rs));
      }
    } else if (w instanceof StatefulSet
        || w instanceof DaemonSet
        || w instanceof ReplicaSet
        || w instanceof Job) {
      owners.add(uid(w));
    } else {
      return List.of();
    }
    return podsOwnedBy(s, owners);
  }

  static List<Event> eventsAbout(Snapshot s, HasMetadata o) {
    List<Event> out = new ArrayList<>();
    String uid = uid(o);
    String name = name(o);
    String kind = o.getKind();
    for (Event e : s.events()) {
      if (e.getInvolvedObject() == null) {
        continue;
      }
      String euid = Objects.requireNonNullElse(e.getInvolvedObject().getUid(), "");
      if (!uid.isEmpty() && !euid.isEmpty()) {
        if (uid.equals(euid)) {
          out.add(e);
        }
      } else if (name.equals(e.getInvolvedObject().getName())
          && (kind == null || kind.equals(e.getInvolvedObject().getKind()))) {
        out.add(e);
      }
    }
    return out;
  }

  static Instant eventTime(Event e) {
    Optional<Instant> t = time(e.getLastTimestamp());
    if (t.isEmpty() && e.getEventTime() != null) {
      t = time(e.getEventTime().getTime());
    }
    if (t.isEmpty()) {
      t = time(e.getFirstTimestamp());
    }
    if (t.isEmpty() && e.getMetadata() != null) {
      t = time(e.getMetadata().getCreationTimestamp());
    }
    return t.orElse(Instant.EPOCH);
  }

  // ---- generic status access

  static JsonNode tree(Object o) {
    return JSON.valueToTree(o);
  }

  static JsonNode status(HasMetadata o) {
    JsonNode n = tree(o).path("status");
    return n;
  }

  static List<Cond> conditions(HasMetadata o) {
    List<Cond> out = new ArrayList<>();
    for (JsonNode c : status(o).path("conditions")) {
      out.add(
          new Cond(
              c.path("type").asText(""),
              c.path("status").asText(""),
              c.path("reason").asText(""),
              c.path("message").asText(""),
              c.path("observedGeneration").asLong(0)));
    }
    return out;
  }

  static Optional<Cond> condition(HasMetadata o, String type) {
    for (Cond c : conditions(o)) {
      if (type.equals(c.type())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Returns status.observedGeneration when the field exists. */
  static Optional<Long> observedGeneration(HasMetadata o) {
    JsonNode n = status(o).path("observedGeneration");
    return n.isNumber() ? Optional.of(n.asLong()) : Optional.empty();
  }

  /** Returns the pod template (spec.template, or a Pod's spec), without the pod-template-hash. */
  static Optional<JsonNode> template(HasMetadata o) {
    JsonNode t;
    if (o instanceof Pod) {
      t = tree(o).path("spec");
    } else {
      JsonNode spec = tree(o).path("spec");
      t = spec.has("template") ? spec.path("template") : spec;
    }
    if (t.isMissingNode() || t.isNull()) {
      return Optional.empty();
    }
    JsonNode copy = t.deepCopy();
    JsonNode labels = copy.path("metadata").path("labels");
    if (labels instanceof ObjectNode on) {
      on.remove(POD_TEMPLATE_HASH);
      if (on.isEmpty()) {
        ((ObjectNode) copy.path("metadata")).remove("labels");
      }
    }
    JsonNode meta = copy.path("metadata");
    if (meta instanceof ObjectNode mo && mo.isEmpty() && copy instanceof ObjectNode co) {
      co.remove("metadata");
    }
    return Optional.of(copy);
  }

  /** Returns the names of workload-level signals present now (for grace periods). */
  static Set<String> signals(Snapshot s) {
    Set<String> out = new TreeSet<>();
    if (s.workload().isEmpty()) {
      return out;
    }
    HasMetadata w = s.workload().get();
    if (condition(w, "ReplicaFailure").map(Cond::isTrue).orElse(false)) {
      out.add("ReplicaFailure");
    }
    if (w instanceof Deployment) {
      for (ReplicaSet rs : ownedReplicaSets(s, w)) {
        if (condition(rs, "ReplicaFailure").map(Cond::isTrue).orElse(false)) {
          out.add("ReplicaFailure");
        }
      }
    }
    for (Event e : eventsAbout(s, w)) {
      if ("FailedCreate".equals(e.getReason())
          && !eventTime(e).isBefore(s.apply().startedAt().minusSeconds(1))) {
        out.add("FailedCreate");
      }
    }
    if (condition(w, "Ready").map(Cond::isTrue).orElse(false)) {
      out.add("Ready");
    }
    if (condition(w, "Available").map(Cond::isTrue).orElse(false)) {
      out.add("Available");
    }
    return out;
  }

  /** Returns a fingerprint of everything that counts as progress. */
  static String progressKey(Snapshot s) {
    if (s.workload().isEmpty()) {
      return "absent";
    }
    StringBuilder b = new StringBuilder();
    JsonNode st = status(s.workload().get()).deepCopy();
    if (st instanceof ObjectNode on) {
      on.remove("conditions");
    }
    b.append(st);
    Set<String> pods = new TreeSet<>();
    for (Pod p : ownedPods(s)) {
      pods.add(name(p) + (isPodReady(p) ? "+" : "-") + (isTerminating(p) ? "t" : ""));
    }
    b.append(pods);
    return b.toString();
  }

  static List<String> distinct(List<String> in) {
    return List.copyOf(new LinkedHashSet<>(in));
  }
}
