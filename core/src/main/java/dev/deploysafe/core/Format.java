package dev.deploysafe.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Names a report format that {@link Reports#render} writes.
 *
 * <p>Immutable and thread-safe.
 */
public enum Format {
  /** Plain text for people, optionally with ANSI colour. */
  TEXT,
  /** JSON in the stable schema of {@code docs/report-json-schema.md} ({@code schemaVersion 1}). */
  JSON,
  /** JUnit XML as Jenkins' {@code junit} step reads it: one test case per check. */
  JUNIT,
  /** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
  SARIF,
  /** GitHub-flavoured Markdown for pull-request comments. */
  MARKDOWN;

  /**
   * Reads a format name, ignoring case: {@code text}, {@code json}, {@code junit}, {@code sarif},
   * {@code markdown}, and the aliases {@code txt}, {@code xml}, {@code junit-xml}, {@code md}.
   *
   * @throws IllegalArgumentException when the name is none of these; the message lists them
   */
  public static Format parse(String name) {
    Objects.requireNonNull(name, "name");
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "text":
      case "txt":
        return TEXT;
      case "json":
        return JSON;
      case "junit":
      case "junit-xml":
      case "xml":
        return JUNIT;
      case "sarif":
        return SARIF;
      case "markdown":
      case "md":
        return MARKDOWN;
      default:
        throw new IllegalArgumentException(
            "format must be one of text, json, junit, sarif, markdown: '" + name + "'");
    }
  }

  /** Returns the usual file extension, without the dot ({@code sarif}, {@code xml}, ...). */
  public String extension() {
    switch (this) {
      case TEXT:
        return "txt";
      case JSON:
        return "json";
      case JUNIT:
        return "xml";
      case SARIF:
        return "sarif";
      default:
        return "md";
    }
  }
}
