package dev.deploysafe.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void testkitDependsOnNeitherHelmNorChecksNorCli() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.deploysafe.testkit");

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.deploysafe.helm..", "dev.deploysafe.checks..", "dev.deploysafe.cli..")
        .check(classes);
  }
}
