package dev.deploysafe.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * Enforces the module dependency directions of STYLE.md §1 with ArchUnit: each module's test calls
 * {@link #enforce} with the packages its main code must never touch.
 */
public final class ModuleRules {

  private ModuleRules() {}

  /** Imports the main classes of {@code dev.deploysafe.<module>} and checks the rules. */
  public static void enforce(String module, List<String> forbiddenPackages) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.deploysafe." + module);
    if (classes.isEmpty()) {
      throw new AssertionError("no classes imported for module " + module);
    }
    for (String forbidden : forbiddenPackages) {
      noClasses()
          .that()
          .resideInAPackage("dev.deploysafe." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(forbidden)
          .because("STYLE.md §1: " + module + " must not depend on " + forbidden)
          .check(classes);
    }
    slices()
        .matching("dev.deploysafe." + module + ".(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(classes);
  }

  /** The packages of the deploysafe modules, for building forbidden lists. */
  public static String module(String name) {
    return "dev.deploysafe." + name + "..";
  }
}
