package dev.deploysafe.testkit;

import static dev.deploysafe.testkit.testing.Manifests.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StatefulSet controller behaviour. Expectations: rollout-semantics.md §5.3 (updateRevision and
 * controller-revision-hash), §1.1/§1.2 (partition), §4 and §5.6 (OnDelete; currentRevision never
 * updated under OnDelete).
 */
class StatefulSetSimulationTest {
  private TestCluster cluster;

  @BeforeEach
  void start() {
    cluster = TestCluster.start();
    cluster.image("example/db:1", ImageBehaviour.runs().startsAfter(Duration.ofSeconds(10)));
    cluster.image("example/db:2", ImageBehaviour.runs().startsAfter(Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private StatefulSet get() {
    return cluster.client().apps().statefulSets().inNamespace("default").withName("db").get();
  }

  private Pod pod(int ordinal) {
    return cluster.client().pods().inNamespace("default").withName("db-" + ordinal).get();
  }

  private static String revision(Pod p) {
    return p.getMetadata().getLabels().get("controller-revision-hash");
  }

  private List<String> deletions() {
    return cluster.timeline().stream()
        .filter(e -> e.reason().equals("SuccessfulDelete"))
        .map(TimelineEntry::message)
        .toList();
  }

  @Test
  void orderedReadyCreatesTheNextPodOnlyWhenThePreviousIsReady() {
    cluster.apply(statefulSet("db", "example/db:1", 3, ""));
    cluster.advance(Duration.ofSeconds(5));
    assertThat(pod(0)).isNotNull();
    assertThat(pod(1)).isNull();
    cluster.advance(Duration.ofMinutes(2));
    assertThat(get().getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(pod(2).getMetadata().getLabels())
        .containsEntry("statefulset.kubernetes.io/pod-name", "db-2");
  }

  @Test
  void parallelPodManagementCreatesAllPodsAtOnce() {
    cluster.apply(statefulSet("db", "example/db:1", 3, "podManagementPolicy: Parallel"));
    cluster.advance(Duration.ofSeconds(1));
    assertThat(pod(0)).isNotNull();
    assertThat(pod(2)).isNotNull();
  }

  @Test
  void controllerRevisionsAreNamedAfterTheSetAndNumbered() {
    cluster.apply(statefulSet("db", "example/db:1", 1, ""));
    cluster.advance(Duration.ofMinutes(1));
    cluster.apply(statefulSet("db", "example/db:2", 1, ""));
    cluster.advance(Duration.ofMinutes(1));
    List<ControllerRevision> revs =
        cluster
            .client()
            .apps()
            .controllerRevisions()
            .inNamespace("default")
            .list()
            .getItems()
            .stream()
            .sorted(Comparator.comparing(ControllerRevision::getRevision))
            .toList();
    assertThat(revs).extracting(ControllerRevision::getRevision).containsExactly(1L, 2L);
    assertThat(revs).allSatisfy(r -> assertThat(r.getMetadata().getName()).startsWith("db-"));
    assertThat(get().getStatus().getUpdateRevision())
        .isEqualTo(revs.get(1).getMetadata().getName());
  }

  @Test
  void rollingUpdateReplacesHighestOrdinalFirstAndThenMovesCurrentRevision() {
    cluster.apply(statefulSet("db", "example/db:1", 3, ""));
    cluster.advance(Duration.ofMinutes(2));
    cluster.apply(statefulSet("db", "example/db:2", 3, ""));
    cluster.advance(Duration.ofMinutes(3));
    assertThat(deletions())
        .containsExactly(
            "delete Pod db-2 in StatefulSet db successful",
            "delete Pod db-1 in StatefulSet db successful",
            "delete Pod db-0 in StatefulSet db successful");
    StatefulSet s = get();
    assertThat(s.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(s.getStatus().getCurrentRevision()).isEqualTo(s.getStatus().getUpdateRevision());
  }

  @Test
  void partitionOnlyUpdatesOrdinalsAtOrAboveIt() {
    String strategy = "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}";
    cluster.apply(statefulSet("db", "example/db:1", 3, strategy));
    cluster.advance(Duration.ofMinutes(2));
    String before = get().getStatus().getCurrentRevision();
    cluster.apply(statefulSet("db", "example/db:2", 3, strategy));
    cluster.advance(Duration.ofMinutes(3));
    StatefulSet s = get();
    assertThat(revision(pod(2))).isEqualTo(s.getStatus().getUpdateRevision());
    assertThat(revision(pod(1))).isEqualTo(before);
    assertThat(revision(pod(0))).isEqualTo(before);
    assertThat(s.getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(s.getStatus().getCurrentRevision()).isEqualTo(before);
  }

  @Test
  void onDeleteReplacesOnlyDeletedPodsAndNeverMovesCurrentRevision() {
    String strategy = "updateStrategy: {type: OnDelete}";
    cluster.apply(statefulSet("db", "example/db:1", 2, strategy));
    cluster.advance(Duration.ofMinutes(2));
    String before = get().getStatus().getCurrentRevision();
    cluster.apply(statefulSet("db", "example/db:2", 2, strategy));
    cluster.advance(Duration.ofMinutes(5));
    assertThat(get().getStatus().getUpdatedReplicas()).isZero();
    assertThat(deletions()).isEmpty();
    cluster.client().pods().inNamespace("default").withName("db-1").delete();
    cluster.client().pods().inNamespace("default").withName("db-0").delete();
    cluster.advance(Duration.ofMinutes(2));
    StatefulSet s = get();
    assertThat(revision(pod(0))).isEqualTo(s.getStatus().getUpdateRevision());
    assertThat(revision(pod(1))).isEqualTo(s.getStatus().getUpdateRevision());
    assertThat(s.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(s.getStatus().getCurrentRevision()).isEqualTo(before);
  }
}
