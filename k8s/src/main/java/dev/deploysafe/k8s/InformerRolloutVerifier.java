package dev.deploysafe.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Verifies many workloads with one namespace-scoped informer per kind, shared by all of them;
 * level-triggered: every informer callback marks the run dirty, and a single evaluation thread (the
 * caller's) re-evaluates the whole snapshot of every undecided workload, plus a ticker for time
 * rules. Kinds whose watch is forbidden or whose informer stops fall back to LIST polling with
 * exponential back-off. One instance runs once; not thread-safe.
 */
final class InformerRolloutVerifier {

  private static final System.Logger LOG =
      System.getLogger(InformerRolloutVerifier.class.getName());
  private static final Set<Integer> PERMANENT = Set.of(401, 403, 404, 405);
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)([a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|"
              + "authorization|credentials?)[a-z0-9_.-]*[\"']?\\s*[:=]\\s*)([\"']?)"
              + "(?:bearer\\s+|basic\\s+)?[^\\s\"',}]+");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");

  private final KubernetesClient client;
  private final RolloutOptions options;
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, Integer> apiErrors = new LinkedHashMap<>();
  private final Queue<String> pendingErrors = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final Map<SourceKey, Source> sources = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> nodeLabels = new HashMap<>();
  private final Set<String> nodesTried = new java.util.HashSet<>();
  private boolean usedWatch;
  private boolean usedPoll;
  private volatile boolean closing;

  /** One informed or polled resource kind in one namespace. */
  record SourceKey(String namespace, String apiVersion, String kind) {
    @Override
    public String toString() {
      return kind + " in " + namespace;
    }
  }

  /** One workload being verified. */
  private static final class Target {
    final ResourceRef ref;
    ApplyRecord apply;
    Observations observations;
    Verdict last = Verdict.InProgress.of("not observed yet");
    Optional<WorkloadResult> result = Optional.empty();
    Optional<Snapshot> snapshot = Optional.empty();
    String lastAssisted = "";

    Target(ResourceRef ref, ApplyRecord apply) {
      this.ref = ref;
      this.apply = apply;
      this.observations = Observations.initial(apply.startedAt());
    }
  }

  InformerRolloutVerifier(KubernetesClient client, RolloutOptions options) {
    this.client = Objects.requireNonNull(client, "client");
    this.options = Objects.requireNonNull(options, "options");
  }

  // ------------------------------------------------------------------------------------------

  RolloutReport run(List<ResourceRef> refs, Map<ResourceRef, HasMetadata> applied)
      throws InterruptedException {
    Instant start = options.clock().instant();
    List<Target> targets = new ArrayList<>();
    for (ResourceRef r : refs) {
      ResourceRef ref = r.withNamespace(namespaceOf(r));
      HasMetadata a = applied.get(r);
      targets.add(
          new Target(ref, a == null ? ApplyRecord.unpinned(start) : ApplyRecord.of(a, start)));
    }
    emit(
        RolloutEvent.Type.STARTED,
        start,
        "",
        Optional.empty(),
        "verifying " + refs.size() + " workloads");
    try {
      for (Target t : targets) {
        for (SourceKey k : keysFor(t.ref)) {
          sources.computeIfAbsent(k, this::open);
        }
      }
      Instant lastEval = Instant.MIN;
      while (true) {
        Instant now = options.clock().instant();
        drainErrors(now);
        boolean polled = pollDue(now);
        replaceFailedInformers(now);
        boolean changed = dirty.getAndSet(false);
        if (changed || polled || !now.isBefore(lastEval.plus(options.tick()))) {
          lastEval = now;
          evaluateAll(targets, start, now);
        }
        if (targets.stream().allMatch(t -> t.result.isPresent())) {
          break;
        }
        options.sleeper().sleep(options.idle());
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("rollout verification interrupted");
        }
      }
    } finally {
      closing = true;
      for (Source s : sources.values()) {
        s.close();
      }
    }
    Instant end = options.clock().instant();
    drainErrors(end);
    List<WorkloadResult> results = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (Target t : targets) {
      results.add(t.result.orElseThrow());
      verdicts.add(t.result.get().verdict());
    }
    Verdict worst =
        verdicts.isEmpty()
            ? Verdict.Succeeded.of("nothing to verify", List.of())
            : Verdict.worst(verdicts);
    Map<String, Long> counts = new java.util.TreeMap<>();
    requests.forEach((k, v) -> counts.put(k, v.get()));
    List<String> errors = new ArrayList<>();
    apiErrors.forEach((m, n) -> errors.add(n > 1 ? m + " (x" + n + ")" : m));
    String mode = usedWatch && usedPoll ? "watch+poll" : usedPoll ? "poll" : "watch";
    RolloutReport report =
        new RolloutReport(results, worst, Duration.between(start, end), counts, errors, mode);
    emit(RolloutEvent.Type.FINISHED, end, "", Optional.of(worst), "finished: " + worst);
    return report;
  }

  private String namespaceOf(ResourceRef r) {
    if (!r.namespace().isEmpty()) {
      return r.namespace();
    }
    if (!options.namespace().isEmpty()) {
      return options.namespace();
    }
    String ns = client.getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  private List<SourceKey> keysFor(ResourceRef ref) {
    String ns = ref.namespace();
    List<SourceKey> keys = new ArrayList<>();
    keys.add(new SourceKey(ns, ref.apiVersion(), ref.kind()));
    if (ref.isBuiltIn()) {
      switch (ref.kind()) {
        case "Deployment" -> keys.add(new SourceKey(ns, "apps/v1", "ReplicaSet"));
        case "StatefulSet", "DaemonSet" ->
            keys.add(new SourceKey(ns, "apps/v1", "ControllerRevision"));
        default -> {}
      }
      if (!ref.kind().equals("Pod")) {
        keys.add(new SourceKey(ns, "v1", "Pod"));
      }
    }
    if (options.watchEvents()) {
      keys.add(new SourceKey(ns, "v1", "Event"));
    }
    return keys;
  }

  // ---- sources

  private Source open(SourceKey k) {
    try {
      return options.watch() ? informer(k) : polling(k);
    } catch (RuntimeException e) {
      // For example a custom resource kind the server does not know: judge it, don't throw.
      recordError(k + ": " + describe(e));
      return new FailedSource(k, e);
    }
  }

  /** A kind that could not even be opened. */
  private static final class FailedSource extends Source {
    private final Throwable cause;

    FailedSource(SourceKey key, Throwable cause) {
      super(key);
      this.cause = cause;
    }

    @Override
    List<HasMetadata> items() {
      return List.of();
    }

    @Override
    boolean synced() {
      return false;
    }

    @Override
    Optional<Throwable> unreadable() {
      return Optional.of(cause);
    }

    @Override
    void close() {}
  }

  private Source informer(SourceKey k) {
    usedWatch = true;
    String ns = k.namespace();
    String label = k.kind().toLowerCase(java.util.Locale.ROOT) + "s";
    return switch (k.kind()) {
      case "Deployment" ->
          new InformerSource<>(
              k,
              label,
              () -> client.resources(Deployment.class).inNamespace(ns).runnableInformer(0));
      case "StatefulSet" ->
          new InformerSource<>(
              k,
              label,
              () -> client.resources(StatefulSet.class).inNamespace(ns).runnableInformer(0));
      case "DaemonSet" ->
          new InformerSource<>(
              k,
              label,
              () -> client.resources(DaemonSet.class).inNamespace(ns).runnableInformer(0));
      case "ReplicaSet" ->
          new InformerSource<>(
              k,
              label,
              () -> client.resources(ReplicaSet.class).inNamespace(ns).runnableInformer(0));
      case "ControllerRevision" ->
          new InformerSource<>(
              k,
              label,
              () -> client.resources(ControllerRevision.class).inNamespace(ns).runnableInformer(0));
      case "Job" ->
          new InformerSource<>(
              k, label, () -> client.resources(Job.class).inNamespace(ns).runnableInformer(0));
      case "Pod" ->
          new InformerSource<>(
              k, label, () -> client.resources(Pod.class).inNamespace(ns).runnableInformer(0));
      case "Event" ->
          new InformerSource<>(
              k, label, () -> client.resources(Event.class).inNamespace(ns).runnableInformer(0));
      default ->
          new InformerSource<>(
              k,
              label,
              () ->
                  client
                      .genericKubernetesResources(k.apiVersion(), k.kind())
                      .inNamespace(ns)
                      .runnableInformer(0));
    };
  }

  private Source polling(SourceKey k) {
    usedPoll = true;
    String ns = k.namespace();
    String label = "list " + k.kind().toLowerCase(java.util.Locale.ROOT) + "s";
    Supplier<List<? extends HasMetadata>> lister =
        switch (k.kind()) {
          case "Deployment" ->
              () -> client.resources(Deployment.class).inNamespace(ns).list().getItems();
          case "StatefulSet" ->
              () -> client.resources(StatefulSet.class).inNamespace(ns).list().getItems();
          case "DaemonSet" ->
              () -> client.resources(DaemonSet.class).inNamespace(ns).list().getItems();
          case "ReplicaSet" ->
              () -> client.resources(ReplicaSet.class).inNamespace(ns).list().getItems();
          case "ControllerRevision" ->
              () -> client.resources(ControllerRevision.class).inNamespace(ns).list().getItems();
          case "Job" -> () -> client.resources(Job.class).inNamespace(ns).list().getItems();
          case "Pod" -> () -> client.resources(Pod.class).inNamespace(ns).list().getItems();
          case "Event" -> () -> client.resources(Event.class).inNamespace(ns).list().getItems();
          default ->
              () ->
                  client
                      .genericKubernetesResources(k.apiVersion(), k.kind())
                      .inNamespace(ns)
                      .list()
                      .getItems();
        };
    return new PollingSource(k, label, lister);
  }

  private boolean pollDue(Instant now) {
    boolean any = false;
    for (Source s : sources.values()) {
      if (s instanceof PollingSource p && p.pollIfDue(now)) {
        any = true;
      }
    }
    return any;
  }

  private void replaceFailedInformers(Instant now) {
    for (Map.Entry<SourceKey, Source> e : new ArrayList<>(sources.entrySet())) {
      if (e.getValue() instanceof InformerSource<?> inf && inf.failure.isPresent()) {
        inf.close();
        PollingSource p = (PollingSource) polling(e.getKey());
        sources.put(e.getKey(), p);
        String why = describe(inf.failure.get());
        emit(
            RolloutEvent.Type.POLLING_FALLBACK,
            now,
            "",
            Optional.empty(),
            "watching "
                + e.getKey()
                + " failed ("
                + why
                + "); polling every "
                + RolloutEvaluator.fmt(options.pollInterval()));
        p.pollIfDue(now);
        dirty.set(true);
      }
    }
  }

  /** A cache of one kind in one namespace. */
  private abstract static class Source {
    final SourceKey key;

    Source(SourceKey key) {
      this.key = key;
    }

    abstract List<HasMetadata> items();

    abstract boolean synced();

    /** A permanent failure (such as 403 on LIST) that makes this kind unreadable. */
    abstract Optional<Throwable> unreadable();

    abstract void close();
  }

  private final class InformerSource<T extends HasMetadata> extends Source {
    private final SharedIndexInformer<T> informer;
    volatile Optional<Throwable> failure = Optional.empty();

    InformerSource(SourceKey key, String label, Supplier<SharedIndexInformer<T>> factory) {
      super(key);
      informer = factory.get();
      informer.exceptionHandler(
          (started, t) -> {
            recordError(key + ": " + describe(t));
            boolean permanent = PERMANENT.contains(code(t));
            if (permanent) {
              failure = Optional.of(t);
              dirty.set(true);
            }
            return !permanent;
          });
      informer.addEventHandler(
          new ResourceEventHandler<T>() {
            @Override
            public void onBeforeList(String resourceVersion) {
              count("list " + label);
            }

            @Override
            public void onList(String resourceVersion, boolean watchList) {
              count("watch " + label);
              dirty.set(true);
            }

            @Override
            public void onAdd(T obj) {
              dirty.set(true);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
              dirty.set(true);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
              dirty.set(true);
            }
          });
      informer
          .start()
          .whenComplete(
              (v, e) -> {
                if (e != null && !closing) {
                  failure = Optional.of(e);
                  dirty.set(true);
                }
              });
      informer
          .stopped()
          .whenComplete(
              (v, e) -> {
                if (!closing) {
                  failure =
                      Optional.of(
                          e != null ? e : new IllegalStateException("informer stopped: " + key));
                  dirty.set(true);
                }
              });
    }

    @Override
    List<HasMetadata> items() {
      return new ArrayList<>(informer.getStore().list());
    }

    @Override
    boolean synced() {
      return informer.hasSynced();
    }

    @Override
    Optional<Throwable> unreadable() {
      return Optional.empty(); // a failed informer is replaced by polling, which decides
    }

    @Override
    void close() {
      informer.close();
    }
  }

  private final class PollingSource extends Source {
    private final String label;
    private final Supplier<List<? extends HasMetadata>> lister;
    private final IntervalFunction backoff;
    private List<HasMetadata> items = List.of();
    private boolean synced;
    private Optional<Throwable> forbidden = Optional.empty();
    private Instant next = Instant.MIN;
    private int errors;

    PollingSource(SourceKey key, String label, Supplier<List<? extends HasMetadata>> lister) {
      super(key);
      this.label = label;
      this.lister = lister;
      this.backoff =
          IntervalFunction.ofExponentialBackoff(
              options.pollInterval(), 2.0, options.maxPollInterval());
    }

    boolean pollIfDue(Instant now) {
      if (now.isBefore(next) || forbidden.isPresent()) {
        return false;
      }
      count(label);
      try {
        items = new ArrayList<>(lister.get());
        synced = true;
        errors = 0;
        next = now.plus(options.pollInterval());
      } catch (RuntimeException e) {
        recordError(key + ": " + describe(e));
        if (PERMANENT.contains(code(e))) {
          forbidden = Optional.of(e);
        }
        errors++;
        next = now.plusMillis(backoff.apply(errors));
      }
      return true;
    }

    @Override
    List<HasMetadata> items() {
      return items;
    }

    @Override
    boolean synced() {
      return synced;
    }

    @Override
    Optional<Throwable> unreadable() {
      return forbidden;
    }

    @Override
    void close() {}
  }

  // ---- evaluation

  private void evaluateAll(List<Target> targets, Instant start, Instant now) {
    Map<SourceKey, List<HasMetadata>> cache = new HashMap<>();
    for (Map.Entry<SourceKey, Source> e : sources.entrySet()) {
      cache.put(e.getKey(), e.getValue().synced() ? e.getValue().items() : List.of());
    }
    Map<String, Index> indexes = new HashMap<>();
    for (Target t : targets) {
      if (t.result.isPresent()) {
        continue;
      }
      Verdict v = evaluate(t, start, now, cache, indexes);
      if (v.isTerminal()) {
        if (v instanceof Verdict.Failed f) {
          v = enrich(t, f);
        }
        t.result = Optional.of(new WorkloadResult(t.ref, v, Duration.between(start, now)));
        t.last = v;
        emit(RolloutEvent.Type.VERDICT, now, t.ref.toString(), Optional.of(v), v.toString());
      } else {
        if (!shape(v).equals(shape(t.last))) {
          emit(RolloutEvent.Type.PROGRESS, now, t.ref.toString(), Optional.of(v), v.toString());
        }
        t.last = v;
        if (options.policy().assistOnDelete() && t.snapshot.isPresent()) {
          assist(t, now);
        }
      }
    }
  }

  /** Objects of one namespace indexed by controller uid and involved object. */
  private static final class Index {
    final Map<String, List<Pod>> podsByOwner = new HashMap<>();
    final Map<String, List<ReplicaSet>> rsByOwner = new HashMap<>();
    final Map<String, List<ControllerRevision>> crByOwner = new HashMap<>();
    final Map<String, List<Event>> eventsByUid = new HashMap<>();

    Index(Map<SourceKey, List<HasMetadata>> cache, String ns) {
      for (HasMetadata o : cache.getOrDefault(new SourceKey(ns, "v1", "Pod"), List.of())) {
        podsByOwner.computeIfAbsent(K8s.controllerUid(o), k -> new ArrayList<>()).add((Pod) o);
      }
      for (HasMetadata o :
          cache.getOrDefault(new SourceKey(ns, "apps/v1", "ReplicaSet"), List.of())) {
        rsByOwner.computeIfAbsent(K8s.controllerUid(o), k -> new ArrayList<>()).add((ReplicaSet) o);
      }
      for (HasMetadata o :
          cache.getOrDefault(new SourceKey(ns, "apps/v1", "ControllerRevision"), List.of())) {
        crByOwner
            .computeIfAbsent(K8s.controllerUid(o), k -> new ArrayList<>())
            .add((ControllerRevision) o);
      }
      for (HasMetadata o : cache.getOrDefault(new SourceKey(ns, "v1", "Event"), List.of())) {
        Event e = (Event) o;
        if (e.getInvolvedObject() != null && e.getInvolvedObject().getUid() != null) {
          eventsByUid
              .computeIfAbsent(e.getInvolvedObject().getUid(), k -> new ArrayList<>())
              .add(e);
        }
      }
    }
  }

  private Verdict evaluate(
      Target t,
      Instant start,
      Instant now,
      Map<SourceKey, List<HasMetadata>> cache,
      Map<String, Index> indexes) {
    Duration elapsed = Duration.between(start, now);
    boolean late = elapsed.compareTo(options.policy().budget()) >= 0;
    List<String> unreadable = new ArrayList<>();
    Verdict.Unknown.Reason unreadableReason = Verdict.Unknown.Reason.API_ERROR;
    boolean synced = true;
    for (SourceKey k : keysFor(t.ref)) {
      Source s = sources.get(k);
      boolean optional = k.kind().equals("Event") && !t.ref.kind().equals("Event");
      if (s.unreadable().isPresent()) {
        if (!optional) {
          unreadable.add(k + ": " + describe(s.unreadable().get()));
          int code = code(s.unreadable().get());
          unreadableReason =
              code == 401 || code == 403
                  ? Verdict.Unknown.Reason.FORBIDDEN
                  : code == 404
                      ? Verdict.Unknown.Reason.NOT_FOUND
                      : Verdict.Unknown.Reason.API_ERROR;
        }
      } else if (!s.synced()) {
        // Optional kinds (Events) are still waited for: a consistent view, and no informer is
        // closed while it is starting.
        synced = false;
      }
    }
    if (!unreadable.isEmpty()) {
      return new Verdict.Unknown(
          unreadableReason, "cannot read what the verdict needs", unreadable);
    }
    if (!synced) {
      if (late) {
        List<String> errs = errorLines();
        return new Verdict.Unknown(
            errs.isEmpty() ? Verdict.Unknown.Reason.TIMEOUT : Verdict.Unknown.Reason.API_ERROR,
            "no complete view of the cluster within "
                + RolloutEvaluator.fmt(options.policy().budget()),
            errs);
      }
      return Verdict.InProgress.of("waiting for the caches to sync");
    }
    String ns = t.ref.namespace();
    Index idx = indexes.computeIfAbsent(ns, n -> new Index(cache, n));
    Optional<HasMetadata> workload = Optional.empty();
    for (HasMetadata o : cache.get(new SourceKey(ns, t.ref.apiVersion(), t.ref.kind()))) {
      if (t.ref.name().equals(K8s.name(o))) {
        workload = Optional.of(o);
      }
    }
    List<ReplicaSet> rs = new ArrayList<>();
    List<ControllerRevision> crs = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    if (workload.isPresent()) {
      HasMetadata w = workload.get();
      String uid = K8s.uid(w);
      if (!t.apply.isPinned()) {
        // Pin uid and generation at first sight so replacement and supersession are detected.
        t.apply =
            new ApplyRecord(
                t.apply.uid().isEmpty() ? uid : t.apply.uid(),
                t.apply.generation() > 0 ? t.apply.generation() : Math.max(1, K8s.generation(w)),
                t.apply.startedAt(),
                t.apply.applied().isPresent() ? t.apply.applied() : Optional.of(w));
      }
      rs.addAll(idx.rsByOwner.getOrDefault(uid, List.of()));
      crs.addAll(idx.crByOwner.getOrDefault(uid, List.of()));
      if (w instanceof Pod p) {
        pods.add(p);
      } else {
        pods.addAll(idx.podsByOwner.getOrDefault(uid, List.of()));
        for (ReplicaSet r : rs) {
          pods.addAll(idx.podsByOwner.getOrDefault(K8s.uid(r), List.of()));
        }
      }
      events.addAll(idx.eventsByUid.getOrDefault(uid, List.of()));
      for (Pod p : pods) {
        if (p != w) {
          events.addAll(idx.eventsByUid.getOrDefault(K8s.uid(p), List.of()));
        }
      }
    }
    Snapshot s =
        new Snapshot(
                workload, rs, crs, pods, events, Map.copyOf(nodeLabels), t.apply, t.observations)
            .observe(now);
    t.observations = s.observations();
    t.snapshot = Optional.of(s);
    Verdict v = RolloutEvaluator.evaluate(s, options.policy(), now);
    if (v instanceof Verdict.Failed && options.fetchNodes()) {
      Set<String> nodes = new LinkedHashSet<>();
      for (Pod p : pods) {
        String n = K8s.node(p);
        if (!n.isEmpty() && !nodesTried.contains(n) && nodes.size() < 20) {
          nodes.add(n);
        }
      }
      if (!nodes.isEmpty()) {
        fetchNodes(nodes);
        v =
            RolloutEvaluator.evaluate(
                s.withNodeLabels(Map.copyOf(nodeLabels)), options.policy(), now);
      }
    }
    if (v instanceof Verdict.InProgress && late) {
      // The evaluator turns a late InProgress into Stalled/Unknown itself; this is a backstop.
      return new Verdict.Unknown(
          Verdict.Unknown.Reason.TIMEOUT, "deadline passed: " + v.message(), errorLines());
    }
    return v;
  }

  /** A verdict without its running durations, so a ticking window does not flood the listener. */
  private static String shape(Verdict v) {
    return v.toString().replaceAll("\\d+(\\.\\d+)?s\\b", "");
  }

  /** Deletes the next stale pod of an OnDelete workload when that is safe (assistOnDelete). */
  private void assist(Target t, Instant now) {
    Optional<Pod> next = RolloutEvaluator.nextStalePod(t.snapshot.get());
    if (next.isEmpty() || K8s.uid(next.get()).equals(t.lastAssisted)) {
      return;
    }
    Pod p = next.get();
    t.lastAssisted = K8s.uid(p);
    count("delete pods");
    emit(
        RolloutEvent.Type.PROGRESS,
        now,
        t.ref.toString(),
        Optional.of(t.last),
        "assistOnDelete: deleting stale pod " + K8s.name(p) + " so the controller recreates it");
    try {
      client.pods().inNamespace(t.ref.namespace()).withName(K8s.name(p)).delete();
    } catch (KubernetesClientException e) {
      recordError("delete pod " + K8s.name(p) + ": " + describe(e));
    }
  }

  private void fetchNodes(Set<String> nodes) {
    for (String n : nodes) {
      nodesTried.add(n);
      count("get nodes");
      try {
        Node node = client.nodes().withName(n).get();
        if (node != null) {
          nodeLabels.put(n, K8s.labels(node));
        }
      } catch (KubernetesClientException e) {
        recordError("node " + n + ": " + describe(e));
        if (PERMANENT.contains(e.getCode())) {
          return; // no permission for nodes: stop trying, the verdict stands without pools
        }
      }
    }
  }

  private Verdict enrich(Target t, Verdict.Failed f) {
    if (f.reason() == Verdict.Failed.Reason.IMAGE_PULL
        || f.reason() == Verdict.Failed.Reason.IMAGE_PULL_RETRYING) {
      return f.withNotes(pullSecretNotes(t, f));
    }
    if (!options.fetchLogs()) {
      return f;
    }
    Set<Verdict.Failed.Reason> crashy =
        Set.of(
            Verdict.Failed.Reason.CRASH_LOOP,
            Verdict.Failed.Reason.OOM_KILLED,
            Verdict.Failed.Reason.CONTAINER_START);
    if (!crashy.contains(f.reason())) {
      return f;
    }
    List<PodEvidence> out = new ArrayList<>();
    int fetched = 0;
    for (PodEvidence e : f.evidence()) {
      if (fetched < 3 && e.restartCount() > 0 && !e.container().isEmpty()) {
        fetched++;
        String container =
            e.container().startsWith("init:") ? e.container().substring(5) : e.container();
        count("get pods/log");
        try {
          String log =
              client
                  .pods()
                  .inNamespace(t.ref.namespace())
                  .withName(e.pod())
                  .inContainer(container)
                  .terminated()
                  .tailingLines(50)
                  .getLog();
          if (log != null && !log.isBlank()) {
            e = e.withPreviousLogTail(redact(log));
          }
        } catch (KubernetesClientException ex) {
          recordError("previous log of " + e.pod() + "/" + container + ": " + describe(ex));
        }
      }
      out.add(e);
    }
    return f.withEvidence(out);
  }

  /**
   * Names the image pull secrets the failing pods reference, directly and through their
   * ServiceAccount (§5.4, incident 1). Secret contents are never read.
   */
  private List<String> pullSecretNotes(Target t, Verdict.Failed f) {
    Set<String> podNames = new LinkedHashSet<>();
    for (PodEvidence e : f.evidence()) {
      podNames.add(e.pod());
    }
    List<String> notes = new ArrayList<>();
    Set<String> accounts = new LinkedHashSet<>();
    Set<String> direct = new LinkedHashSet<>();
    for (Pod p : t.snapshot.map(Snapshot::pods).orElse(List.of())) {
      if (!podNames.contains(K8s.name(p)) || p.getSpec() == null) {
        continue;
      }
      if (p.getSpec().getImagePullSecrets() != null) {
        p.getSpec().getImagePullSecrets().forEach(r -> direct.add(r.getName()));
      }
      accounts.add(Objects.requireNonNullElse(p.getSpec().getServiceAccountName(), "default"));
    }
    notes.add(
        "pods reference image pull secrets: "
            + (direct.isEmpty() ? "none" : String.join(", ", direct)));
    for (String sa : accounts) {
      count("get serviceaccounts");
      try {
        var account = client.serviceAccounts().inNamespace(t.ref.namespace()).withName(sa).get();
        if (account == null) {
          notes.add("ServiceAccount " + sa + " not found");
        } else {
          List<String> names = new ArrayList<>();
          if (account.getImagePullSecrets() != null) {
            account.getImagePullSecrets().forEach(r -> names.add(r.getName()));
          }
          notes.add(
              "ServiceAccount "
                  + sa
                  + " adds image pull secrets: "
                  + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
      } catch (KubernetesClientException e) {
        recordError("serviceaccount " + sa + ": " + describe(e));
      }
    }
    notes.add("check that these secrets exist and hold credentials for the image's registry");
    return notes;
  }

  /** Masks values of secret-looking keys and bearer tokens in log text. */
  static String redact(String log) {
    String r = BEARER.matcher(log).replaceAll("$1***");
    return SECRET.matcher(r).replaceAll("$1$2***");
  }

  // ---- bookkeeping

  private void count(String what) {
    requests.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  private void recordError(String message) {
    LOG.log(System.Logger.Level.DEBUG, message);
    pendingErrors.add(message);
  }

  private void drainErrors(Instant now) {
    String m;
    while ((m = pendingErrors.poll()) != null) {
      Integer n = apiErrors.get(m);
      apiErrors.put(m, n == null ? 1 : n + 1);
      if (n == null) {
        emit(RolloutEvent.Type.API_ERROR, now, "", Optional.empty(), "API error: " + m);
      }
    }
  }

  private List<String> errorLines() {
    List<String> out = new ArrayList<>(apiErrors.keySet());
    for (String s : pendingErrors) {
      out.add(s);
    }
    return out.size() > 10 ? out.subList(out.size() - 10, out.size()) : out;
  }

  private void emit(
      RolloutEvent.Type type, Instant at, String target, Optional<Verdict> v, String message) {
    options.listener().accept(new RolloutEvent(type, at, target, v, message));
  }

  static int code(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KubernetesClientException k && k.getCode() > 0) {
        return k.getCode();
      }
      if (c instanceof WatcherException w) {
        KubernetesClientException k = w.asClientException();
        if (k.getCode() > 0) {
          return k.getCode();
        }
      }
    }
    return 0;
  }

  static String describe(Throwable t) {
    int code = code(t);
    String msg = Objects.requireNonNullElse(t.getMessage(), t.getClass().getSimpleName());
    int nl = msg.indexOf('\n');
    if (nl > 0) {
      msg = msg.substring(0, nl);
    }
    if (msg.length() > 300) {
      msg = msg.substring(0, 300) + "...";
    }
    return (code > 0 ? "HTTP " + code + " " : "") + msg;
  }
}
