package dev.deploysafe.helm;

import dev.deploysafe.core.BoundedInput;
import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Location;
import dev.deploysafe.core.Report;
import dev.deploysafe.core.YamlDocument;
import dev.deploysafe.core.YamlFile;
import dev.deploysafe.core.YamlSource;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Loads charts from directories and {@code .tgz} archives with nested {@code charts/} the way
 * Helm's v2 chart loader does ({@code pkg/chart/v2/loader}), turning every problem into a finding.
 */
final class ChartLoader {
  private static final Pattern ALIAS = Pattern.compile("^[a-zA-Z0-9_-]+$");

  private final ValuesOptions options;
  private final List<Finding> findings = new ArrayList<>();

  private ChartLoader(ValuesOptions options) {
    this.options = options;
  }

  /** Thrown inside the loader to stop at the first error, as Helm's loader does. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  static ChartLoad load(Path path, ValuesOptions options) throws IOException {
    ChartLoader l = new ChartLoader(options);
    String source = path.toString();
    try {
      Map<String, byte[]> files;
      if (Files.isDirectory(path)) {
        files = l.readDirectory(path);
      } else {
        byte[] archive;
        try {
          archive =
              BoundedInput.readFile(
                  path, (int) Math.min(Integer.MAX_VALUE - 1L, options.maxChartBytes()));
        } catch (BoundedInput.TooLargeException e) {
          throw l.fail(
              "chart.load.too-large",
              Location.file(source),
              "chart archive is larger than the limit of " + options.maxChartBytes() + " bytes");
        }
        files = l.readArchive(archive, source);
      }
      Chart c = l.fromFiles(files, source, 0);
      return new ChartLoad(Optional.of(c), Report.of(l.findings));
    } catch (Stop s) {
      return new ChartLoad(Optional.empty(), Report.of(l.findings));
    }
  }

  static ChartLoad fromArchive(byte[] archive, String source, ValuesOptions options) {
    ChartLoader l = new ChartLoader(options);
    try {
      Chart c = l.fromFiles(l.readArchive(archive, source), source, 0);
      return new ChartLoad(Optional.of(c), Report.of(l.findings));
    } catch (Stop s) {
      return new ChartLoad(Optional.empty(), Report.of(l.findings));
    }
  }

  /** The YAML document each Chart.yaml or requirements.yaml map came from, and its key path. */
  private final Map<Object, YamlDocument> docOf = new java.util.IdentityHashMap<>();

  private final Map<Object, List<String>> pathOf = new java.util.IdentityHashMap<>();

  private Stop fail(String code, Location at, String message) {
    findings.add(Finding.error(code, at, message));
    return new Stop();
  }

  private Map<String, byte[]> readDirectory(Path root) throws IOException, Stop {
    HelmIgnore ignore = helmIgnore(root);
    List<Path> paths = new ArrayList<>();
    List<Path> irregular = new ArrayList<>();
    // Helm's directory loader follows symlinks (sympath.Walk), which monorepos use to vendor
    // subcharts; it skips what .helmignore names (whole directories at once) and refuses
    // irregular files such as devices and pipes. A symlink loop is a finding.
    try {
      Files.walkFileTree(
          root,
          java.util.EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new java.nio.file.SimpleFileVisitor<Path>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
              return !dir.equals(root) && ignore.ignores(rel(root, dir), true)
                  ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                  : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(
                Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
              if (!ignore.ignores(rel(root, file), attrs.isDirectory())) {
                (attrs.isRegularFile() ? paths : irregular).add(file);
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e)
                throws IOException {
              throw e;
            }
          });
    } catch (java.nio.file.FileSystemLoopException loop) {
      throw fail(
          "chart.load.invalid",
          Location.file(root.toString()),
          "cannot read the chart directory: the symbolic link "
              + loop.getFile()
              + " leads back into a directory above it");
    }
    if (!irregular.isEmpty()) {
      throw fail(
          "chart.load.irregular",
          Location.file(irregular.get(0).toString()),
          "cannot load irregular file "
              + irregular.get(0)
              + " as it has file mode type bits set (a device, pipe or socket)");
    }
    Collections.sort(paths);
    Map<String, byte[]> out = new TreeMap<>();
    long[] total = {0};
    for (Path p : paths) {
      String rel = rel(root, p);
      long size = Files.size(p);
      total[0] += size;
      if (total[0] > options.maxChartBytes()) {
        throw fail(
            "chart.load.too-large",
            Location.file(root.toString()),
            "chart is larger than the limit of " + options.maxChartBytes() + " bytes");
      }
      // Sizes of /proc files and the like say 0: read only what the budget still allows.
      long left = options.maxChartBytes() - (total[0] - size);
      try {
        out.put(
            rel,
            withoutBom(BoundedInput.readFile(p, (int) Math.min(Integer.MAX_VALUE - 1L, left))));
      } catch (BoundedInput.TooLargeException e) {
        throw fail(
            "chart.load.too-large",
            Location.file(root.toString()),
            "chart is larger than the limit of " + options.maxChartBytes() + " bytes");
      }
    }
    return out;
  }

