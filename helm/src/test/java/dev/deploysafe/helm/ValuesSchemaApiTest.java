package dev.deploysafe.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps schema and YAML library types out of helm's public signatures (STYLE.md §1). */
class ValuesSchemaApiTest {

  private static final List<String> FORBIDDEN =
      List.of("com.networknt.", "com.fasterxml.", "org.yaml.");

  @Test
  void publicSignaturesUseOnlyJdkAndCoreTypes() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.deploysafe.helm");
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaMethod m : c.getMethods()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        List<String> types = new ArrayList<>();
        types.add(m.getRawReturnType().getName());
        m.getRawParameterTypes().forEach(t -> types.add(t.getName()));
        for (String t : types) {
          if (FORBIDDEN.stream().anyMatch(t::startsWith)) {
            leaks.add(c.getSimpleName() + "." + m.getName() + " uses " + t);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
