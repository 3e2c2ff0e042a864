package dev.deploysafe.helm;

import static dev.deploysafe.core.testing.ModuleRules.module;

import dev.deploysafe.core.testing.ModuleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void dependsOnlyInTheDirectionsOfStyleGuide() {
    ModuleRules.enforce(
        "helm",
        List.of("io.fabric8..", module("k8s"), module("testkit"), module("checks"), module("cli")));
  }
}
