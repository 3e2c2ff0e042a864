package dev.deploysafe.testkit;

import java.util.List;

/**
 * Thrown when a YAML scenario is invalid. {@link #problems()} lists every problem found, each
 * starting with {@code file:line:column:}.
 */
public final class ScenarioFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  ScenarioFormatException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, each as {@code file:line:column: message}. */
  public List<String> problems() {
    return problems;
  }
}
