package dev.deploysafe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysafe.k8s.ResourceRef;
import dev.deploysafe.k8s.RolloutOptions;
import dev.deploysafe.k8s.RolloutPolicy;
import dev.deploysafe.k8s.RolloutReport;
import dev.deploysafe.k8s.Rollouts;
import dev.deploysafe.k8s.Verdict;
import dev.deploysafe.testkit.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures, per rollout scenario, deploysafe's time to verdict next to the real {@code kubectl
 * rollout status} (peer binary from {@code DEPLOYSAFE_KUBECTL}) on the same testkit API server, and
 * the API requests each made. Cluster states are scripted through the status subresources (no
 * simulated controllers). Each scenario runs on a fresh server {@code RUNS} times (default 3); the
 * table shows medians. Usage: {@code RolloutVsKubectl [RUNS]}.
 */
public final class RolloutVsKubectl {

  private RolloutVsKubectl() {}

  private static final String NS = "prod";
  private static final String BEFORE = "2026-01-01T00:00:00Z";
  private static final String AFTER = "2026-03-20T16:46:01Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Stability window used by the healthy and transient scenarios (the default is 10 s). */
  private static final Duration WINDOW = Duration.ofSeconds(2);

  /** How long kubectl may wait where it has no verdict of its own. */
  private static final String KUBECTL_TIMEOUT = "20s";

  /** One measured deploysafe run. */
  private record DsRun(String verdict, long millis, long requests) {}

  /** One measured kubectl run. */
  private record KRun(int exit, String outcome, long millis, long requests) {}

  /** Scripts one scenario on a server. */
  private interface Scenario {
    /** Writes the state deploysafe and kubectl start from. */
    void setup(KubernetesClient c);

    /**
     * Writes the failure signal while deploysafe watches (empty for scenarios whose state is
     * complete at setup); returns true when it wrote something.
     */
    boolean signal(KubernetesClient c) throws InterruptedException;

    /** The state kubectl is shown (after the signal for failure scenarios). */
    default void beforeKubectl(KubernetesClient c) throws InterruptedException {
      signal(c);
    }
  }

  /** Runs the comparison and prints the table. */
  public static void main(String... args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String kubectl = System.getenv("DEPLOYSAFE_KUBECTL");
    if (kubectl == null) {
      throw new IllegalStateException("run eval \"$(scripts/install-peers.sh --env)\" first");
    }
    Path dir = Files.createTempDirectory("rollout-bench");
    List<String> rows = new ArrayList<>();

    rows.add(
        row(
            "1 StatefulSet OnDelete, image changed",
            "statefulset/boskos",
            onDelete(),
            options(),
            false,
            runs,
            kubectl,
            dir,
            false));
    rows.add(
        row(
            "2 Deployment, ErrImagePull not found (2 attempts)",
            "deployment/api",
            imagePull(),
            options(),
            true,
            runs,
            kubectl,
            dir,
            true));
    rows.add(
        row(
            "3 Deployment, CrashLoopBackOff restartCount 2",
            "deployment/hub",
            crashLoop(),
            options(),
            true,
            runs,
            kubectl,
            dir,
            true));
    rows.add(
        row(
            "4 Deployment, transient Ready then crash 1 s later (default 10 s window)",
            "deployment/flap",
            transientReady(),
            options(),
            true,
            runs,
            kubectl,
            dir,
            false));
    rows.add(
        row(
            "5 Deployment, healthy (" + WINDOW.toSeconds() + " s window, default 10 s)",
            "deployment/web",
            healthy(),
            options().withPolicy(RolloutPolicy.defaults().withStabilityWindow(WINDOW)),
            false,
            runs,
            kubectl,
            dir,
            false));
    rows.add(manyWorkloads(500));

    System.out.println();
    System.out.println(
        "| scenario | deploysafe verdict | time to verdict | API requests | kubectl result"
            + " | kubectl time | kubectl API requests | speed-up vs kubectl default |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.println(
        "Medians of "
            + runs
            + " runs on a fresh testkit EmbeddedApiServer each; deploysafe time is measured from"
            + " the write of the failure signal (scenarios 2-4) or from the call (1, 5, 6) to the"
            + " verdict; kubectl time is the process wall time; API requests are resource calls"
            + " (discovery excluded for kubectl). Default kubectl behaviour on pull/crash failures:"
            + " wait for progressDeadlineSeconds=600 s.");
  }

