package dev.deploysafe.examples;

import dev.deploysafe.core.Report;
import dev.deploysafe.core.YamlFile;
import dev.deploysafe.core.YamlSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lints YAML files the way Helm reads them and prints the report; exits 1 when a file has an ERROR
 * (a duplicate key, a syntax error, hostile content).
 *
 * <p>Run: {@code java -cp "$(cat examples/target/classpath.txt):examples/target/classes"
 * dev.deploysafe.examples.LintYamlFiles examples/values/hub-surprises.yaml}
 */
public final class LintYamlFiles {

  private LintYamlFiles() {}

  /** Lints every file named on the command line. */
  public static void main(String... args) throws Exception {
    List<Report> reports = new ArrayList<>();
    for (String file : args) {
      YamlFile yaml = YamlSource.load(Path.of(file));
      reports.add(yaml.report());
    }
    Report all = Report.merge(reports);
    System.out.print(all.toText());
    if (!all.passed()) {
      System.exit(1);
    }
  }
}
