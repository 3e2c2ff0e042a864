package dev.deploysafe.cli;

import dev.deploysafe.core.Finding;
import dev.deploysafe.core.Redaction;
import dev.deploysafe.core.YamlFile;
import dev.deploysafe.core.YamlSource;
import dev.deploysafe.k8s.ResourceRef;
import dev.deploysafe.k8s.RolloutOptions;
import dev.deploysafe.k8s.RolloutReport;
import dev.deploysafe.k8s.Rollouts;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Verifies that workloads actually rolled out: fails fast, knows NotRolledOut, never lies. */
final class RolloutCommand implements Command {

  @Override
  public List<Args.Option> options() {
    return List.of(
        new Args.Option(
            "kubeconfig",
            "",
            true,
            false,
            "kubeconfig file (default $KUBECONFIG or ~/.kube/config)"),
        new Args.Option("context", "", true, false, "kubeconfig context (default: current)"),
        new Args.Option("namespace", "-n", true, false, "namespace of the workloads (required)"),
        new Args.Option("manifests", "", true, false, "verify every workload in this YAML file"),
        new Args.Option(
            "timeout", "", true, false, "overall budget, e.g. 90s, 5m, 1h30m (default 5m)"));
  }

  @Override
  public String usage() {
    return "deploysafe rollout --kubeconfig FILE [--context C] --namespace NS"
        + " (--manifests FILE | KIND/NAME ...) [--timeout DURATION]";
  }

  @Override
  public String description() {
    return "Watches the named workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, Pod,"
        + " or any resource with standard conditions) until each has a verdict: Succeeded (every"
        + " new-revision pod available and stable), Failed (image pull, crash loop, OOMKilled,"
        + " config errors, ... with evidence), NotRolledOut (OnDelete, paused, partition, pods"
        + " still at an old revision), Stalled, or Unknown. Live progress goes to stderr, verdicts"
        + " to stdout. Exit 0 Succeeded; 1 Failed, NotRolledOut or Stalled; 3 Unknown or timeout.";
  }

  @Override
  public int run(Args args, Output out, Io io) throws Exception {
    String namespace =
        args.value("namespace").orElseThrow(() -> new UsageException("--namespace NS is required"));
    List<ResourceRef> refs = new ArrayList<>();
    if (args.value("manifests").isPresent()) {
      Path m = io.resolve(args.value("manifests").get());
      if (!Files.exists(m)) {
        throw new NoSuchFileException(args.value("manifests").get());
      }
      if (Files.isDirectory(m)) {
        throw new UsageException("--manifests " + m + " is a directory; give one YAML file");
      }
      List<ResourceRef> found = ResourceRef.fromManifests(m);
      if (found.isEmpty()) {
        throw new UsageException(
            m
                + " holds no workloads to verify (Deployment, StatefulSet, DaemonSet, ReplicaSet,"
                + " Job or Pod outside Helm hooks)");
      }
      refs.addAll(found);
    }
    for (String p : args.positional()) {
      try {
        refs.add(ResourceRef.parse(p));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (refs.isEmpty()) {
      throw new UsageException("name workloads as KIND/NAME or give --manifests FILE");
    }
    Duration timeout =
        args.value("timeout").map(RolloutCommand::duration).orElse(Duration.ofMinutes(5));
    RolloutOptions options =
        RolloutOptions.defaults()
            .withNamespace(namespace)
            .withTimeout(timeout)
            .withListener(e -> io.err().println("rollout: " + e.target() + ": " + e.message()));
    try (KubernetesClient client = client(args, io)) {
      RolloutReport report = Rollouts.verify(client, refs, options);
      out.report(report.report());
      return report.exitCode();
    }
  }

  private static KubernetesClient client(Args args, Io io) throws Exception {
    Path kubeconfig =
        args.value("kubeconfig")
            .map(io::resolve)
            .or(() -> java.util.Optional.ofNullable(io.env().get("KUBECONFIG")).map(Path::of))
            .orElse(Path.of(System.getProperty("user.home"), ".kube", "config"));
    if (!Files.isRegularFile(kubeconfig)) {
      throw new NoSuchFileException(kubeconfig.toString());
    }
    checkKubeconfig(kubeconfig);
    Config config;
    try {
      config = Config.fromKubeconfig(args.value("context").orElse(null), kubeconfig.toFile());
    } catch (RuntimeException e) {
      // Parser messages quote the file's content, which holds tokens: say where, never what.
      throw new UsageException("cannot use kubeconfig " + kubeconfig + ": " + describe(e));
    }
    java.util.Optional<String> wanted = args.value("context");
    if (wanted.isPresent()
        && (config.getCurrentContext() == null
            || !wanted.get().equals(config.getCurrentContext().getName()))) {
      List<String> names = new ArrayList<>();
      if (config.getContexts() != null) {
        config.getContexts().forEach(c -> names.add(c.getName()));
      }
      throw new UsageException(
          "kubeconfig "
              + kubeconfig
              + " has no context "
              + wanted.get()
              + (names.isEmpty()
                  ? " (it lists none)"
                  : " (it has: " + String.join(", ", names) + ")"));
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Reads the kubeconfig with deploysafe's own YAML reader first (bounded, with file:line errors
   * that never quote values) and checks that its top level is a mapping.
   */
  private static void checkKubeconfig(Path kubeconfig) throws IOException, UsageException {
    YamlFile yaml = YamlSource.load(kubeconfig);
    List<Finding> errors = yaml.report().errors();
    if (!errors.isEmpty()) {
      Finding f = errors.get(0);
      throw new UsageException(
          "cannot use kubeconfig "
              + kubeconfig
              + (f.location().line() > 0 ? ":" + f.location().line() : "")
              + ": "
              + f.message());
    }
    boolean mapping =
        yaml.documents().size() == 1 && yaml.documents().get(0).value() instanceof Map<?, ?>;
    if (!mapping) {
      throw new UsageException(
          "cannot use kubeconfig "
              + kubeconfig
              + ": not a kubeconfig (expected one YAML mapping with clusters, contexts and users)");
    }
  }

  private static String describe(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
        var where = j.getLocation();
        String at =
            where != null && where.getLineNr() > 0
                ? "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": "
                : "";
        return at + "not a valid kubeconfig (a field has the wrong type or shape)";
      }
    }
    String m = String.valueOf(e.getMessage());
    m = m.length() > 200 ? m.substring(0, 200) + "..." : m;
    return Redaction.redactText(m);
  }

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  /** Parses a Go-style duration: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. */
  static Duration duration(String text) {
    Matcher m = PART.matcher(text);
    long millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      millis +=
          (long)
              (n
                  * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1_000;
                    case "m" -> 60_000;
                    default -> 3_600_000;
                  });
      end = m.end();
    }
    if (end == 0 || end != text.length() || millis <= 0) {
      throw new UsageException("bad duration '" + text + "'; use e.g. 90s, 5m or 1h30m");
    }
    return Duration.ofMillis(millis);
  }
}
