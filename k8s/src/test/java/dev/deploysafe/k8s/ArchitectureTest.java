package dev.deploysafe.k8s;

import static dev.deploysafe.core.testing.ModuleRules.module;

import dev.deploysafe.core.testing.ModuleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void dependsOnlyInTheDirectionsOfStyleGuide() {
    ModuleRules.enforce(
        "k8s",
        List.of(
            "com.networknt..", module("helm"), module("testkit"), module("checks"), module("cli")));
  }
}
