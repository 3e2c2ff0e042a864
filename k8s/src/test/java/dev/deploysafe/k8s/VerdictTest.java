package dev.deploysafe.k8s;

import static dev.deploysafe.k8s.testing.Objs.T0;
import static dev.deploysafe.k8s.testing.Objs.deployment;
import static dev.deploysafe.k8s.testing.Objs.pod;
import static dev.deploysafe.k8s.testing.Objs.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.Severity;
import dev.deploysafe.k8s.testing.Timeline;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static Verdict.Failed incidentOneFailure() {
    Deployment d = deployment("api", 5, 5, 5, 2);
    ReplicaSet rs = replicaSet(d, "2", "n", "app:v2");
    String err = "failed to pull \"reg/app:v2\": 403 Forbidden";
    Snapshot s =
        Snapshot.of(d, ApplyRecord.unpinned(T0))
            .withReplicaSets(List.of(rs))
            .withNodeLabels(
                Map.of(
                    "new-1", Map.of("cloud.google.com/gke-nodepool", "new"),
                    "new-2", Map.of("cloud.google.com/gke-nodepool", "new"),
                    "old-1", Map.of("cloud.google.com/gke-nodepool", "old")));
    Timeline t = Timeline.start(RolloutPolicy.defaults().withDefinitivePullAttempts(1));
    Verdict v =
        t.at(
            3,
            s.withPods(
                List.of(
                    pod("a", rs).hash("n").node("new-1").waiting("ErrImagePull", err).build(),
                    pod("b", rs).hash("n").node("new-2").waiting("ErrImagePull", err).build(),
                    pod("c", rs).hash("n").node("new-2").waiting("ErrImagePull", err).build(),
                    pod("d", rs).hash("n").node("old-1").build(),
                    pod("e", rs).hash("n").node("old-1").build())));
    return (Verdict.Failed) v;
  }

  @Test
  void failuresAreGroupedByNodePool() {
    assertThat(incidentOneFailure().byNodePool())
        .containsExactly("fails on 3/3 pods on gke-nodepool=new", "0/2 pods on gke-nodepool=old");
  }

  @Test
  void unknownProvidersPoolLabelsAreRecognisedBySuffix() {
    assertThat(PodRules.pool("n1", Map.of("n1", Map.of("deploysafe.dev/node-pool", "new"))))
        .isEqualTo("node-pool=new");
    assertThat(PodRules.pool("n1", Map.of("n1", Map.of("kubernetes.io/os", "linux")))).isEmpty();
  }

  @Test
  void failedEvidenceNamesPodNodePoolContainerAndMessage() {
    PodEvidence e = incidentOneFailure().evidence().get(0);
    assertThat(e.pod()).isEqualTo("a");
    assertThat(e.node()).isEqualTo("new-1");
    assertThat(e.nodePool()).isEqualTo("gke-nodepool=new");
    assertThat(e.container()).isEqualTo("app");
    assertThat(e.reason()).isEqualTo("ErrImagePull");
    assertThat(e.message()).contains("403 Forbidden");
  }

  @Test
  void everyVerdictButSucceededIsAnErrorFinding() {
    List<Verdict> failing =
        List.of(
            Verdict.Failed.of(Verdict.Failed.Reason.CRASH_LOOP, "x"),
            new Verdict.NotRolledOut(
                Verdict.NotRolledOut.Reason.ON_DELETE, "x", List.of("db-0@r1")),
            new Verdict.Stalled(Verdict.Stalled.Reason.READINESS, "x", List.of()),
            Verdict.Unknown.of(Verdict.Unknown.Reason.FORBIDDEN, "x"),
            Verdict.InProgress.of("x"));
    for (Verdict v : failing) {
      Report r = Report.of(v.toFindings("apps/Deployment prod/api"));
      assertThat(r.passed()).as(v.toString()).isFalse();
    }
    Report ok =
        Report.of(Verdict.Succeeded.of("done", List.of()).toFindings("apps/Deployment prod/api"));
    assertThat(ok.passed()).isTrue();
    assertThat(ok.findings().get(0).severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void findingCodesAreStable() {
    assertThat(Verdict.Failed.of(Verdict.Failed.Reason.IMAGE_PULL, "m").code())
        .isEqualTo("rollout.image-pull");
    assertThat(
            new Verdict.NotRolledOut(Verdict.NotRolledOut.Reason.STALE_PODS, "m", List.of()).code())
        .isEqualTo("rollout.stale-pods");
    assertThat(
            new Verdict.NotRolledOut(Verdict.NotRolledOut.Reason.ON_DELETE, "m", List.of()).code())
        .isEqualTo("rollout.not-rolled-out.on-delete");
    assertThat(Verdict.Unknown.of(Verdict.Unknown.Reason.TIMEOUT, "m").code())
        .isEqualTo("rollout.unknown");
    assertThat(Verdict.Succeeded.of("m", List.of()).code()).isEqualTo("rollout.succeeded");
  }

  @Test
  void findingCarriesEvidenceAndLocation() {
    Finding f = incidentOneFailure().toFindings("apps/Deployment prod/api").get(0);
    assertThat(f.location().resource()).isEqualTo("apps/Deployment prod/api");
    assertThat(f.evidence()).containsKey("byNodePool").containsKey("pod.0");
    assertThat(f.evidence().get("pod.0")).contains("403 Forbidden");
  }

  @Test
  void verdictsSurviveJavaSerialization() throws Exception {
    Verdict v = incidentOneFailure();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(v);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(v);
    }
  }

  @Test
  void worstPicksFailedOverUnknownOverSucceeded() {
    Verdict ok = Verdict.Succeeded.of("ok", List.of());
    Verdict unknown = Verdict.Unknown.of(Verdict.Unknown.Reason.TIMEOUT, "t");
    Verdict failed = Verdict.Failed.of(Verdict.Failed.Reason.CRASH_LOOP, "c");
    assertThat(Verdict.worst(List.of(ok, unknown, failed))).isEqualTo(failed);
    assertThat(Verdict.worst(List.of(ok, unknown))).isEqualTo(unknown);
  }

  @Test
  void exitCodesFollowTheCliContract() {
    assertThat(Verdict.Succeeded.of("ok", List.of()).exitCode()).isZero();
    assertThat(Verdict.Failed.of(Verdict.Failed.Reason.CRASH_LOOP, "c").exitCode()).isEqualTo(1);
    assertThat(
            new Verdict.NotRolledOut(Verdict.NotRolledOut.Reason.PAUSED, "p", List.of()).exitCode())
        .isEqualTo(1);
    assertThat(new Verdict.Stalled(Verdict.Stalled.Reason.READINESS, "s", List.of()).exitCode())
        .isEqualTo(1);
    assertThat(Verdict.Unknown.of(Verdict.Unknown.Reason.TIMEOUT, "t").exitCode()).isEqualTo(3);
    assertThat(Verdict.InProgress.of("x").exitCode()).isEqualTo(3);
  }

  @Test
  void toStringIsReadable() {
    assertThat(incidentOneFailure().toString())
        .startsWith("Failed(IMAGE_PULL): 3/5 new pods failing: ErrImagePull")
        .contains("pod a on new-1 (gke-nodepool=new) container app");
  }
}
