package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Objs.T0;
import static dev.deploysafe.k8s.testing.Objs.bareReplicaSet;
import static dev.deploysafe.k8s.testing.Objs.custom;
import static dev.deploysafe.k8s.testing.Objs.daemonSet;
import static dev.deploysafe.k8s.testing.Objs.deployment;
import static dev.deploysafe.k8s.testing.Objs.event;
import static dev.deploysafe.k8s.testing.Objs.job;
import static dev.deploysafe.k8s.testing.Objs.pod;
import static dev.deploysafe.k8s.testing.Objs.replicaSet;
import static dev.deploysafe.k8s.testing.Objs.revision;
import static dev.deploysafe.k8s.testing.Objs.statefulSet;
import static dev.deploysafe.k8s.testing.Objs.withCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.k8s.testing.Objs;
import dev.deploysafe.k8s.testing.Timeline;
import dev.deploysafe.k8s.testing.Timeline.Step;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of the pure evaluator: each vector names the rule of docs/rollout-semantics.md it
 * pins, the verdict deploysafe must give, and what the reference tools say for the same state (the
 * differences are intended, §5.9).
 */
class RolloutEvaluatorTest {

  private static final RolloutPolicy DEFAULTS = RolloutPolicy.defaults();

  /** One table row. */
  record Vector(
      String rule, String expected, String reference, RolloutPolicy policy, List<Step> steps) {
    @Override
    public String toString() {
      return rule + " → " + expected;
    }
  }

