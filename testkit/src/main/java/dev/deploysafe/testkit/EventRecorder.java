package dev.deploysafe.testkit;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes core/v1 Events the way the real components do (repeated events are aggregated into one
 * object with a count) and appends them to the cluster timeline. Not thread-safe.
 */
final class EventRecorder {
  private final SimApi api;
  private final SimClock clock;
  private final List<TimelineEntry> timeline;
  private final Map<String, Event> byKey = new HashMap<>();
  private long seq;

  EventRecorder(SimApi api, SimClock clock, List<TimelineEntry> timeline) {
    this.api = api;
    this.clock = clock;
    this.timeline = timeline;
  }

  void normal(HasMetadata obj, String component, String reason, String message) {
    record(obj, "Normal", component, reason, message);
  }

  void warning(HasMetadata obj, String component, String reason, String message) {
    record(obj, "Warning", component, reason, message);
  }

  synchronized void record(
      HasMetadata obj, String type, String component, String reason, String message) {
    String ns = obj.getMetadata().getNamespace();
    String eventNs = ns == null ? "default" : ns;
    String now = Kube.time(clock.instant());
    String key = obj.getKind() + "/" + World.key(obj) + "/" + type + "/" + reason + "/" + message;
    timeline.add(
        new TimelineEntry(
            Duration.between(SimClock.EPOCH, clock.instant()),
            type,
            obj.getKind() + " " + (ns == null ? "" : ns + "/") + obj.getMetadata().getName(),
            reason,
            message));
    Event existing = byKey.get(key);
    if (existing != null) {
      existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
      existing.setLastTimestamp(now);
      api.quietCreateOrUpdate(existing, true).ifPresent(e -> byKey.put(key, e));
      return;
    }
    String host = component.equals("kubelet") ? Kube.nodeOf(obj) : null;
    Event e = new Event();
    e.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(eventNs)
            .withName(
                obj.getMetadata().getName()
                    + "."
                    + String.format("%016x", 0x1880000000000000L + seq++))
            .build());
    e.setInvolvedObject(
        new ObjectReferenceBuilder()
            .withApiVersion(obj.getApiVersion())
            .withKind(obj.getKind())
            .withNamespace(ns)
            .withName(obj.getMetadata().getName())
            .withUid(obj.getMetadata().getUid())
            .withResourceVersion(obj.getMetadata().getResourceVersion())
            .build());
    e.setType(type);
    e.setReason(reason);
    e.setMessage(message);
    e.setCount(1);
    e.setFirstTimestamp(now);
    e.setLastTimestamp(now);
    e.setSource(new EventSourceBuilder().withComponent(component).withHost(host).build());
    e.setReportingComponent(component);
    e.setReportingInstance(host == null ? component : host);
    api.quietCreateOrUpdate(e, false)
        .ifPresentOrElse(c -> byKey.put(key, c), () -> byKey.put(key, e));
  }
}