  /**
   * Lists the files a chart directory contributes once {@code .helmignore} and Helm's default rule
   * are applied (relative names, sorted); empty when loading stops, with the reason in {@code
   * findings}.
   */
  static Optional<List<String>> directoryFiles(
      Path root, ValuesOptions options, List<Finding> findings) throws IOException {
    ChartLoader l = new ChartLoader(options);
    try {
      return Optional.of(List.copyOf(l.readDirectory(root).keySet()));
    } catch (Stop s) {
      findings.addAll(l.findings);
      return Optional.empty();
    }
  }

  /** Drops a leading UTF-8 byte-order mark, as Helm's loader does for every chart file. */
  static byte[] withoutBom(byte[] data) {
    return data.length >= 3
            && (data[0] & 0xFF) == 0xEF
            && (data[1] & 0xFF) == 0xBB
            && (data[2] & 0xFF) == 0xBF
        ? java.util.Arrays.copyOfRange(data, 3, data.length)
        : data;
  }

  private static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** Reads the chart's {@code .helmignore} (Helm's defaults when there is none). */
  private HelmIgnore helmIgnore(Path root) throws IOException, Stop {
    Path file = root.resolve(".helmignore");
    if (!Files.exists(file)) {
      return HelmIgnore.defaults();
    }
    try {
      return HelmIgnore.parse(BoundedInput.readText(file, 1 << 20));
    } catch (HelmIgnore.Invalid e) {
      throw fail(
          "chart.load.helmignore",
          Location.file(file.toString()),
          "Helm refuses this .helmignore: " + e.getMessage());
    } catch (BoundedInput.TooLargeException e) {
      throw fail(
          "chart.load.helmignore",
          Location.file(file.toString()),
          ".helmignore is larger than the limit of 1 MiB");
    }
  }

  private Map<String, byte[]> readArchive(byte[] archive, String source) throws Stop {
    Map<String, byte[]> raw;
    try {
      raw = TarReader.read(archive, options.maxChartBytes(), options.maxArchiveEntries());
    } catch (TarReader.TarException e) {
      throw fail("chart.load.archive", Location.file(source), e.getMessage());
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : raw.entrySet()) {
      String name = e.getKey();
      int slash = name.indexOf('/');
      if (slash < 0) {
        if (name.equals("Chart.yaml")) {
          throw fail(
              "chart.load.archive", Location.file(source), "chart yaml not in base directory");
        }
        continue;
      }
      String rel = name.substring(slash + 1);
      while (rel.startsWith("./")) {
        rel = rel.substring(2);
      }
      if (rel.isEmpty()) {
        continue;
      }
      out.put(rel, withoutBom(e.getValue()));
    }
    if (out.isEmpty()) {
      throw fail("chart.load.archive", Location.file(source), "no files in chart archive");
    }
    return out;
  }

  private Chart fromFiles(Map<String, byte[]> files, String source, int depth) throws Stop {
    if (depth > options.maxChartDepth()) {
      throw fail(
          "chart.load.too-deep",
          Location.file(source),
          "subcharts nest deeper than the limit of " + options.maxChartDepth());
    }
    byte[] chartYaml = files.get("Chart.yaml");
    if (chartYaml == null) {
      throw fail("chart.load.no-chart-yaml", Location.file(source), "Chart.yaml file is missing");
    }
    String chartFile = source + "/Chart.yaml";
    Map<String, Object> meta = readYamlMap(chartYaml, chartFile, "cannot load Chart.yaml");
    String apiVersion = str(meta, "apiVersion", chartFile);
    if (apiVersion.isEmpty()) {
      apiVersion = "v1";
    }
    Object deps = meta.get("dependencies");
    YamlDocument depsDoc = docOf.get(meta);
    String depsFile = chartFile;
    if (files.containsKey("requirements.yaml")) {
      Map<String, Object> req =
          readYamlMap(
              files.get("requirements.yaml"),
              source + "/requirements.yaml",
              "cannot load requirements.yaml");
      if (req.containsKey("dependencies")) {
        deps = req.get("dependencies");
        depsDoc = docOf.get(req);
        depsFile = source + "/requirements.yaml";
      }
    }
    String name = str(meta, "name", chartFile);
    String version = str(meta, "version", chartFile);
    String type = str(meta, "type", chartFile);
    Location at = Location.file(chartFile);
    if (!apiVersion.equals("v1") && !apiVersion.equals("v2")) {
      throw fail(
          "chart.load.api-version",
          at,
          "validation: chart.metadata.apiVersion \""
              + apiVersion
              + "\" is invalid chart apiVersion");
    }
    if (name.isEmpty()) {
      throw fail("chart.load.invalid", at, "validation: chart.metadata.name is required");
    }
    if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
      throw fail(
          "chart.load.invalid", at, "validation: chart.metadata.name \"" + name + "\" is invalid");
    }
    if (version.isEmpty()) {
      throw fail("chart.load.invalid", at, "validation: chart.metadata.version is required");
    }
    if (VersionRange.parseVersion(version).isEmpty()) {
      throw fail(
          "chart.load.invalid",
          at,
          "validation: chart.metadata.version \"" + version + "\" is invalid");
    }
    if (!type.isEmpty() && !type.equals("application") && !type.equals("library")) {
      throw fail(
          "chart.load.invalid",
          at,
          "validation: chart.metadata.type must be application or library");
    }
    List<ChartDependency> dependencies = dependencies(deps, depsFile, depsDoc);

    Map<String, Object> values = new LinkedHashMap<>();
    List<YamlDocument> valuesDocs = List.of();
    if (files.containsKey("values.yaml")) {
      String vf = source + "/values.yaml";
      ValuesFiles.Read r = ValuesFiles.read(files.get("values.yaml"), vf, options.yamlLimits());
      findings.addAll(r.findings());
      if (r.values() == null) {
        throw fail("chart.load.values", Location.file(vf), "cannot load values.yaml");
      }
      values = r.values();
      valuesDocs = r.documents();
    }
    Optional<String> schemaFile = Optional.empty();
    byte[] schema = new byte[0];
    if (files.containsKey("values.schema.json")) {
      schemaFile = Optional.of(source + "/values.schema.json");
      schema = files.get("values.schema.json");
    }
    List<String> templates = new ArrayList<>();
    Map<String, String> templateSources = new TreeMap<>();
    Map<String, Map<String, byte[]>> sub = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String n = e.getKey();
      if (n.startsWith("templates/")) {
        templates.add(n);
        templateSources.put(n, new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
      } else if (n.startsWith("charts/")) {
        if (n.endsWith(".prov")) {
          continue;
        }
        String fname = n.substring("charts/".length());
        int slash = fname.indexOf('/');
        String cname = slash < 0 ? fname : fname.substring(0, slash);
        sub.computeIfAbsent(cname, k -> new LinkedHashMap<>()).put(fname, e.getValue());
      }
    }
    Collections.sort(templates);
    List<Chart> subcharts = new ArrayList<>();
    for (Map.Entry<String, Map<String, byte[]>> e : sub.entrySet()) {
      String n = e.getKey();
      if (n.startsWith("_") || n.startsWith(".")) {
        continue;
      }
      String subSource = source + "/charts/" + n;
      if (n.endsWith(".tgz")) {
        byte[] data = e.getValue().get(n);
        if (data == null) {
          throw fail(
              "chart.load.archive",
              Location.file(subSource),
              "error unpacking subchart tar in " + name + ": expected " + n);
        }
        subcharts.add(fromFiles(readArchive(data, subSource), subSource, depth + 1));
      } else {
        Map<String, byte[]> buff = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : e.getValue().entrySet()) {
          int slash = f.getKey().indexOf('/');
          if (slash >= 0) {
            buff.put(f.getKey().substring(slash + 1), f.getValue());
          }
        }
        subcharts.add(fromFiles(buff, subSource, depth + 1));
      }
    }
    return new Chart(
        name,
        version,
        str(meta, "appVersion", chartFile),
        type.isEmpty() ? "application" : type,
        apiVersion,
        dependencies,
        values,
        source,
        valuesDocs,
        schemaFile,
        schema,
        templates,
        subcharts,
        templateSources);
  }

  private List<ChartDependency> dependencies(Object deps, String file, @Nullable YamlDocument doc)
      throws Stop {
    List<ChartDependency> out = new ArrayList<>();
    if (deps == null) {
      return out;
    }
    if (!(deps instanceof List<?> list)) {
      throw fail(
          "chart.load.invalid",
          Location.file(file).withKey(List.of("dependencies")),
          "cannot load Chart.yaml: dependencies must be a list");
    }
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object o = list.get(i);
      Location at = Location.file(file).withKey(List.of("dependencies", Integer.toString(i)));
      if (!(o instanceof Map)) {
        throw fail("chart.load.invalid", at, "validation: dependencies must not be nil");
      }
      Map<String, Object> d = Trees.asTable(o);
      if (doc != null) {
        docOf.put(d, doc);
        pathOf.put(d, List.of("dependencies", Integer.toString(i)));
      }
      String alias = str(d, "alias", file);
      if (!alias.isEmpty() && !ALIAS.matcher(alias).matches()) {
        throw fail(
            "chart.load.invalid",
            at,
            "validation: dependency \""
                + str(d, "name", file)
                + "\" has disallowed characters in the alias");
      }
      List<String> tags = new ArrayList<>();
      Object tagsValue = d.get("tags");
      if (tagsValue != null && !(tagsValue instanceof List<?>)) {
        throw fail(
            "chart.load.invalid",
            at.withKey(List.of("dependencies", Integer.toString(i), "tags")),
            "cannot load " + base(file) + ": tags must be a list of strings");
      }
      if (tagsValue instanceof List<?> tl) {
        for (int j = 0; j < tl.size(); j++) {
          Object t = tl.get(j);
          if (t instanceof Map<?, ?> || t instanceof List<?>) {
            throw fail(
                "chart.load.invalid",
                at,
                "cannot load " + base(file) + ": tags must be a list of strings");
          }
          tags.add(t == null ? "" : asString(d, List.of("tags", Integer.toString(j)), t));
        }
      }
      Object importValue = d.get("import-values");
      if (importValue != null && !(importValue instanceof List<?>)) {
        throw fail(
            "chart.load.invalid",
            at,
            "cannot load " + base(file) + ": import-values must be a list");
      }
      Object enabledValue = d.get("enabled");
      if (enabledValue != null && !(enabledValue instanceof Boolean)) {
        throw fail(
            "chart.load.invalid",
            at,
            "cannot load " + base(file) + ": enabled must be true or false");
      }
      List<ImportValue> imports = new ArrayList<>();
      if (d.get("import-values") instanceof List<?> il) {
        for (Object iv : il) {
          if (iv instanceof String s) {
            imports.add(new ImportValue("exports." + s, ".", true));
          } else if (iv instanceof Map<?, ?> m) {
            imports.add(new ImportValue(GoFmt.v(m.get("child")), GoFmt.v(m.get("parent")), false));
          }
        }
      }
      Optional<Boolean> enabled =
          d.get("enabled") instanceof Boolean b ? Optional.of(b) : Optional.empty();
      ChartDependency dep =
          new ChartDependency(
              str(d, "name", file),
              str(d, "version", file),
              str(d, "repository", file),
              alias,
              str(d, "condition", file),
              tags,
              imports,
              enabled);
      if (seen.contains(dep.effectiveName())) {
        throw fail(
            "chart.load.invalid",
            at,
            "validation: more than one dependency with name or alias \""
                + dep.effectiveName()
                + "\"");
      }
      seen.add(dep.effectiveName());
      out.add(dep);
    }
    return out;
  }

  private Map<String, Object> readYamlMap(byte[] bytes, String file, String what) throws Stop {
    YamlFile f = YamlSource.read(bytes, file, options.yamlLimits());
    if (!f.isReadable()) {
      findings.addAll(f.report().errors());
      throw fail("chart.load.invalid", Location.file(file), what);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (YamlDocument d : f.documents()) {
      Object v = d.mutableValue();
      if (v == null) {
        continue;
      }
      if (!(v instanceof Map)) {
        throw fail(
            "chart.load.invalid",
            Location.of(file, d.root().start().line(), d.root().start().column()),
            what + ": the document is not a mapping");
      }
      out = Trees.asTable(v);
      docOf.put(out, d);
    }
    return out;
  }

  /** Converts a scalar of a Chart.yaml map to the string Helm's YAML library makes of it. */
  private String asString(Map<String, Object> container, List<String> rel, Object v) {
    YamlDocument doc = docOf.get(container);
    if (doc != null) {
      List<String> path = new ArrayList<>(pathOf.getOrDefault(container, List.of()));
      path.addAll(rel);
      Optional<String> s = doc.scalarStringAt(path);
      if (s.isPresent()) {
        return s.get();
      }
    }
    return GoFmt.v(v);
  }

  private static String base(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  private String str(Map<String, Object> m, String key, String file) throws Stop {
    Object v = m.get(key);
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
      // Helm reads Chart.yaml with sigs.k8s.io/yaml, which turns a scalar bound for a string
      // field into text: 5 -> "5", 1.10 -> "1.1" (32-bit %g), true -> "true".
      return asString(m, List.of(key), v);
    }
    throw fail(
        "chart.load.invalid",
        Location.file(file).withKey(List.of(key)),
        "cannot load "
            + file.substring(file.lastIndexOf('/') + 1)
            + ": "
            + key
            + " must be a string, got "
            + GoFmt.v(v));
  }
}
