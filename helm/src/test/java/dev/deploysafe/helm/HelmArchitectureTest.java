package dev.deploysafe.helm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the helm module's dependency direction and its JDK-and-core-only public signatures. */
class HelmArchitectureTest {
  private static final JavaClasses HELM =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.deploysafe.helm");

  @Test
  void helmNeverDependsOnKubernetesModulesOrFabric8() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..", "dev.deploysafe.k8s..", "dev.deploysafe.checks..")
        .check(HELM);
  }

  @Test
  void publicMethodsExposeNoYamlOrJsonLibraryTypes() {
    methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .should()
        .notHaveRawReturnType(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a Jackson or SnakeYAML type",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    c.getPackageName().startsWith("com.fasterxml")
                        || c.getPackageName().startsWith("org.yaml")))
        .check(HELM);
  }
}