  static Stream<Arguments> vectors() {
    return all().stream().map(v -> Arguments.of(v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorGivesItsVerdict(Vector v) {
    Verdict verdict = Timeline.start(v.policy()).run(v.steps());
    assertThat(Timeline.label(verdict))
        .as("%s (reference: %s) got %s", v.rule(), v.reference(), verdict)
        .isEqualTo(v.expected());
  }

  // ------------------------------------------------------------------------------------------
  // Fixtures

  static final Deployment D = deployment("api", 3, 3, 3, 3);
  static final ReplicaSet NEW_RS = replicaSet(D, "2", "new1", "app:v2");
  static final ReplicaSet OLD_RS = replicaSet(D, "1", "old1", "app:v1");

  static Objs.PodMaker np(String suffix) {
    return pod("api-new1-" + suffix, NEW_RS).hash("new1");
  }

  static Objs.PodMaker op(String suffix) {
    return pod("api-old1-" + suffix, OLD_RS).hash("old1").image("app:v1");
  }

  static Snapshot dep(Deployment d, Pod... pods) {
    return Snapshot.of(d, ApplyRecord.unpinned(T0))
        .withReplicaSets(List.of(NEW_RS, OLD_RS))
        .withPods(Arrays.asList(pods));
  }

  static Snapshot dep3(Objs.PodMaker a, Objs.PodMaker b, Objs.PodMaker c) {
    return dep(D, a.build(), b.build(), c.build());
  }

  static Snapshot ok3() {
    return dep3(np("a"), np("b"), np("c"));
  }

  static List<Step> once(double t, Snapshot s) {
    return List.of(new Step(t, s));
  }

  /** The same state seen at t=1 and again after the stability window. */
  static List<Step> steady(Snapshot s) {
    return List.of(new Step(1, s), new Step(12, s));
  }

  static List<Step> steps(Object... tAndSnapshot) {
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < tAndSnapshot.length; i += 2) {
      out.add(new Step(((Number) tAndSnapshot[i]).doubleValue(), (Snapshot) tAndSnapshot[i + 1]));
    }
    return out;
  }

  static Vector v(String rule, String expected, String reference, List<Step> steps) {
    return new Vector(rule, expected, reference, DEFAULTS, steps);
  }

  static Vector v(
      String rule, String expected, String reference, RolloutPolicy p, List<Step> steps) {
    return new Vector(rule, expected, reference, p, steps);
  }

  static final StatefulSet STS = statefulSet("db", 3, "RollingUpdate", 0, "db-rev2", 3);
  static final StatefulSet STS_ONDELETE = statefulSet("db", 1, "OnDelete", null, "db-rev2", 0);

  static Objs.PodMaker sp(StatefulSet s, int ordinal, String rev) {
    return pod(s.getMetadata().getName() + "-" + ordinal, s).revision(rev);
  }

  static Snapshot sts(StatefulSet s, String crCreated, Pod... pods) {
    return Snapshot.of(s, ApplyRecord.unpinned(T0))
        .withRevisions(
            List.of(
                revision(s, "db-rev1", 1, Objs.BEFORE),
                revision(s, s.getStatus().getUpdateRevision(), 2, crCreated)))
        .withPods(Arrays.asList(pods));
  }

  static final DaemonSet DS = daemonSet("agent", "RollingUpdate", 2, 2, 2);
  static final DaemonSet DS_ONDELETE = daemonSet("agent", "OnDelete", 2, 0, 2);

  static Snapshot ds(DaemonSet d, String latestCreated, Pod... pods) {
    return Snapshot.of(d, ApplyRecord.unpinned(T0))
        .withRevisions(
            List.of(
                revision(d, "agent-h1", 1, Objs.BEFORE), revision(d, "agent-h2", 2, latestCreated)))
        .withPods(Arrays.asList(pods));
  }

  static Objs.PodMaker dp(DaemonSet d, String n, String hash) {
    return pod("agent-" + n, d).revision(hash);
  }

  static Map<String, Map<String, String>> pools() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("n-new-1", Map.of("cloud.google.com/gke-nodepool", "new"));
    m.put("n-new-2", Map.of("cloud.google.com/gke-nodepool", "new"));
    m.put("n-old-1", Map.of("cloud.google.com/gke-nodepool", "old"));
    return m;
  }

  // ------------------------------------------------------------------------------------------
  // The table

  static List<Vector> all() {
    List<Vector> t = new ArrayList<>();
    String notFound =
        "rpc error: failed to resolve reference \"reg/app:v2\": reg/app:v2: not found";
    String tooMany = "failed to pull: 429 Too Many Requests - toomanyrequests: rate limit";

    // ---- §5.3 generation gate, uid, superseded (all kinds)
    Deployment unobserved =
        new DeploymentBuilder(D).editStatus().withObservedGeneration(1L).endStatus().build();
    t.add(
        v(
            "5.3 generation gate: observedGeneration < G → InProgress",
            "InProgress",
            "kubectl: Waiting for deployment spec update to be observed",
            once(1, dep(unobserved, np("a").build(), np("b").build(), np("c").build()))));
    t.add(
        v(
            "5.3 T_obs: controller not observing G after 30s → Unknown(ControllerNotObserving)",
            "Unknown(CONTROLLER_NOT_OBSERVING)",
            "kubectl: waits forever; kstatus: InProgress LatestGenerationNotObserved",
            once(31, dep(unobserved, np("a").build(), np("b").build(), np("c").build()))));
    t.add(
        v(
            "5.3 uid differs from the apply response → Unknown(Replaced)",
            "Unknown(REPLACED)",
            "kubectl/kstatus: judge the new object as if it were ours",
            once(1, ok3().withApply(ApplyRecord.pinned("other-uid", 2, T0)))));
    Deployment v3 =
        new DeploymentBuilder(D)
            .editMetadata()
            .withGeneration(3L)
            .endMetadata()
            .editSpec()
            .withTemplate(Objs.template("api", "app:v3"))
            .endSpec()
            .editStatus()
            .withObservedGeneration(3L)
            .endStatus()
            .build();
    t.add(
        v(
            "5.3 generation moved past G with a different template → Unknown(Superseded)",
            "Unknown(SUPERSEDED)",
            "kubectl/kstatus: silently verify someone else's rollout",
            once(1, dep(v3).withApply(ApplyRecord.of(D, T0)))));
    Deployment scaled =
        new DeploymentBuilder(D)
            .editMetadata()
            .withGeneration(3L)
            .endMetadata()
            .editStatus()
            .withObservedGeneration(3L)
            .endStatus()
            .build();
    t.add(
        v(
            "5.3 generation moved past G by a scale change (same template) → judged normally",
            "Succeeded",
            "-",
            steady(
                dep(scaled, np("a").build(), np("b").build(), np("c").build())
                    .withApply(ApplyRecord.of(D, T0)))));
    t.add(
        v(
            "5.3 stale read: generation older than the applied G → InProgress",
            "InProgress",
            "helm#10859: a GET before the controller updated → false positive",
            once(1, ok3().withApply(ApplyRecord.pinned("api-uid", 5, T0)))));
    t.add(
        v(
            "5.6 workload deleted after apply → Unknown(NotFound)",
            "Unknown(NOT_FOUND)",
            "kubectl: object has been deleted",
            once(40, Snapshot.absent(ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "5.3 workload not yet in the cache before T_obs → InProgress",
            "InProgress",
            "kstatus: Unknown until the first event",
            once(2, Snapshot.absent(ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "5.3 workload with deletionTimestamp → Unknown(NotFound)",
            "Unknown(NOT_FOUND)",
            "kstatus: Terminating",
            once(
                1,
                dep(
                    new DeploymentBuilder(D)
                        .editMetadata()
                        .withDeletionTimestamp(Objs.AFTER)
                        .endMetadata()
                        .build()))));

    // ---- Deployment success criteria (§5.5)
    t.add(
        v(
            "5.5 Deployment: updated == replicas == available, every new pod stable ≥ S → Succeeded",
            "Succeeded",
            "kubectl: successfully rolled out (without the stability window)",
            steady(ok3())));
    t.add(
        v(
            "5.5 Deployment: all Ready but inside the 10s stability window → InProgress",
            "InProgress",
            "kubectl rollout status: exit 0 (false success on a transient Ready)",
            once(3, ok3())));
    t.add(
        v(
            "5.5 Deployment: old pods still present → InProgress",
            "InProgress",
            "kubectl: N old replicas are pending termination",
            steady(dep(D, np("a").build(), np("b").build(), np("c").build(), op("x").build()))));
    t.add(
        v(
            "5.5 Deployment: status.replicas > updated (old RS not scaled down) → InProgress",
            "InProgress",
            "kstatus: InProgress ExtraPods",
            steady(
                dep(
                    deployment("api", 3, 3, 4, 3),
                    np("a").build(),
                    np("b").build(),
                    np("c").build()))));
    t.add(
        v(
            "5.5 Deployment: availableReplicas < replicas → InProgress",
            "InProgress",
            "kubectl: N of M updated replicas are available",
            steady(
                dep(
                    deployment("api", 3, 3, 3, 2),
                    np("a").build(),
                    np("b").build(),
                    np("c").build()))));
    t.add(
        v(
            "5.5 Deployment: counters done but new pods not in the pod cache yet → InProgress",
            "InProgress",
            "kubectl: successfully rolled out (never looks at pods)",
            steady(dep(D))));
    t.add(
        v(
            "5.3 Deployment: new RS by revision annotation; Ready pods of the old RS do not count",
            "InProgress",
            "Helm legacy: counts ready pods of the newest RS by creation only",
            steady(
                dep(
                    D,
                    op("a").build(),
                    op("b").build(),
                    op("c").build(),
                    np("d").notReady().build()))));
    ReplicaSet driftedTemplate = replicaSet(D, "2", "new1", "app:v3");
    t.add(
        v(
            "5.3 Deployment: revision matches but template differs (EqualIgnoreHash) → not the new RS",
            "InProgress",
            "kubectl: trusts the counters",
            steady(
                Snapshot.of(D, ApplyRecord.unpinned(T0))
                    .withReplicaSets(List.of(driftedTemplate, OLD_RS))
                    .withPods(List.of(np("a").build(), np("b").build(), np("c").build())))));
    t.add(
        v(
            "5.3 Deployment: pods keyed by controller ownerRef; a crash-looping OLD pod is ignored",
            "InProgress",
            "kstatus: pods matched by selector would count the old pod",
            once(
                3,
                dep(
                    D,
                    np("a").build(),
                    np("b").build(),
                    np("c").build(),
                    op("x").waiting("CrashLoopBackOff", "back-off 10s").restarts(4).build()))));
    t.add(
        v(
            "5.6 Deployment spec.paused → NotRolledOut(Paused)",
            "NotRolledOut(PAUSED)",
            "kubectl: waits forever; kstatus: ignores paused; Argo: Suspended; Helm: drops it",
            once(1, dep(new DeploymentBuilder(D).editSpec().withPaused(true).endSpec().build()))));
    t.add(
        v(
            "5.4 Deployment Progressing=False/ProgressDeadlineExceeded → Failed(ProgressDeadline)",
            "Failed(PROGRESS_DEADLINE)",
            "kubectl: exceeded its progress deadline; kstatus: Failed",
            once(
                1,
                dep(
                    withCondition(
                        deployment("api", 3, 1, 3, 2),
                        "Progressing",
                        "False",
                        "ProgressDeadlineExceeded"),
                    np("a").notReady().build()))));
    Deployment quota =
        withCondition(deployment("api", 3, 0, 0, 0), "ReplicaFailure", "True", "FailedCreate");
    t.add(
        v(
            "5.4 ReplicaFailure=True held for 15s → Failed(CreateFailed)",
            "Failed(CREATE_FAILED)",
            "kstatus: InProgress; kubectl: waits 600s",
            steps(1, dep(quota), 16, dep(quota))));
    t.add(
        v(
            "5.4 ReplicaFailure=True for 5s (inside the 15s grace) → InProgress",
            "InProgress",
            "kstatus: InProgress",
            steps(1, dep(quota), 6, dep(quota))));
    t.add(
        v(
            "5.6 Deployment replicas 0 → Succeeded(ScaledToZero)",
            "Succeeded[SCALED_TO_ZERO]",
            "kubectl: successfully rolled out",
            once(1, dep(deployment("api", 0, 0, 0, 0)))));
    ReplicaSet oldNew =
        new ReplicaSetBuilder(NEW_RS)
            .editMetadata()
            .withCreationTimestamp(Objs.BEFORE)
            .endMetadata()
            .build();
    t.add(
        v(
            "5.6 Deployment template unchanged (new RS predates the apply), drift check clean → Succeeded(NoChangeNeeded)",
            "Succeeded[NO_CHANGE_NEEDED]",
            "kubectl: successfully rolled out",
            steady(
                Snapshot.of(D, ApplyRecord.unpinned(T0))
                    .withReplicaSets(List.of(oldNew, OLD_RS))
                    .withPods(
                        List.of(
                            np("a").createdBefore().restarts(7).build(),
                            np("b").createdBefore().build(),
                            np("c").createdBefore().build())))));

    // ---- §5.4 failure classification on new pods (Deployment context)
    t.add(
        v(
            "5.4 waiting InvalidImageName → Failed(ImageConfig) at once",
            "Failed(IMAGE_CONFIG)",
            "kstatus: InProgress; Argo Pod: not Degraded (missed); kubectl: waits 600s",
            once(
                1,
                dep3(
                    np("a").waiting("InvalidImageName", "couldn't parse image"),
                    np("b"),
                    np("c")))));
    t.add(
        v(
            "5.4 waiting ErrImageNeverPull → Failed(ImageConfig) at once",
            "Failed(IMAGE_CONFIG)",
            "kstatus: InProgress; Argo Pod: Degraded",
            once(1, dep3(np("a").waiting("ErrImageNeverPull", "never pull"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 ErrImagePull not-found, 1st attempt → InProgress (default needs 2)",
            "InProgress",
            "kstatus: InProgress Pending; kubectl: waits 600s",
            once(2, dep3(np("a").waiting("ErrImagePull", notFound).rv("5"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 ErrImagePull not-found → Failed(ImagePull) on 2nd attempt",
            "Failed(IMAGE_PULL)",
            "kstatus: InProgress; Helm --wait: 300s timeout; kubectl: 600s",
            steps(
                2, dep3(np("a").waiting("ErrImagePull", notFound).rv("5"), np("b"), np("c")),
                14, dep3(np("a").waiting("ErrImagePull", notFound).rv("7"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 ErrImagePull not-found, aggressive policy (1 attempt) → Failed(ImagePull) at first sighting",
            "Failed(IMAGE_PULL)",
            "krane: doomed on /not found/",
            DEFAULTS.withDefinitivePullAttempts(1),
            once(2, dep3(np("a").waiting("ErrImagePull", notFound).rv("5"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 ErrImagePull unauthorized, 2 attempts → Failed(ImagePull)",
            "Failed(IMAGE_PULL)",
            "Argo Pod: Degraded; app health: Progressing",
            steps(
                2,
                    dep3(
                        np("a").waiting("ErrImagePull", "401 Unauthorized").rv("5"),
                        np("b"),
                        np("c")),
                14,
                    dep3(
                        np("a").waiting("ErrImagePull", "401 Unauthorized").rv("6"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 same ErrImagePull status seen twice (same resourceVersion) counts once → InProgress",
            "InProgress",
            "-",
            steps(
                2, dep3(np("a").waiting("ErrImagePull", notFound).rv("5"), np("b"), np("c")),
                4, dep3(np("a").waiting("ErrImagePull", notFound).rv("5"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 ImagePullBackOff keeps the earlier ErrImagePull message → Failed(ImagePull)",
            "Failed(IMAGE_PULL)",
            "kubectl/kstatus: the message 'Back-off pulling image' hides the registry error",
            steps(
                2, dep3(np("a").waiting("ErrImagePull", notFound).rv("5"), np("b"), np("c")),
                5,
                    dep3(
                        np("a").waiting("ImagePullBackOff", "Back-off pulling image").rv("6"),
                        np("b"),
                        np("c")),
                15, dep3(np("a").waiting("ErrImagePull", notFound).rv("7"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 pull-failure Events with count 2 count as 2 attempts → Failed(ImagePull)",
            "Failed(IMAGE_PULL)",
            "kubectl: waits",
            once(
                6,
                dep3(
                        np("a").waiting("ImagePullBackOff", "Back-off pulling image").rv("6"),
                        np("b"),
                        np("c"))
                    .withEvents(
                        List.of(
                            event(
                                np("a").build(),
                                "Failed",
                                "Failed to pull image \"app:v2\": " + notFound,
                                2,
                                T0.plusSeconds(5)))))));
    t.add(
        v(
            "5.4 ErrImagePull 429 toomanyrequests, 2 attempts → InProgress (retrying)",
            "InProgress",
            "all tools: InProgress",
            steps(
                1, dep3(np("a").waiting("ErrImagePull", tooMany).rv("5"), np("b"), np("c")),
                12, dep3(np("a").waiting("ErrImagePull", tooMany).rv("6"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 ErrImagePull 429, 3rd attempt → Failed(ImagePullRetrying)",
            "Failed(IMAGE_PULL_RETRYING)",
            "all tools: InProgress until their timeout",
            steps(
                1, dep3(np("a").waiting("ErrImagePull", tooMany).rv("5"), np("b"), np("c")),
                12, dep3(np("a").waiting("ErrImagePull", tooMany).rv("6"), np("b"), np("c")),
                30, dep3(np("a").waiting("ErrImagePull", tooMany).rv("7"), np("b"), np("c")))));
    t.add(
        v(
            "5.4 pull timeout retrying for 60s → Failed(ImagePullRetrying)",
            "Failed(IMAGE_PULL_RETRYING)",
            "all tools: InProgress",
            steps(
                1, dep3(np("a").waiting("ErrImagePull", "i/o timeout").rv("5"), np("b"), np("c")),
                61,
                    dep3(
                        np("a").waiting("ImagePullBackOff", "Back-off").rv("6"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 CreateContainerConfigError inside the 20s grace → InProgress",
            "InProgress",
            "Argo Pod: Degraded; kstatus: InProgress",
            steps(
                1,
                    dep3(
                        np("a").waiting("CreateContainerConfigError", "secret \"db\" not found"),
                        np("b"),
                        np("c")),
                15,
                    dep3(
                        np("a").waiting("CreateContainerConfigError", "secret \"db\" not found"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 CreateContainerConfigError for 20s → Failed(ContainerConfig)",
            "Failed(CONTAINER_CONFIG)",
            "krane: doomed; kubectl: waits 600s",
            steps(
                1,
                    dep3(
                        np("a").waiting("CreateContainerConfigError", "secret \"db\" not found"),
                        np("b"),
                        np("c")),
                21,
                    dep3(
                        np("a").waiting("CreateContainerConfigError", "secret \"db\" not found"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 CreateContainerConfigError 'failed to sync configmap cache' is ignored → InProgress",
            "InProgress",
            "krane: ignores the cache-sync message too",
            steps(
                1,
                    dep3(
                        np("a")
                            .waiting(
                                "CreateContainerConfigError",
                                "failed to sync configmap cache: timed out"),
                        np("b"),
                        np("c")),
                40,
                    dep3(
                        np("a")
                            .waiting(
                                "CreateContainerConfigError",
                                "failed to sync configmap cache: timed out"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 CreateContainerError, 1 sighting → InProgress",
            "InProgress",
            "Argo Pod: Degraded",
            once(
                1,
                dep3(
                    np("a").waiting("CreateContainerError", "no command specified").rv("3"),
                    np("b"),
                    np("c")))));
    t.add(
        v(
            "5.4 CreateContainerError, 2 sightings → Failed(ContainerStart)",
            "Failed(CONTAINER_START)",
            "kstatus: InProgress",
            steps(
                1,
                    dep3(
                        np("a").waiting("CreateContainerError", "no command specified").rv("3"),
                        np("b"),
                        np("c")),
                9,
                    dep3(
                        np("a").waiting("CreateContainerError", "no command specified").rv("4"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 RunContainerError, 2 sightings → Failed(ContainerStart)",
            "Failed(CONTAINER_START)",
            "Argo Pod: Degraded",
            steps(
                1,
                    dep3(
                        np("a").waiting("RunContainerError", "exec: not found").rv("3"),
                        np("b"),
                        np("c")),
                9,
                    dep3(
                        np("a").waiting("RunContainerError", "exec: not found").rv("4"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 terminated ContainerCannotRun exit 127 after a restart → Failed(ContainerStart)",
            "Failed(CONTAINER_START)",
            "krane: doomed when exit ≠ 128",
            once(
                1,
                dep3(
                    np("a").terminatedNow("ContainerCannotRun", 127).restarts(1),
                    np("b"),
                    np("c")))));
    t.add(
        v(
            "5.4 terminated ContainerCannotRun exit 128 is not a start failure → InProgress",
            "InProgress",
            "krane: exit 128 excluded",
            once(
                1,
                dep3(
                    np("a").terminatedNow("ContainerCannotRun", 128).restarts(1),
                    np("b"),
                    np("c")))));
    t.add(
        v(
            "5.4 waiting CrashLoopBackOff → Failed(CrashLoop) at once",
            "Failed(CRASH_LOOP)",
            "kstatus: Deployment never Failed; kubectl: 600s or never",
            once(
                1,
                dep3(
                    np("a")
                        .waiting("CrashLoopBackOff", "back-off 10s restarting")
                        .restarts(1)
                        .lastTerminated("Error", 1),
                    np("b"),
                    np("c")))));
    t.add(
        v(
            "5.4 restartCount ≥ 2 while Running → Failed(CrashLoop)",
            "Failed(CRASH_LOOP)",
            "Argo Pod: Degraded only if not Ready",
            once(1, dep3(np("a").restarts(2).lastTerminated("Error", 2), np("b"), np("c")))));
    t.add(
        v(
            "5.4 restartCount 1 (transient once) → InProgress",
            "InProgress",
            "-",
            once(1, dep3(np("a").restarts(1).lastTerminated("Error", 1), np("b"), np("c")))));
    t.add(
        v(
            "5.4 lastState OOMKilled with 1 restart → Failed(OOMKilled)",
            "Failed(OOM_KILLED)",
            "kstatus: only via CrashLoopBackOff; Argo Pod: Degraded",
            once(
                1,
                dep3(
                    np("a").restarts(1).lastTerminated("OOMKilled", 137).notReady(),
                    np("b"),
                    np("c")))));
    t.add(
        v(
            "5.4 init container in CrashLoopBackOff → Failed(CrashLoop)",
            "Failed(CRASH_LOOP)",
            "Argo Pod: init containers not checked; helm#6270: pods stuck in Init pass",
            once(
                1,
                dep3(np("a").initWaiting("CrashLoopBackOff", "back-off", 2), np("b"), np("c")))));
    t.add(
        v(
            "5.4 init container ErrImagePull not-found, 2 attempts → Failed(ImagePull)",
            "Failed(IMAGE_PULL)",
            "kstatus: InProgress Pending",
            steps(
                1, dep3(np("a").initWaiting("ErrImagePull", notFound, 0).rv("2"), np("b"), np("c")),
                12,
                    dep3(
                        np("a").initWaiting("ErrImagePull", notFound, 0).rv("3"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 Unschedulable for 30s (grace 90s) → InProgress",
            "InProgress",
            "kstatus Pod: Failed after 15s; Deployment: InProgress",
            steps(
                1,
                    dep3(
                        np("a").unschedulable("0/3 nodes are available: insufficient cpu"),
                        np("b"),
                        np("c")),
                31,
                    dep3(
                        np("a").unschedulable("0/3 nodes are available: insufficient cpu"),
                        np("b"),
                        np("c")))));
    t.add(
        v(
            "5.4 Unschedulable for 90s → Failed(Unschedulable)",
            "Failed(UNSCHEDULABLE)",
            "kubectl: waits 600s",
            steps(
                1, dep3(np("a").unschedulable("insufficient cpu"), np("b"), np("c")),
                92, dep3(np("a").unschedulable("insufficient cpu"), np("b"), np("c")))));
    Pod unsched = np("a").unschedulable("insufficient cpu").build();
    t.add(
        v(
            "5.4 Unschedulable with NotTriggerScaleUp event → Failed(Unschedulable) at once",
            "Failed(UNSCHEDULABLE)",
            "no tool reads autoscaler events",
            once(
                2,
                dep3(np("a").unschedulable("insufficient cpu"), np("b"), np("c"))
                    .withEvents(
                        List.of(
                            event(
                                unsched,
                                "NotTriggerScaleUp",
                                "pod didn't trigger scale-up",
                                1,
                                T0.plusSeconds(1)))))));
    Snapshot scaling =
        dep3(np("a").unschedulable("insufficient cpu"), np("b"), np("c"))
            .withEvents(
                List.of(
                    event(
                        unsched,
                        "TriggeredScaleUp",
                        "pod triggered scale-up",
                        1,
                        T0.plusSeconds(1))));
    t.add(
        v(
            "5.4 Unschedulable with TriggeredScaleUp: grace extended past 90s → InProgress",
            "InProgress",
            "-",
            steps(1, scaling, 120, scaling)));
    Snapshot evicted4 =
        dep(
            D,
            np("a").build(),
            np("b").build(),
            np("c").build(),
            np("e1").phase("Failed", "Evicted").build(),
            np("e2").phase("Failed", "Evicted").build(),
            np("e3").phase("Failed", "Preempting").build(),
            np("e4").phase("Failed", "Evicted").build());
    t.add(
        v(
            "5.4 more than 3 evicted/preempted new pods → Failed(Evicted)",
            "Failed(EVICTED)",
            "-",
            once(1, evicted4)));
    t.add(
        v(
            "5.4 3 evicted new pods are tolerated → InProgress",
            "InProgress",
            "-",
            once(
                1,
                dep(
                    D,
                    np("a").build(),
                    np("b").build(),
                    np("c").build(),
                    np("e1").phase("Failed", "Evicted").build(),
                    np("e2").phase("Failed", "Evicted").build(),
                    np("e3").phase("Failed", "Evicted").build()))));
    t.add(
        v(
            "5.4 restarts that predate the apply are a baseline, not a crash loop → Succeeded",
            "Succeeded[NO_CHANGE_NEEDED]",
            "-",
            steady(
                Snapshot.of(D, ApplyRecord.unpinned(T0))
                    .withReplicaSets(List.of(oldNew, OLD_RS))
                    .withPods(
                        List.of(
                            np("a").createdBefore().restarts(5).build(),
                            np("b").createdBefore().build(),
                            np("c").createdBefore().build())))));
    t.add(
        v(
            "5.5 readiness never passes: no progress for the deadline → Stalled(Readiness)",
            "Stalled(READINESS)",
            "kubectl: 600s ProgressDeadlineExceeded; Helm: 300s timeout InProgress",
            DEFAULTS.withNoProgressDeadline(Duration.ofSeconds(120)),
            steps(
                1,
                    dep(
                        deployment("api", 3, 3, 3, 0),
                        np("a").notReady().build(),
                        np("b").notReady().build(),
                        np("c").notReady().build()),
                122,
                    dep(
                        deployment("api", 3, 3, 3, 0),
                        np("a").notReady().build(),
                        np("b").notReady().build(),
                        np("c").notReady().build()))));
    Deployment pds60 =
        new DeploymentBuilder(deployment("api", 3, 3, 3, 0))
            .editSpec()
            .withProgressDeadlineSeconds(60)
            .endSpec()
            .build();
    t.add(
        v(
            "5.4 Deployment no-progress budget is min(budget, progressDeadlineSeconds) → Stalled at 60s",
            "Stalled(READINESS)",
            "kubectl: waits for the controller's own deadline",
            steps(
                1,
                    dep(
                        pds60,
                        np("a").notReady().build(),
                        np("b").notReady().build(),
                        np("c").notReady().build()),
                62,
                    dep(
                        pds60,
                        np("a").notReady().build(),
                        np("b").notReady().build(),
                        np("c").notReady().build()))));
    t.add(
        v(
            "5.4 Pending with FailedMount events past the deadline → Stalled(Volume)",
            "Stalled(VOLUME)",
            "kstatus: InProgress",
            DEFAULTS.withBudget(Duration.ofSeconds(60)),
            steps(
                1,
                dep3(np("a").waiting("ContainerCreating", ""), np("b"), np("c"))
                    .withEvents(
                        List.of(
                            event(
                                np("a").build(),
                                "FailedMount",
                                "MountVolume.SetUp failed",
                                3,
                                T0.plusSeconds(1)))),
                61,
                dep3(np("a").waiting("ContainerCreating", ""), np("b"), np("c"))
                    .withEvents(
                        List.of(
                            event(
                                np("a").build(),
                                "FailedMount",
                                "MountVolume.SetUp failed",
                                3,
                                T0.plusSeconds(1)))))));
    t.add(
        v(
            "5.2 overall budget before the controller observed anything → Unknown(Timeout)",
            "Unknown(TIMEOUT)",
            "kubectl: timed out waiting for the condition",
            DEFAULTS.withBudget(Duration.ofSeconds(10)).withObserveTimeout(Duration.ofSeconds(60)),
            once(11, dep(unobserved))));

    // ---- StatefulSet (§5.3 by updateRevision + controller-revision-hash, §5.6 OnDelete/partition)
    t.add(
        v(
            "5.6 StatefulSet OnDelete, pod at old revision after a template change → NotRolledOut(OnDelete)",
            "NotRolledOut(ON_DELETE)",
            "kubectl: error 'only available for RollingUpdate' (exit 1); kstatus/Helm: Current; Argo: Healthy",
            once(0.5, sts(STS_ONDELETE, Objs.AFTER, sp(STS_ONDELETE, 0, "db-rev1").build()))));
    t.add(
        v(
            "5.6 incident 3 on a later no-op upgrade: OnDelete, revision unchanged, pod stale → NotRolledOut(StalePods)",
            "NotRolledOut(STALE_PODS)",
            "kstatus/Helm: Current; Argo: Healthy",
            once(
                0.5,
                sts(
                    STS_ONDELETE,
                    Objs.BEFORE,
                    sp(STS_ONDELETE, 0, "db-rev1").createdBefore().build()))));
    t.add(
        v(
            "5.6 assistOnDelete: OnDelete with a stale pod is judged like a rolling update → InProgress",
            "InProgress",
            "-",
            DEFAULTS.withAssistOnDelete(true),
            once(0.5, sts(STS_ONDELETE, Objs.AFTER, sp(STS_ONDELETE, 0, "db-rev1").build()))));
    StatefulSet onDeleteDone =
        new StatefulSetBuilder(STS_ONDELETE)
            .editStatus()
            .withUpdatedReplicas(1)
            .endStatus()
            .build();
    t.add(
        v(
            "5.3 StatefulSet OnDelete: currentRevision is ignored; all pods at updateRevision and stable → Succeeded",
            "Succeeded",
            "kstatus: Current; kubectl: error; currentRevision never updates (kubernetes#73492)",
            steady(sts(onDeleteDone, Objs.AFTER, sp(onDeleteDone, 0, "db-rev2").build()))));
    StatefulSet holdAll = statefulSet("db", 3, "RollingUpdate", 3, "db-rev2", 0);
    t.add(
        v(
            "5.6 StatefulSet partition ≥ replicas → NotRolledOut(PartitionHoldsAll)",
            "NotRolledOut(PARTITION_HOLDS_ALL)",
            "kubectl: 'partitioned roll out complete: 0 new pods'; kstatus: Current",
            once(
                1,
                sts(
                    holdAll,
                    Objs.AFTER,
                    sp(holdAll, 0, "db-rev1").build(),
                    sp(holdAll, 1, "db-rev1").build(),
                    sp(holdAll, 2, "db-rev1").build()))));
    StatefulSet part2 = statefulSet("db", 3, "RollingUpdate", 2, "db-rev2", 1);
    Snapshot partial =
        sts(
            part2,
            Objs.AFTER,
            sp(part2, 0, "db-rev1").build(),
            sp(part2, 1, "db-rev1").build(),
            sp(part2, 2, "db-rev2").build());
    t.add(
        v(
            "5.6 StatefulSet 0 < partition < replicas, ordinals ≥ partition updated → Succeeded(PartialByPartition)",
            "Succeeded[PARTIAL_BY_PARTITION]",
            "kubectl: partitioned roll out complete: 1 new pods have been updated",
            steady(partial)));
    t.add(
        v(
            "5.6 StatefulSet partial partition when a full rollout is expected → NotRolledOut(PartitionHoldsSome)",
            "NotRolledOut(PARTITION_HOLDS_SOME)",
            "kubectl: success",
            DEFAULTS.withExpectFullRollout(true),
            steady(partial)));
    t.add(
        v(
            "5.5 StatefulSet RollingUpdate: pod above the partition still old → InProgress",
            "InProgress",
            "kubectl: Waiting for partitioned roll out to finish",
            steady(
                sts(
                    STS,
                    Objs.AFTER,
                    sp(STS, 0, "db-rev2").build(),
                    sp(STS, 1, "db-rev2").build(),
                    sp(STS, 2, "db-rev1").build()))));
    t.add(
        v(
            "5.5 StatefulSet: updated ≥ replicas − partition and every new pod stable → Succeeded",
            "Succeeded",
            "kubectl: partitioned roll out complete (printed even without a partition)",
            steady(
                sts(
                    STS,
                    Objs.AFTER,
                    sp(STS, 0, "db-rev2").build(),
                    sp(STS, 1, "db-rev2").build(),
                    sp(STS, 2, "db-rev2").build()))));
    t.add(
        v(
            "5.4 StatefulSet new pod in CrashLoopBackOff → Failed(CrashLoop)",
            "Failed(CRASH_LOOP)",
            "kstatus: Failed only if a StatefulSet write follows; Argo: never Degraded (argo-cd#6527)",
            once(
                1,
                sts(
                    STS,
                    Objs.AFTER,
                    sp(STS, 0, "db-rev1").build(),
                    sp(STS, 1, "db-rev1").build(),
                    sp(STS, 2, "db-rev2")
                        .waiting("CrashLoopBackOff", "back-off")
                        .restarts(2)
                        .build()))));
    Event failedCreate =
        event(STS, "FailedCreate", "create Pod db-2 failed: exceeded quota", 3, T0.plusSeconds(1));
    Snapshot stsQuota =
        sts(STS, Objs.AFTER, sp(STS, 0, "db-rev2").build(), sp(STS, 1, "db-rev2").build())
            .withEvents(List.of(failedCreate));
    t.add(
        v(
            "5.4 StatefulSet FailedCreate event held 15s → Failed(CreateFailed)",
            "Failed(CREATE_FAILED)",
            "kstatus: InProgress LessReplicas",
            steps(1, stsQuota, 17, stsQuota)));
    t.add(
        v(
            "5.6 StatefulSet replicas 0 → Succeeded(ScaledToZero)",
            "Succeeded[SCALED_TO_ZERO]",
            "kubectl: rolled out",
            once(1, sts(statefulSet("db", 0, "RollingUpdate", 0, "db-rev2", 0), Objs.AFTER))));
    t.add(
        v(
            "5.3 StatefulSet without status.updateRevision yet → InProgress",
            "InProgress",
            "kubectl: waiting",
            once(1, sts(statefulSet("db", 1, "RollingUpdate", 0, "", 0), Objs.AFTER))));
    StatefulSet same = statefulSet("db", 1, "RollingUpdate", 0, "db-rev2", 1);
    t.add(
        v(
            "5.6 StatefulSet template unchanged, every pod at updateRevision → Succeeded(NoChangeNeeded)",
            "Succeeded[NO_CHANGE_NEEDED]",
            "kubectl: rolled out",
            steady(sts(same, Objs.BEFORE, sp(same, 0, "db-rev2").createdBefore().build()))));

    // ---- DaemonSet (§5.3 max ControllerRevision)
    t.add(
        v(
            "5.3 DaemonSet: new pods = hash of the max ControllerRevision; all stable → Succeeded",
            "Succeeded",
            "kubectl: successfully rolled out",
            steady(ds(DS, Objs.AFTER, dp(DS, "a", "h2").build(), dp(DS, "b", "h2").build()))));
    t.add(
        v(
            "5.3 DaemonSet: a pod at an older ControllerRevision (RollingUpdate) → InProgress",
            "InProgress",
            "kstatus: InProgress",
            steady(
                ds(
                    daemonSet("agent", "RollingUpdate", 2, 1, 2),
                    Objs.AFTER,
                    dp(DS, "a", "h2").build(),
                    dp(DS, "b", "h1").build()))));
    t.add(
        v(
            "5.6 DaemonSet OnDelete with stale pods → NotRolledOut(OnDelete)",
            "NotRolledOut(ON_DELETE)",
            "kubectl: error; kstatus: InProgress forever; Helm legacy and Argo: ready/Healthy",
            once(
                1,
                ds(
                    DS_ONDELETE,
                    Objs.AFTER,
                    dp(DS_ONDELETE, "a", "h1").build(),
                    dp(DS_ONDELETE, "b", "h1").build()))));
    t.add(
        v(
            "5.6 DaemonSet selecting no node → Succeeded(ScaledToZero)",
            "Succeeded[SCALED_TO_ZERO]",
            "kubectl: successfully rolled out",
            once(1, ds(daemonSet("agent", "RollingUpdate", 0, 0, 0), Objs.AFTER))));
    t.add(
        v(
            "5.4 DaemonSet new pod ErrImagePull not-found twice → Failed(ImagePull)",
            "Failed(IMAGE_PULL)",
            "kstatus/Argo: DaemonSet never Failed; kubectl: waits forever",
            steps(
                1,
                    ds(
                        daemonSet("agent", "RollingUpdate", 2, 2, 1),
                        Objs.AFTER,
                        dp(DS, "a", "h2").build(),
                        dp(DS, "b", "h2").waiting("ErrImagePull", notFound).rv("3").build()),
                13,
                    ds(
                        daemonSet("agent", "RollingUpdate", 2, 2, 1),
                        Objs.AFTER,
                        dp(DS, "a", "h2").build(),
                        dp(DS, "b", "h2").waiting("ErrImagePull", notFound).rv("4").build()))));
    DaemonSet dsUnobserved =
        new DaemonSetBuilder(DS).editStatus().withObservedGeneration(null).endStatus().build();
    t.add(
        v(
            "5.3 DaemonSet without status.observedGeneration → InProgress",
            "InProgress",
            "kstatus: DaemonSet requires both generation fields",
            once(1, ds(dsUnobserved, Objs.AFTER))));

    // ---- ReplicaSet (bare)
    ReplicaSet bare = bareReplicaSet("web", 2, 2, "web:v2");
    t.add(
        v(
            "5.5 ReplicaSet: replicas available and stable → Succeeded",
            "Succeeded",
            "kstatus: Current",
            steady(
                Snapshot.of(bare, ApplyRecord.unpinned(T0))
                    .withPods(
                        List.of(
                            pod("web-a", bare).image("web:v2").build(),
                            pod("web-b", bare).image("web:v2").build())))));
    t.add(
        v(
            "5.6 ReplicaSet: pods run another image than the template (never replaced) → NotRolledOut(StalePods)",
            "NotRolledOut(STALE_PODS)",
            "kstatus: Current",
            once(
                1,
                Snapshot.of(bare, ApplyRecord.unpinned(T0))
                    .withPods(
                        List.of(
                            pod("web-a", bare).image("web:v1").build(),
                            pod("web-b", bare).image("web:v2").build())))));
    ReplicaSet bareQuota =
        new ReplicaSetBuilder(bareReplicaSet("web", 2, 0, "web:v2"))
            .editStatus()
            .addNewCondition()
            .withType("ReplicaFailure")
            .withStatus("True")
            .withReason("FailedCreate")
            .withMessage("exceeded quota")
            .endCondition()
            .endStatus()
            .build();
    t.add(
        v(
            "5.4 ReplicaSet ReplicaFailure=True for 15s → Failed(CreateFailed)",
            "Failed(CREATE_FAILED)",
            "kstatus: InProgress 'Replica Failure condition'; Argo: Degraded",
            steps(
                1,
                Snapshot.of(bareQuota, ApplyRecord.unpinned(T0)),
                17,
                Snapshot.of(bareQuota, ApplyRecord.unpinned(T0)))));

    // ---- Job
    t.add(
        v(
            "Job Complete=True → Succeeded",
            "Succeeded",
            "kstatus: Current; Helm Job reader: Current",
            once(1, Snapshot.of(job("migrate", "Complete"), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "Job Failed=True → Failed(JobFailed)",
            "Failed(JOB_FAILED)",
            "kstatus: Failed",
            once(1, Snapshot.of(job("migrate", "Failed"), ApplyRecord.unpinned(T0)))));
    Job suspended =
        new JobBuilder(job("migrate", "")).editSpec().withSuspend(true).endSpec().build();
    t.add(
        v(
            "5.6 Job suspended → NotRolledOut(Paused)",
            "NotRolledOut(PAUSED)",
            "kstatus: Current once started",
            once(1, Snapshot.of(suspended, ApplyRecord.unpinned(T0)))));
    Job running = job("migrate", "");
    t.add(
        v(
            "5.4 Job pod ErrImagePull not-found twice → Failed(ImagePull)",
            "Failed(IMAGE_PULL)",
            "kstatus: Job Current once started; Helm --wait-for-jobs: waits for backoffLimit",
            steps(
                1,
                    Snapshot.of(running, ApplyRecord.unpinned(T0))
                        .withPods(
                            List.of(
                                pod("migrate-x", running)
                                    .waiting("ErrImagePull", notFound)
                                    .rv("1")
                                    .build())),
                12,
                    Snapshot.of(running, ApplyRecord.unpinned(T0))
                        .withPods(
                            List.of(
                                pod("migrate-x", running)
                                    .waiting("ErrImagePull", notFound)
                                    .rv("2")
                                    .build())))));
    t.add(
        v(
            "Job still active → InProgress",
            "InProgress",
            "kstatus: Current (started)",
            once(
                1,
                Snapshot.of(running, ApplyRecord.unpinned(T0))
                    .withPods(List.of(pod("migrate-x", running).build())))));

    // ---- Pod
    Pod bareReady = pod("solo", null).build();
    t.add(
        v(
            "Pod Running+Ready and stable → Succeeded",
            "Succeeded",
            "kstatus: Current",
            steady(Snapshot.of(bareReady, ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "Pod Running+Ready inside the stability window → InProgress",
            "InProgress",
            "kstatus: Current",
            once(2, Snapshot.of(bareReady, ApplyRecord.unpinned(T0)))));
    Pod failedPod = pod("solo", null).phase("Failed", "Error").build();
    t.add(
        v(
            "Pod phase Failed → Failed(PodFailed)",
            "Failed(POD_FAILED)",
            "kstatus: Current ('completed, but not successfully'); Argo: Degraded",
            once(1, Snapshot.of(failedPod, ApplyRecord.unpinned(T0)))));
    Pod crashPod = pod("solo", null).waiting("CrashLoopBackOff", "back-off").restarts(2).build();
    t.add(
        v(
            "Pod CrashLoopBackOff → Failed(CrashLoop)",
            "Failed(CRASH_LOOP)",
            "kstatus: Failed ContainerCrashLooping",
            once(1, Snapshot.of(crashPod, ApplyRecord.unpinned(T0)))));
    Pod donePod = pod("solo", null).phase("Succeeded", "").build();
    t.add(
        v(
            "Pod phase Succeeded → Succeeded",
            "Succeeded",
            "kstatus: Current",
            once(1, Snapshot.of(donePod, ApplyRecord.unpinned(T0)))));

    // ---- resources with standard conditions (CRDs)
    t.add(
        v(
            "CR Ready=True held for S → Succeeded",
            "Succeeded",
            "kstatus: Current",
            steady(
                Snapshot.of(
                    custom("w", 2, 2L, Map.of("Ready", "True")), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR Ready=True inside the stability window → InProgress",
            "InProgress",
            "kstatus: Current",
            once(
                1,
                Snapshot.of(
                    custom("w", 2, 2L, Map.of("Ready", "True")), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR Stalled=True → Failed(ResourceStalled)",
            "Failed(RESOURCE_STALLED)",
            "kstatus: Failed",
            once(
                1,
                Snapshot.of(
                    custom("w", 2, 2L, Map.of("Stalled", "True", "Ready", "False")),
                    ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR Reconciling=True → InProgress",
            "InProgress",
            "kstatus: InProgress",
            once(
                1,
                Snapshot.of(
                    custom("w", 2, 2L, Map.of("Reconciling", "True")), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR Ready=False → InProgress",
            "InProgress",
            "kstatus: InProgress",
            once(
                1,
                Snapshot.of(
                    custom("w", 2, 2L, Map.of("Ready", "False")), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR Available=True held for S → Succeeded",
            "Succeeded",
            "kstatus: Current (no Ready condition)",
            steady(
                Snapshot.of(
                    custom("w", 2, 2L, Map.of("Available", "True")), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR observedGeneration < generation → InProgress",
            "InProgress",
            "kstatus: InProgress LatestGenerationNotObserved",
            once(
                1,
                Snapshot.of(
                    custom("w", 3, 2L, Map.of("Ready", "True")), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR with no conditions after T_obs → Unknown(ControllerNotObserving), never Succeeded",
            "Unknown(CONTROLLER_NOT_OBSERVING)",
            "kstatus: Current 'Resource is current'",
            once(31, Snapshot.of(custom("w", 1, null, Map.of()), ApplyRecord.unpinned(T0)))));
    t.add(
        v(
            "CR with no conditions before T_obs → InProgress",
            "InProgress",
            "kstatus: Current",
            once(1, Snapshot.of(custom("w", 1, null, Map.of()), ApplyRecord.unpinned(T0)))));
    return t;
  }

  static Optional<HasMetadata> none() {
    return Optional.empty();
  }
}
