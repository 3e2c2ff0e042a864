package dev.deploysafe.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a report as a SARIF 2.1.0 log with one run.
 *
 * <p>Rules are the check ids that ran plus every finding code, in order of appearance. Every result
 * has a location: a physical one (file, line, column) when the finding names a file, and logical
 * ones for the key path, the Kubernetes resource or the chart. {@code partialFingerprints} hash the
 * code, file, key path, resource and chart, never line numbers, so an alert keeps its identity when
 * lines move.
 */
final class SarifRenderer {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT_KEY = "deploysafe/v1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SarifRenderer() {}

  static String render(Report report, RenderOptions options) {
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", clean(options.toolName()));
    if (!options.toolVersion().isEmpty()) {
      driver.put("version", clean(options.toolVersion()));
    }
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (String id : report.checks()) {
      ruleIndex.putIfAbsent(id, ruleIndex.size());
    }
    for (Finding f : report.findings()) {
      ruleIndex.putIfAbsent(f.code(), ruleIndex.size());
    }
    ArrayNode rules = driver.putArray("rules");
    for (String id : ruleIndex.keySet()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", clean(id));
      rule.putObject("shortDescription").put("text", clean(id));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      writeResult(results.addObject(), f, ruleIndex.get(f.code()));
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(log) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing SARIF to memory failed", e);
    }
  }

  private static void writeResult(ObjectNode r, Finding f, int ruleIndex) {
    r.put("ruleId", clean(f.code()));
    r.put("ruleIndex", ruleIndex);
    r.put("level", level(f.severity()));
    StringBuilder text = new StringBuilder(f.message());
    if (!f.suggestions().isEmpty()) {
      text.append(" Did you mean: ").append(String.join(", ", f.suggestions())).append('?');
    }
    if (!f.hint().isEmpty()) {
      text.append(" Hint: ").append(f.hint());
    }
    r.putObject("message").put("text", clean(text.toString()));
    writeLocation(r.putArray("locations").addObject(), f);
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f));
    ObjectNode props = r.putObject("properties");
    props.put("severity", f.severity().name());
    if (!f.hint().isEmpty()) {
      props.put("hint", clean(f.hint()));
    }
    if (!f.suggestions().isEmpty()) {
      ArrayNode s = props.putArray("suggestions");
      f.suggestions().forEach(x -> s.add(clean(x)));
    }
    if (!f.evidence().isEmpty()) {
      ObjectNode ev = props.putObject("evidence");
      f.evidence().forEach((k, v) -> ev.put(clean(k), clean(v)));
    }
  }

  private static void writeLocation(ObjectNode loc, Finding f) {
    Location l = f.location();
    if (l.hasFile()) {
      ObjectNode physical = loc.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", uri(l.file()));
      if (l.line() > 0) {
        ObjectNode region = physical.putObject("region");
        region.put("startLine", l.line());
        if (l.column() > 0) {
          region.put("startColumn", l.column());
        }
      }
    }
    ArrayNode logical = MAPPER.createArrayNode();
    if (!l.keyPath().isEmpty() || !l.pointer().isEmpty()) {
      String path = l.keyPath().isEmpty() ? l.pointer() : l.keyPath();
      logical.addObject().put("fullyQualifiedName", clean(path)).put("kind", "property");
    }
    if (!l.resource().isEmpty()) {
      logical.addObject().put("fullyQualifiedName", clean(l.resource())).put("kind", "resource");
    }
    if (!l.chart().isEmpty()) {
      logical.addObject().put("fullyQualifiedName", clean(l.chart())).put("kind", "module");
    }
    if (logical.isEmpty() && !l.hasFile()) {
      // GitHub cannot show a result without a location; name the check itself.
      logical.addObject().put("fullyQualifiedName", clean(f.code())).put("kind", "module");
    }
    if (!logical.isEmpty()) {
      loc.set("logicalLocations", logical);
    }
  }

  static String level(Severity s) {
    switch (s) {
      case ERROR:
        return "error";
      case WARNING:
        return "warning";
      default:
        return "note";
    }
  }

  /** Hashes what identifies a finding across runs: never line numbers or message numbers. */
  static String fingerprint(Finding f) {
    Location l = f.location();
    String key =
        String.join(
            "\u0000",
            f.code(),
            l.file().replace('\\', '/'),
            l.keyPath().isEmpty() ? l.pointer() : l.keyPath(),
            l.resource(),
            l.chart());
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(clean(key).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte x : d) {
        hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Turns a file name into a URI reference: forward slashes, absolute paths as {@code file:} URIs,
   * and everything outside the unreserved set and {@code /} percent-encoded as UTF-8.
   */
  static String uri(String file) {
    String p = clean(file).replace('\\', '/');
    String prefix = "";
    if (p.length() >= 3
        && Character.isLetter(p.charAt(0))
        && p.charAt(1) == ':'
        && p.charAt(2) == '/') {
      prefix = "file:///" + p.charAt(0) + ":";
      p = p.substring(2);
    } else if (p.startsWith("/")) {
      prefix = "file://";
    }
    StringBuilder out = new StringBuilder(prefix);
    for (byte x : p.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '/';
      if (keep) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static String clean(String s) {
    return RenderText.clean(s);
  }
}
