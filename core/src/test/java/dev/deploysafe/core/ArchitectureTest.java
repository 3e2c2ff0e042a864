package dev.deploysafe.core;

import static dev.deploysafe.core.testing.ModuleRules.module;

import dev.deploysafe.core.testing.ModuleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void coreDependsOnNoOtherModuleNorOnFabric8OrNetworknt() {
    ModuleRules.enforce(
        "core",
        List.of(
            "io.fabric8..",
            "com.networknt..",
            module("helm"),
            module("k8s"),
            module("testkit"),
            module("checks"),
            module("cli")));
  }
}
