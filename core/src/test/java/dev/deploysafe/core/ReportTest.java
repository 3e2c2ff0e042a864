package dev.deploysafe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final Finding ERR = Finding.error("values.key.unused", Location.none(), "x");
  private static final Finding WARN = Finding.warning("yaml.tab", Location.none(), "y");

  @Test
  void passesWhenNoFindingIsAnError() {
    assertThat(Report.of(WARN).passed()).isTrue();
    assertThat(Report.empty().passed()).isTrue();
    assertThat(Report.of(WARN, ERR).passed()).isFalse();
  }

  @Test
  void allOfRunsEveryCheckWithoutShortCircuit() {
    Check<Integer> positive = Checks.of("n.positive", n -> n > 0, n -> n + " <= 0");
    Check<Integer> even = Checks.of("n.even", n -> n % 2 == 0, n -> n + " is odd");
    Report r = Checks.allOf(positive, even).check(-3);
    assertThat(r.errors()).extracting(Finding::code).containsExactly("n.positive", "n.even");
    assertThat(r.checks()).containsExactly("n.positive", "n.even");
  }

  @Test
  void anyOfPassesOnFirstPassingCheck() {
    Check<Integer> positive = Checks.of("n.positive", n -> n > 0, n -> n + " <= 0");
    Check<Integer> even = Checks.of("n.even", n -> n % 2 == 0, n -> n + " is odd");
    assertThat(Checks.anyOf(positive, even).check(-2).passed()).isTrue();
    assertThat(Checks.anyOf(positive, even).check(-3).errors()).hasSize(2);
  }

  @Test
  void notInvertsAndWhenSkips() {
    Check<Integer> positive = Checks.of("n.positive", n -> n > 0, n -> n + " <= 0");
    Check<Integer> notPositive = Checks.not("n.not-positive", positive, n -> n + " > 0");
    assertThat(notPositive.check(5).errors()).extracting(Finding::message).containsExactly("5 > 0");
    assertThat(positive.when(n -> n > 100).check(-1).passed()).isTrue();
  }

  @Test
  void rejectsCodesThatAreNotDottedIds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Finding.error("Bad Code", Location.none(), "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad Code");
  }

  @Test
  void locationRendersPointerAndDottedPath() {
    Location l = Location.of("v.yaml", 3, 1).withKey(List.of("a.b", "c/d")).withChart("basehub");
    assertThat(l.keyPath()).isEqualTo("a\\.b.c/d");
    assertThat(l.pointer()).isEqualTo("/a.b/c~1d");
    assertThat(l.toString()).isEqualTo("v.yaml:3:1 a\\.b.c/d (chart basehub)");
  }
}
