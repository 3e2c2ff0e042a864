package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaulting the real API server applies to the common workload kinds, so controllers and
 * checks see the fields they expect (strategy, revisionHistoryLimit, progressDeadlineSeconds...).
 * Values mirror k8s.io/kubernetes pkg/apis/apps/v1/defaults.go and core/v1/defaults.go.
 */
final class Defaults {
  private Defaults() {}

  static void apply(ApiResource t, ObjectNode o) {
    if (t.group().isEmpty() && t.kind().equals("Secret") && !o.has("type")) {
      o.put("type", "Opaque");
    }
    JsonNode specNode = o.get("spec");
    if (!(specNode instanceof ObjectNode spec)) {
      return;
    }
    String gk = t.group() + "/" + t.kind();
    switch (gk) {
      case "apps/Deployment" -> {
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        ObjectNode strategy = object(spec, "strategy");
        if (!strategy.has("type")) {
          strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
          ObjectNode ru = object(strategy, "rollingUpdate");
          if (!ru.has("maxUnavailable")) {
            ru.put("maxUnavailable", "25%");
          }
          if (!ru.has("maxSurge")) {
            ru.put("maxSurge", "25%");
          }
        }
        podTemplate(spec);
      }
      case "apps/StatefulSet" -> {
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        if (!spec.has("podManagementPolicy")) {
          spec.put("podManagementPolicy", "OrderedReady");
        }
        ObjectNode us = object(spec, "updateStrategy");
        if (!us.has("type")) {
          us.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(us.path("type").asText())) {
          putIfAbsent(object(us, "rollingUpdate"), "partition", 0);
        }
        podTemplate(spec);
      }
      case "apps/DaemonSet" -> {
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode us = object(spec, "updateStrategy");
        if (!us.has("type")) {
          us.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(us.path("type").asText())) {
          ObjectNode ru = object(us, "rollingUpdate");
          putIfAbsent(ru, "maxUnavailable", 1);
          putIfAbsent(ru, "maxSurge", 0);
        }
        podTemplate(spec);
      }
      case "apps/ReplicaSet", "/ReplicationController" -> {
        putIfAbsent(spec, "replicas", 1);
        podTemplate(spec);
      }
      case "batch/Job" -> {
        putIfAbsent(spec, "parallelism", 1);
        putIfAbsent(spec, "completions", 1);
        putIfAbsent(spec, "backoffLimit", 6);
        podTemplate(spec);
      }
      case "/Pod" -> podSpec(spec);
      case "/Service" -> {
        if (!spec.has("type")) {
          spec.put("type", "ClusterIP");
        }
      }
      default -> {}
    }
  }

  private static void podTemplate(ObjectNode spec) {
    JsonNode tpl = spec.get("template");
    if (tpl instanceof ObjectNode t && t.get("spec") instanceof ObjectNode ps) {
      podSpec(ps);
    }
  }

  private static void podSpec(ObjectNode ps) {
    if (!ps.has("restartPolicy")) {
      ps.put("restartPolicy", "Always");
    }
    putIfAbsent(ps, "terminationGracePeriodSeconds", 30);
    if (!ps.has("dnsPolicy")) {
      ps.put("dnsPolicy", "ClusterFirst");
    }
    if (!ps.has("schedulerName")) {
      ps.put("schedulerName", "default-scheduler");
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : ps.path(list)) {
        if (c instanceof ObjectNode co && !co.has("imagePullPolicy")) {
          String image = co.path("image").asText();
          String afterSlash = image.substring(image.lastIndexOf('/') + 1);
          boolean latest =
              !image.contains("@") && (!afterSlash.contains(":") || afterSlash.endsWith(":latest"));
          co.put("imagePullPolicy", latest ? "Always" : "IfNotPresent");
        }
      }
    }
  }

  private static void putIfAbsent(ObjectNode n, String field, int value) {
    if (!n.has(field) || n.get(field).isNull()) {
      n.put(field, value);
    }
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }
}
