package dev.deploysafe.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** One open watch: a filter plus a queue of events that an HTTP thread drains to the client. */
final class WatchChannel {

  /** One watch event; {@code type} is ADDED, MODIFIED, DELETED, BOOKMARK, ERROR or CLOSE. */
  record Event(String type, ObjectNode object) {}

  private static final Event CLOSE = new Event("CLOSE", Json.object());

  final ApiResource type;
  final String namespace;
  private final Predicate<ObjectNode> filter;
  final boolean bookmarks;
  private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  WatchChannel(
      ApiResource type, String namespace, Predicate<ObjectNode> filter, boolean bookmarks) {
    this.type = type;
    this.namespace = namespace;
    this.filter = filter;
    this.bookmarks = bookmarks;
  }

  void offer(String eventType, ObjectNode o) {
    queue.add(new Event(eventType, o.deepCopy()));
  }

  void offerBookmark(ApiResource t, long rv, boolean initialEventsEnd) {
    ObjectNode o = Json.object();
    o.put("kind", t.kind());
    o.put("apiVersion", t.apiVersion());
    ObjectNode m = o.putObject("metadata");
    m.put("resourceVersion", String.valueOf(rv));
    if (initialEventsEnd) {
      m.putObject("annotations").put("k8s.io/initial-events-end", "true");
    }
    queue.add(new Event("BOOKMARK", o));
  }

  /** Turns a store change into the event this watch sees, honouring selector transitions. */
  void dispatch(ObjectStore.Change c) {
    if (closed || !c.type().storageKey().equals(type.storageKey())) {
      return;
    }
    ObjectNode o = c.object();
    if (!namespace.isEmpty()
        && type.namespaced()
        && !namespace.equals(Json.text(Json.meta(o), "namespace"))) {
      return;
    }
    boolean now = filter.test(o);
    switch (c.eventType()) {
      case "MODIFIED" -> {
        boolean before = c.previous() != null && filter.test(c.previous());
        if (before && now) {
          offer("MODIFIED", o);
        } else if (now) {
          offer("ADDED", o);
        } else if (before) {
          offer("DELETED", o);
        }
      }
      default -> {
        if (now) {
          offer(c.eventType(), o);
        }
      }
    }
  }

  /** Waits up to {@code wait} for the next event; empty on timeout. */
  Optional<Event> next(Duration wait) throws InterruptedException {
    return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Ends the watch: the HTTP stream finishes after draining what is queued. */
  void close() {
    closed = true;
    queue.add(CLOSE);
  }

  boolean isClosed() {
    return closed;
  }

  static boolean isClose(Event e) {
    return e == CLOSE;
  }
}
