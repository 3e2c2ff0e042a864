package dev.deploysafe.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a report as JSON in schema version 1; {@code docs/report-json-schema.md} documents every
 * field. Every field is always present (empty string, 0, empty list) so consumers need no null
 * checks.
 */
final class JsonRenderer {

  /** Bump only with a breaking change to the shape; adding fields keeps the version. */
  static final int SCHEMA_VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonRenderer() {}

  static String render(Report report, RenderOptions options) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeObjectFieldStart("tool");
      str(g, "name", options.toolName());
      str(g, "version", options.toolVersion());
      g.writeEndObject();
      str(g, "title", options.title());
      g.writeBooleanField("passed", report.passed());
      g.writeObjectFieldStart("counts");
      g.writeNumberField("error", report.count(Severity.ERROR));
      g.writeNumberField("warning", report.count(Severity.WARNING));
      g.writeNumberField("info", report.count(Severity.INFO));
      g.writeNumberField("total", report.findings().size());
      g.writeEndObject();
      g.writeArrayFieldStart("checks");
      for (String c : report.checks()) {
        g.writeString(RenderText.clean(c));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("findings");
      for (Finding f : report.findings()) {
        writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString() + "\n";
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    str(g, "code", f.code());
    str(g, "severity", f.severity().name());
    str(g, "message", f.message());
    str(g, "hint", f.hint());
    g.writeArrayFieldStart("suggestions");
    for (String s : f.suggestions()) {
      g.writeString(RenderText.clean(s));
    }
    g.writeEndArray();
    Location l = f.location();
    g.writeObjectFieldStart("location");
    str(g, "file", l.file());
    g.writeNumberField("line", l.line());
    g.writeNumberField("column", l.column());
    str(g, "keyPath", l.keyPath());
    str(g, "pointer", l.pointer());
    str(g, "chart", l.chart());
    str(g, "resource", l.resource());
    g.writeEndObject();
    g.writeObjectFieldStart("evidence");
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      str(g, e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void str(JsonGenerator g, String name, String value) throws IOException {
    g.writeStringField(RenderText.clean(name), RenderText.clean(value));
  }
}
