package dev.deploysafe.helm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a chart tree and user files described in one text block: sections start with {@code ===
 * relative/path}. Every directory holding a {@code Chart.yaml} gets a {@code templates/values.yaml}
 * printing {@code {{ .Values | toJson }}}. Files named {@code user*.yaml} at the root are the
 * user's {@code -f} files, in name order; the chart is {@code top/}.
 */
public final class ChartFixture {
  private ChartFixture() {}

  /** Parses the sections: path to content, in order. */
  public static Map<String, String> sections(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    StringBuilder sb = new StringBuilder();
    for (String line : spec.split("\n", -1)) {
      if (line.startsWith("=== ")) {
        if (current != null) {
          out.put(current, sb.toString());
        }
        current = line.substring(4).trim();
        sb.setLength(0);
      } else if (current != null) {
        sb.append(line).append('\n');
      }
    }
    if (current != null) {
      out.put(current, sb.toString());
    }
    return out;
  }

  /** Writes the fixture below {@code dir}; returns the user files in order. */
  public static List<Path> write(String spec, Path dir) throws IOException {
    List<Path> users = new ArrayList<>();
    for (Map.Entry<String, String> e : sections(spec).entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
      if (e.getKey().endsWith("Chart.yaml")) {
        Path t = p.getParent().resolve("templates/values.yaml");
        Files.createDirectories(t.getParent());
        Files.writeString(t, "{{ .Values | toJson }}\n", StandardCharsets.UTF_8);
      }
    }
    try (var files = Files.list(dir)) {
      files
          .filter(p -> p.getFileName().toString().matches("user.*\\.yaml"))
          .sorted()
          .forEach(users::add);
    }
    return users;
  }
}
