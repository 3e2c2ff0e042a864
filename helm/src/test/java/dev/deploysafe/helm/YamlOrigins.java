package dev.deploysafe.helm;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Test stand-in for the values engine's provenance: maps each key path of one or more YAML files to
 * the file:line:column of its key (later files win, as with {@code -f}).
 */
final class YamlOrigins implements ValueOrigins {

  private final Map<List<String>, ValueOrigin> origins = new HashMap<>();

  static YamlOrigins of(List<Path> files) throws IOException {
    YamlOrigins o = new YamlOrigins();
    for (Path f : files) {
      o.add(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
    }
    return o;
  }

  static YamlOrigins ofText(String fileName, String text) {
    YamlOrigins o = new YamlOrigins();
    o.add(fileName, text);
    return o;
  }

  private void add(String fileName, String text) {
    Node root = new Yaml().compose(new StringReader(text));
    if (root instanceof MappingNode m) {
      walk(fileName, m, new ArrayList<>());
    }
  }

  private void walk(String fileName, MappingNode m, List<String> path) {
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        continue;
      }
      List<String> p = new ArrayList<>(path);
      p.add(k.getValue());
      origins.put(
          List.copyOf(p),
          ValueOrigin.user(
              fileName, k.getStartMark().getLine() + 1, k.getStartMark().getColumn() + 1));
      if (t.getValueNode() instanceof MappingNode child) {
        walk(fileName, child, p);
      }
    }
  }

  @Override
  public Optional<ValueOrigin> originOf(List<String> keyPath) {
    return Optional.ofNullable(origins.get(keyPath));
  }
}
