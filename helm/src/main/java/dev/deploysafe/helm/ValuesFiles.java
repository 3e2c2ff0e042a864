package dev.deploysafe.helm;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.YamlDocument;
import dev.deploysafe.core.YamlFile;
import dev.deploysafe.core.YamlLimits;
import dev.deploysafe.core.YamlSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads a values file (chart values.yaml or a user -f file) exactly as Helm's LoadValues does. */
final class ValuesFiles {
  private ValuesFiles() {}

  /** What one values file gave. {@code values} is null when the file is unusable. */
  record Read(
      @Nullable Map<String, Object> values, List<YamlDocument> documents, List<Finding> findings) {}

  static Read read(byte[] raw, String name, YamlLimits limits) {
    List<Finding> findings = new ArrayList<>();
    byte[] bytes = applyLineBufferQuirk(raw, name, findings);
    YamlFile f = YamlSource.read(bytes, name, limits);
    findings.addAll(f.report().findings());
    if (!f.isReadable()) {
      return new Read(null, f.documents(), findings);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (YamlDocument d : f.documents()) {
      Object v = d.mutableValue();
      if (v == null) {
        continue;
      }
      if (!(v instanceof Map)) {
        String type = v instanceof List ? "array" : v instanceof String ? "string" : "number";
        if (v instanceof Boolean) {
          type = "bool";
        }
        findings.add(
            Finding.error(
                    "values.file.not-a-map",
                    Location.of(name, d.root().start().line(), d.root().start().column()),
                    "cannot unmarshal yaml document: json: cannot unmarshal "
                        + type
                        + " into Go value of type map[string]interface {}")
                .withHint("a values document must be a mapping of keys to values"));
        return new Read(null, f.documents(), findings);
      }
      values = mergeMaps(values, Trees.asTable(v));
    }
    return new Read(values, f.documents(), findings);
  }

  /**
   * Reproduces Helm's line-buffer bug (helm#32506, fixed after v4.2.4): when the last line has no
   * trailing newline and is a positive multiple of 4096 bytes long, Kubernetes' YAML line reader
   * drops it silently. Proven against v4.1.4: a single 4096-byte line reads as empty.
   */
  static byte[] applyLineBufferQuirk(byte[] raw, String name, List<Finding> findings) {
    if (raw.length == 0 || raw[raw.length - 1] == '\n') {
      return raw;
    }
    int start = raw.length;
    while (start > 0 && raw[start - 1] != '\n') {
      start--;
    }
    int len = raw.length - start;
    if (len == 0 || len % 4096 != 0) {
      return raw;
    }
    int line = 1;
    for (int i = 0; i < start; i++) {
      if (raw[i] == '\n') {
        line++;
      }
    }
    findings.add(
        Finding.warning(
                "values.file.last-line-dropped",
                Location.of(name, line, 1),
                "Helm silently drops this last line: it is "
                    + len
                    + " bytes (a multiple of 4096) with no newline at the end")
            .withHint("end the file with a newline (helm#32506)"));
    byte[] out = new byte[start];
    System.arraycopy(raw, 0, out, 0, start);
    return out;
  }

  /**
   * Merges b over a as Helm's loader.MergeMaps does: maps merge deeply, anything else (lists,
   * scalars, null) replaces. Nested maps of a are reused, not copied, exactly like Go.
   */
  static Map<String, Object> mergeMaps(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> out = new LinkedHashMap<>(a);
    for (Map.Entry<String, Object> e : b.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map && out.get(e.getKey()) instanceof Map) {
        out.put(e.getKey(), mergeMaps(Trees.asTable(out.get(e.getKey())), Trees.asTable(v)));
        continue;
      }
      out.put(e.getKey(), v);
    }
    return out;
  }
}
