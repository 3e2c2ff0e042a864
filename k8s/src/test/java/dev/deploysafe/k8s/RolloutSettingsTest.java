package dev.deploysafe.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table tests for the policy and option builders: copies, checks and defaults. */
class RolloutSettingsTest {

  @Test
  void policyBuilderStartsFromTheSpecDefaults() {
    assertThat(RolloutPolicy.builder().build()).isEqualTo(RolloutPolicy.defaults());
    assertThat(RolloutPolicy.defaults().toBuilder().build()).isEqualTo(RolloutPolicy.defaults());
  }

  @Test
  void policyBuilderChangesOnlyWhatItIsTold() {
    RolloutPolicy p =
        RolloutPolicy.builder()
            .oomKilledRestarts(3)
            .maxEvictions(0)
            .createFailedGrace(Duration.ofSeconds(1))
            .containerStartSightings(5)
            .build();
    RolloutPolicy d = RolloutPolicy.defaults();
    assertThat(p.oomKilledRestarts()).isEqualTo(3);
    assertThat(p.maxEvictions()).isZero();
    assertThat(p.createFailedGrace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.containerStartSightings()).isEqualTo(5);
    assertThat(
            p.toBuilder()
                .oomKilledRestarts(d.oomKilledRestarts())
                .maxEvictions(d.maxEvictions())
                .createFailedGrace(d.createFailedGrace())
                .containerStartSightings(d.containerStartSightings())
                .build())
        .isEqualTo(d);
  }

  @Test
  void withCopiesAgreeWithTheBuilder() {
    RolloutPolicy d = RolloutPolicy.defaults();
    Duration s = Duration.ofSeconds(7);
    assertThat(d.withObserveTimeout(s).observeTimeout()).isEqualTo(s);
    assertThat(d.withPullRetry(s, 9))
        .isEqualTo(d.toBuilder().pullRetryBudget(s).pullRetryAttempts(9).build());
    assertThat(d.withStabilityWindow(Duration.ZERO).stabilityWindow()).isZero();
    assertThat(d.withAssistOnDelete(true).assistOnDelete()).isTrue();
    assertThat(d.withAssistOnDelete(true).withAssistOnDelete(false)).isEqualTo(d);
    assertThat(d.withBudget(s).budget()).isEqualTo(s);
  }

  @Test
  void policyBuilderChecksLikeTheConstructor() {
    assertThatThrownBy(() -> RolloutPolicy.builder().crashLoopRestarts(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crashLoopRestarts");
    assertThatThrownBy(() -> RolloutPolicy.builder().budget(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("budget");
    assertThatThrownBy(() -> RolloutPolicy.builder().maxEvictions(-1).build())
        .hasMessageContaining("maxEvictions");
    assertThatThrownBy(() -> RolloutPolicy.builder().definitivePullErrors(List.of("(")).build())
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }

  @Test
  void policyPatternsAreCopiedNotShared() {
    List<String> patterns = new java.util.ArrayList<>(List.of("nope"));
    RolloutPolicy p = RolloutPolicy.builder().definitivePullErrors(patterns).build();
    patterns.add("unauthorized");
    assertThat(p.definitivePullErrors()).containsExactly("nope");
    assertThat(p.isDefinitivePullError("pull: UNAUTHORIZED")).isFalse();
    assertThat(p.isDefinitivePullError("NOPE")).isTrue();
  }

  @Test
  void optionsBuilderRoundTripsAndChecks() {
    RolloutOptions d = RolloutOptions.defaults();
    assertThat(RolloutOptions.builder().build()).isEqualTo(d);
    RolloutOptions o = d.toBuilder().namespace("prod").watch(false).fetchLogs(false).build();
    assertThat(o.namespace()).isEqualTo("prod");
    assertThat(o.watch()).isFalse();
    assertThat(o.fetchLogs()).isFalse();
    assertThat(o.fetchNodes()).isTrue();
    assertThat(o.withNamespace("").withWatch(true).withFetchLogs(true)).isEqualTo(d);
    assertThat(d.withTimeout(Duration.ofSeconds(3)).policy().budget())
        .isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> d.toBuilder().tick(Duration.ZERO).build())
        .hasMessageContaining("tick");
    assertThatThrownBy(() -> d.toBuilder().namespace(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("namespace");
  }
}