  private static RolloutOptions options() {
    return RolloutOptions.defaults()
        .withNamespace(NS)
        .withFetchLogs(false)
        .withTimeout(Duration.ofSeconds(60));
  }

  private static String row(
      String name,
      String ref,
      Scenario s,
      RolloutOptions o,
      boolean async,
      int runs,
      String kubectl,
      Path dir,
      boolean pullOrCrash)
      throws Exception {
    List<DsRun> ds = new ArrayList<>();
    List<KRun> ks = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
        KubernetesClient c = api.client();
        namespace(c);
        s.setup(c);
        ds.add(deploysafe(c, ref, s, o, async));
      }
      try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
        KubernetesClient c = api.client();
        namespace(c);
        s.setup(c);
        s.beforeKubectl(c);
        ks.add(kubectl(api, kubectl, dir, ref));
      }
      System.err.printf(
          "%s run %d: deploysafe %s; kubectl %s%n", name, i + 1, ds.get(i), ks.get(i));
    }
    String verdict = ds.get(ds.size() - 1).verdict();
    long dsMs = median(ds.stream().mapToLong(DsRun::millis).toArray());
    long dsReq = median(ds.stream().mapToLong(DsRun::requests).toArray());
    long kMs = median(ks.stream().mapToLong(KRun::millis).toArray());
    long kReq = median(ks.stream().mapToLong(KRun::requests).toArray());
    String kOutcome = ks.get(ks.size() - 1).outcome();
    String speedup;
    if (pullOrCrash) {
      speedup = String.format(Locale.ROOT, "%.0f× (600 s / %s)", 600_000.0 / dsMs, secs(dsMs));
    } else if (kOutcome.startsWith("exit 0") && !verdict.startsWith("Succeeded")) {
      speedup = "n/a: kubectl false success";
    } else if (!kOutcome.startsWith("exit 0")) {
      speedup = "n/a: kubectl has no verdict";
    } else {
      speedup =
          String.format(
              Locale.ROOT,
              "%.2f× (deploysafe waits its stability window by design; kubectl trusts the first"
                  + " available == updated)",
              (double) kMs / dsMs);
    }
    return "| "
        + name
        + " | "
        + verdict
        + " | "
        + secs(dsMs)
        + " | "
        + dsReq
        + " | "
        + kOutcome
        + " | "
        + secs(kMs)
        + " | "
        + kReq
        + " | "
        + speedup
        + " |";
  }

  private static DsRun deploysafe(
      KubernetesClient c, String ref, Scenario s, RolloutOptions o, boolean async)
      throws Exception {
    List<ResourceRef> refs = List.of(ResourceRef.parse(ref));
    if (!async) {
      long t0 = System.nanoTime();
      RolloutReport r = Rollouts.verify(c, refs, o);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new DsRun(label(r.verdict()), ms, r.totalRequests());
    }
    CompletableFuture<RolloutReport> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Rollouts.verify(c, refs, o);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    // Let the verifier list, open its watches and see the starting state.
    Thread.sleep(1000);
    if (run.isDone()) {
      RolloutReport r = run.get();
      return new DsRun("early " + label(r.verdict()), 0, r.totalRequests());
    }
    s.signal(c);
    long t0 = System.nanoTime();
    RolloutReport r = run.get(90, TimeUnit.SECONDS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new DsRun(label(r.verdict()), ms, r.totalRequests());
  }

  private static KRun kubectl(EmbeddedApiServer api, String bin, Path dir, String ref)
      throws Exception {
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig-" + System.nanoTime()));
    List<String> cmd =
        List.of(
            bin,
            "--kubeconfig=" + kubeconfig,
            "--cache-dir=" + dir.resolve("cache"),
            "rollout",
            "status",
            ref,
            "-n",
            NS,
            "--timeout=" + KUBECTL_TIMEOUT);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    int before = api.recentCalls().size();
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl did not finish: " + cmd);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    int after = api.recentCalls().size();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    int exit = p.exitValue();
    String outcome;
    if (exit == 0 && stdout.contains("successfully rolled out")) {
      outcome = "exit 0 \"successfully rolled out\"";
    } else if (stderr.contains("only available for RollingUpdate")) {
      outcome = "exit " + exit + " \"only available for RollingUpdate\" (no verdict)";
    } else if (stderr.contains("timed out")) {
      outcome =
          "exit "
              + exit
              + ": no verdict in "
              + KUBECTL_TIMEOUT.replace("s", " s")
              + " (default behaviour: waits for progressDeadlineSeconds=600 s)";
    } else {
      outcome = "exit " + exit + ": " + (stdout + stderr).strip().replace('\n', ' ');
    }
    return new KRun(exit, outcome, ms, after - before);
  }

  private static String manyWorkloads(int n) throws Exception {
    try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
      KubernetesClient c = api.client();
      namespace(c);
      List<ResourceRef> refs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "svc" + i;
        Deployment d = create(c, deployment(name, 1, 1, 1));
        ReplicaSet rs = create(c, replicaSet(d));
        create(c, pod(name + "-h2-0", rs, "h2", running(true, 0)));
        refs.add(ResourceRef.deployment(NS, name));
      }
      RolloutOptions o = options().withPolicy(RolloutPolicy.defaults().withStabilityWindow(WINDOW));
      long t0 = System.nanoTime();
      RolloutReport r = Rollouts.verify(c, refs, o);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long watches =
          r.apiRequests().entrySet().stream()
              .filter(e -> e.getKey().startsWith("watch"))
              .mapToLong(e -> e.getValue())
              .sum();
      return "| 6 "
          + n
          + " Deployments at once ("
          + WINDOW.toSeconds()
          + " s window, 1 run) | "
          + label(r.verdict())
          + " | "
          + secs(ms)
          + " | "
          + r.totalRequests()
          + " ("
          + watches
          + " watches: "
          + r.apiRequests()
          + ") | not run (one process per workload) | – | – | – |";
    }
  }

  // ---- scenarios

  private static Scenario onDelete() {
    return new Scenario() {
      @Override
      public void setup(KubernetesClient c) {
        StatefulSet s = create(c, statefulSet("boskos", "boskos-rev2"));
        create(c, revision(s, "boskos-rev1", 1, BEFORE));
        create(c, revision(s, "boskos-rev2", 2, AFTER));
        Pod p =
            new PodBuilder(pod("boskos-0", s, "", running(true, 0)))
                .editMetadata()
                .addToLabels("controller-revision-hash", "boskos-rev1")
                .endMetadata()
                .editSpec()
                .editFirstContainer()
                .withImage("app:v1")
                .endContainer()
                .endSpec()
                .build();
        create(c, p);
      }

      @Override
      public boolean signal(KubernetesClient c) {
        return false;
      }
    };
  }

  private static Scenario imagePull() {
    return new Scenario() {
      @Override
      public void setup(KubernetesClient c) {
        Deployment d = create(c, deployment("api", 1, 1, 0));
        ReplicaSet rs = create(c, replicaSet(d));
        create(c, pod("api-h2-0", rs, "h2", waiting("ContainerCreating", "", 0)));
      }

      @Override
      public boolean signal(KubernetesClient c) throws InterruptedException {
        String msg = "failed to pull and unpack image \"registry.example/app:v2\": not found";
        setPod(c, "api-h2-0", waiting("ErrImagePull", msg, 0));
        Thread.sleep(300);
        setPod(c, "api-h2-0", waiting("ImagePullBackOff", "Back-off pulling image", 0));
        Thread.sleep(300);
        // The second attempt is the signal the rule waits for; timing starts after it.
        setPod(c, "api-h2-0", waiting("ErrImagePull", msg, 0));
        return true;
      }
    };
  }

  private static Scenario crashLoop() {
    return new Scenario() {
      @Override
      public void setup(KubernetesClient c) {
        Deployment d = create(c, deployment("hub", 1, 1, 0));
        ReplicaSet rs = create(c, replicaSet(d));
        create(c, pod("hub-h2-0", rs, "h2", waiting("ContainerCreating", "", 0)));
      }

      @Override
      public boolean signal(KubernetesClient c) {
        setPod(c, "hub-h2-0", crashed(2));
        return true;
      }
    };
  }

  private static Scenario transientReady() {
    return new Scenario() {
      @Override
      public void setup(KubernetesClient c) {
        Deployment d = create(c, deployment("flap", 1, 1, 1));
        ReplicaSet rs = create(c, replicaSet(d));
        create(c, pod("flap-h2-0", rs, "h2", running(true, 1)));
      }

      @Override
      public boolean signal(KubernetesClient c) {
        setPod(c, "flap-h2-0", crashed(2));
        return true;
      }

      @Override
      public void beforeKubectl(KubernetesClient c) {
        // kubectl sees the Ready moment (available == updated) before the next crash.
      }
    };
  }

  private static Scenario healthy() {
    return new Scenario() {
      @Override
      public void setup(KubernetesClient c) {
        Deployment d = create(c, deployment("web", 3, 3, 3));
        ReplicaSet rs = create(c, replicaSet(d));
        for (int i = 0; i < 3; i++) {
          create(c, pod("web-h2-" + i, rs, "h2", running(true, 0)));
        }
      }

      @Override
      public boolean signal(KubernetesClient c) {
        return false;
      }
    };
  }

  // ---- objects, shaped the way the controllers and the kubelet write them

  private static void namespace(KubernetesClient c) {
    c.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  /** Creates {@code o} and writes its status through the status subresource. */
  private static <T extends HasMetadata> T create(KubernetesClient c, T o) {
    T created = c.resource(o).create();
    JsonNode want = JSON.valueToTree(o).path("status");
    JsonNode got = JSON.valueToTree(created).path("status");
    if (want.isObject() && !want.isEmpty() && !want.equals(got)) {
      o.setMetadata(created.getMetadata());
      return c.resource(o).updateStatus();
    }
    return created;
  }

  private static void setPod(KubernetesClient c, String name, PodStatus status) {
    c.pods()
        .inNamespace(NS)
        .withName(name)
        .editStatus(
            p -> {
              p.setStatus(status);
              return p;
            });
  }

  private static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .withContainers(new ContainerBuilder().withName("app").withImage(image).build())
        .endSpec()
        .build();
  }

  private static OwnerReference owner(HasMetadata o) {
    return new OwnerReferenceBuilder()
        .withApiVersion(o.getApiVersion())
        .withKind(o.getKind())
        .withName(o.getMetadata().getName())
        .withUid(o.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** A Deployment at generation 2, observed, revision 2, with the given counters. */
  private static Deployment deployment(String name, int replicas, int updated, int available) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withGeneration(2L)
        .withCreationTimestamp(BEFORE)
        .addToAnnotations("deployment.kubernetes.io/revision", "2")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name, "app:v2"))
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withAvailableReplicas(available)
        .withReadyReplicas(available)
        .endStatus()
        .build();
  }

  /** The current ReplicaSet of {@code d} (revision 2, pod-template-hash h2). */
  private static ReplicaSet replicaSet(Deployment d) {
    String name = d.getMetadata().getName();
    PodTemplateSpec t =
        new PodTemplateSpecBuilder(template(name, "app:v2"))
            .editMetadata()
            .addToLabels("pod-template-hash", "h2")
            .endMetadata()
            .build();
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name + "-h2")
        .withNamespace(NS)
        .withCreationTimestamp(AFTER)
        .addToAnnotations("deployment.kubernetes.io/revision", "2")
        .addToLabels("app", name)
        .addToLabels("pod-template-hash", "h2")
        .withOwnerReferences(owner(d))
        .endMetadata()
        .withNewSpec()
        .withReplicas(d.getSpec().getReplicas())
        .withNewSelector()
        .addToMatchLabels("app", name)
        .addToMatchLabels("pod-template-hash", "h2")
        .endSelector()
        .withTemplate(t)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(d.getSpec().getReplicas())
        .endStatus()
        .build();
  }

  /** An OnDelete StatefulSet of one replica whose template moved to {@code updateRevision}. */
  private static StatefulSet statefulSet(String name, String updateRevision) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withGeneration(2L)
        .withCreationTimestamp(BEFORE)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(name)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name, "app:v2"))
        .withNewUpdateStrategy()
        .withType("OnDelete")
        .endUpdateStrategy()
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReplicas(1)
        .withReadyReplicas(1)
        .withAvailableReplicas(1)
        .withCurrentReplicas(1)
        .withUpdatedReplicas(0)
        .withUpdateRevision(updateRevision)
        .withCurrentRevision(name + "-rev1")
        .endStatus()
        .build();
  }

  private static HasMetadata revision(HasMetadata owner, String name, long rev, String created) {
    return new ControllerRevisionBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withCreationTimestamp(created)
        .addToLabels("app", owner.getMetadata().getName())
        .addToLabels("controller-revision-hash", name)
        .withOwnerReferences(owner(owner))
        .endMetadata()
        .withRevision(rev)
        .build();
  }

  /** A pod owned by {@code owner} with the given status; {@code hash} may be empty. */
  private static Pod pod(String name, HasMetadata owner, String hash, PodStatus status) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withCreationTimestamp(AFTER)
            .addToLabels("app", appOf(owner))
            .withOwnerReferences(owner(owner))
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-1")
            .withContainers(new ContainerBuilder().withName("app").withImage("app:v2").build())
            .endSpec()
            .withStatus(status);
    if (!hash.isEmpty()) {
      b.editMetadata().addToLabels("pod-template-hash", hash).endMetadata();
    }
    return b.build();
  }

  private static String appOf(HasMetadata owner) {
    java.util.Map<String, String> labels = owner.getMetadata().getLabels();
    String app = labels == null ? null : labels.get("app");
    return app == null ? owner.getMetadata().getName() : app;
  }

  private static PodStatus running(boolean ready, int restarts) {
    ContainerStatusBuilder cs =
        new ContainerStatusBuilder()
            .withName("app")
            .withImage("app:v2")
            .withRestartCount(restarts)
            .withReady(ready)
            .withNewState()
            .withNewRunning()
            .withStartedAt(AFTER)
            .endRunning()
            .endState();
    if (restarts > 0) {
      cs.withNewLastState()
          .withNewTerminated()
          .withReason("Error")
          .withExitCode(1)
          .endTerminated()
          .endLastState();
    }
    return status("Running", ready, cs.build());
  }

  private static PodStatus waiting(String reason, String message, int restarts) {
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName("app")
            .withImage("app:v2")
            .withRestartCount(restarts)
            .withReady(false)
            .withNewState()
            .withNewWaiting()
            .withReason(reason)
            .withMessage(message.isEmpty() ? null : message)
            .endWaiting()
            .endState()
            .build();
    return status("Pending", false, cs);
  }

  private static PodStatus crashed(int restarts) {
    ContainerStatus cs =
        new ContainerStatusBuilder()
            .withName("app")
            .withImage("app:v2")
            .withRestartCount(restarts)
            .withReady(false)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .withMessage("back-off 10s restarting failed container")
            .endWaiting()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withReason("Error")
            .withExitCode(1)
            .endTerminated()
            .endLastState()
            .build();
    return status("Running", false, cs);
  }

  private static PodStatus status(String phase, boolean ready, ContainerStatus cs) {
    PodStatus s = new PodStatus();
    s.setPhase(phase);
    s.setConditions(
        List.of(
            new PodConditionBuilder()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .build()));
    s.setContainerStatuses(List.of(cs));
    return s;
  }

  // ---- output

  private static String label(Verdict v) {
    if (v instanceof Verdict.Succeeded s) {
      return s.notes().isEmpty() ? "Succeeded" : "Succeeded" + s.notes();
    }
    if (v instanceof Verdict.Failed f) {
      return "Failed(" + f.reason() + ")";
    }
    if (v instanceof Verdict.NotRolledOut n) {
      return "NotRolledOut(" + n.reason() + ")";
    }
    if (v instanceof Verdict.Stalled s) {
      return "Stalled(" + s.reason() + ")";
    }
    if (v instanceof Verdict.Unknown u) {
      return "Unknown(" + u.reason() + ")";
    }
    return "InProgress";
  }

  private static String secs(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
