package dev.deploysafe.cli;

import static dev.deploysafe.core.testing.ModuleRules.module;

import dev.deploysafe.core.testing.ModuleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void dependsOnlyInTheDirectionsOfStyleGuide() {
    ModuleRules.enforce("cli", List.of(module("examples"), module("bench")));
  }
}
