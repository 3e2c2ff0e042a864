package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Server-side printing: renders objects as a {@code meta.k8s.io/v1 Table} with the columns the real
 * server prints for common kinds (k8s.io/kubernetes pkg/printers/internalversion).
 */
final class Tables {

  private record Column(
      String name, String type, String description, Function<ObjectNode, Object> cell) {}

  private Tables() {}

  static ObjectNode table(
      ApiResource t, List<ObjectNode> items, Instant now, String rv, String includeObject) {
    List<Column> cols = columns(t, now);
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", rv);
    ArrayNode defs = table.putArray("columnDefinitions");
    for (Column c : cols) {
      ObjectNode d = defs.addObject();
      d.put("name", c.name());
      d.put("type", c.type());
      d.put("format", c.name().equals("Name") ? "name" : "");
      d.put("description", c.description());
      d.put("priority", 0);
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode o : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : cols) {
        Object v = c.cell().apply(o);
        if (v instanceof Integer i) {
          cells.add(i);
        } else {
          cells.add(String.valueOf(v));
        }
      }
      if (includeObject.equals("Object")) {
        row.set("object", o);
      } else if (!includeObject.equals("None")) {
        ObjectNode p = row.putObject("object");
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        p.set("metadata", o.path("metadata").deepCopy());
      }
    }
    return table;
  }

  private static List<Column> columns(ApiResource t, Instant now) {
    List<Column> c = new ArrayList<>();
    Column name =
        new Column("Name", "string", "Name of the object", o -> Json.path(o, "metadata.name"));
    Column age =
        new Column(
            "Age",
            "string",
            "Time since creation",
            o -> age(now, Json.path(o, "metadata.creationTimestamp")));
    switch (t.group() + "/" + t.kind()) {
      case "/Pod" -> {
        c.add(name);
        c.add(new Column("Ready", "string", "Ready containers", Tables::podReady));
        c.add(new Column("Status", "string", "Pod status reason", Tables::podStatus));
        c.add(new Column("Restarts", "string", "Container restarts", Tables::podRestarts));
        c.add(age);
      }
      case "apps/Deployment" -> {
        c.add(name);
        c.add(
            new Column(
                "Ready",
                "string",
                "Ready replicas",
                o -> num(o, "status.readyReplicas") + "/" + num(o, "spec.replicas")));
        c.add(
            new Column("Up-to-date", "integer", "Updated", o -> num(o, "status.updatedReplicas")));
        c.add(
            new Column(
                "Available", "integer", "Available", o -> num(o, "status.availableReplicas")));
        c.add(age);
      }
      case "apps/ReplicaSet", "/ReplicationController" -> {
        c.add(name);
        c.add(new Column("Desired", "integer", "Desired", o -> num(o, "spec.replicas")));
        c.add(new Column("Current", "integer", "Current", o -> num(o, "status.replicas")));
        c.add(new Column("Ready", "integer", "Ready", o -> num(o, "status.readyReplicas")));
        c.add(age);
      }
      case "apps/StatefulSet" -> {
        c.add(name);
        c.add(
            new Column(
                "Ready",
                "string",
                "Ready replicas",
                o -> num(o, "status.readyReplicas") + "/" + num(o, "spec.replicas")));
        c.add(age);
      }
      case "apps/DaemonSet" -> {
        c.add(name);
        c.add(new Column("Desired", "integer", "", o -> num(o, "status.desiredNumberScheduled")));
        c.add(new Column("Current", "integer", "", o -> num(o, "status.currentNumberScheduled")));
        c.add(new Column("Ready", "integer", "", o -> num(o, "status.numberReady")));
        c.add(
            new Column("Up-to-date", "integer", "", o -> num(o, "status.updatedNumberScheduled")));
        c.add(new Column("Available", "integer", "", o -> num(o, "status.numberAvailable")));
        c.add(age);
      }
      case "/Namespace" -> {
        c.add(name);
        c.add(new Column("Status", "string", "Phase", o -> Json.path(o, "status.phase")));
        c.add(age);
      }
      case "/Node" -> {
        c.add(name);
        c.add(new Column("Status", "string", "Node readiness", Tables::nodeStatus));
        c.add(new Column("Roles", "string", "Roles", o -> "<none>"));
        c.add(age);
        c.add(
            new Column(
                "Version",
                "string",
                "Kubelet version",
                o -> Json.path(o, "status.nodeInfo.kubeletVersion")));
      }
      case "/Service" -> {
        c.add(name);
        c.add(new Column("Type", "string", "Service type", o -> Json.path(o, "spec.type")));
        c.add(
            new Column(
                "Cluster-IP", "string", "Cluster IP", o -> orNone(Json.path(o, "spec.clusterIP"))));
        c.add(new Column("External-IP", "string", "External IP", o -> "<none>"));
        c.add(new Column("Port(s)", "string", "Ports", Tables::servicePorts));
        c.add(age);
      }
      case "batch/Job" -> {
        c.add(name);
        c.add(
            new Column(
                "Completions",
                "string",
                "Succeeded/desired",
                o -> num(o, "status.succeeded") + "/" + num(o, "spec.completions")));
        c.add(age);
      }
      case "/Event" -> {
        c.add(
            new Column(
                "Last Seen", "string", "Last seen", o -> age(now, Json.path(o, "lastTimestamp"))));
        c.add(new Column("Type", "string", "Type", o -> Json.path(o, "type")));
        c.add(new Column("Reason", "string", "Reason", o -> Json.path(o, "reason")));
        c.add(
            new Column(
                "Object",
                "string",
                "Involved object",
                o ->
                    Json.path(o, "involvedObject.kind").toLowerCase(java.util.Locale.ROOT)
                        + "/"
                        + Json.path(o, "involvedObject.name")));
        c.add(new Column("Message", "string", "Message", o -> Json.path(o, "message")));
      }
      case "/ConfigMap" -> {
        c.add(name);
        c.add(new Column("Data", "integer", "Entries", o -> o.path("data").size()));
        c.add(age);
      }
      case "/Secret" -> {
        c.add(name);
        c.add(new Column("Type", "string", "Secret type", o -> Json.path(o, "type")));
        c.add(new Column("Data", "integer", "Entries", o -> o.path("data").size()));
        c.add(age);
      }
      default -> {
        c.add(name);
        c.add(age);
      }
    }
    return c;
  }

  private static Object num(ObjectNode o, String path) {
    String v = Json.path(o, path);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  private static Object podReady(ObjectNode o) {
    int total = o.path("spec").path("containers").size();
    int ready = 0;
    for (JsonNode cs : o.path("status").path("containerStatuses")) {
      if (cs.path("ready").asBoolean()) {
        ready++;
      }
    }
    return ready + "/" + total;
  }

  private static Object podRestarts(ObjectNode o) {
    int n = 0;
    for (JsonNode cs : o.path("status").path("containerStatuses")) {
      n += cs.path("restartCount").asInt();
    }
    return String.valueOf(n);
  }

  private static Object podStatus(ObjectNode o) {
    if (o.path("metadata").has("deletionTimestamp")) {
      return "Terminating";
    }
    String reason = Json.path(o, "status.reason");
    if (!reason.isEmpty()) {
      return reason;
    }
    for (JsonNode cs : o.path("status").path("containerStatuses")) {
      String waiting = cs.path("state").path("waiting").path("reason").asText("");
      if (!waiting.isEmpty()) {
        return waiting;
      }
      String terminated = cs.path("state").path("terminated").path("reason").asText("");
      if (!terminated.isEmpty()) {
        return terminated;
      }
    }
    String phase = Json.path(o, "status.phase");
    return phase.isEmpty() ? "Pending" : phase;
  }

  private static Object nodeStatus(ObjectNode o) {
    String status = "Unknown";
    for (JsonNode c : o.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        status = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
      }
    }
    if (o.path("spec").path("unschedulable").asBoolean()) {
      status += ",SchedulingDisabled";
    }
    return status;
  }

  private static Object servicePorts(ObjectNode o) {
    List<String> parts = new ArrayList<>();
    for (JsonNode p : o.path("spec").path("ports")) {
      parts.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP"));
    }
    return parts.isEmpty() ? "<none>" : String.join(",", parts);
  }

  /** Formats an age like kubectl's HumanDuration (k8s.io/apimachinery pkg/util/duration). */
  static String age(Instant now, String timestamp) {
    if (timestamp.isEmpty()) {
      return "<unknown>";
    }
    Instant then;
    try {
      then = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    long s = Math.max(0, Duration.between(then, now).getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
    }
    if (h < 48) {
      return h + "h";
    }
    return (h / 24) + "d";
  }
}
