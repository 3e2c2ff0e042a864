package dev.deploysafe.testkit;

import static dev.deploysafe.core.testing.ModuleRules.module;

import dev.deploysafe.core.testing.ModuleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void dependsOnlyInTheDirectionsOfStyleGuide() {
    ModuleRules.enforce(
        "testkit", List.of(module("helm"), module("k8s"), module("checks"), module("cli")));
  }
}
