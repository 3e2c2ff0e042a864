package dev.deploysafe.helm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures how {@link ValuesSchema} loads and applies a chart's {@code values.schema.json}.
 *
 * <p>Unlike Helm, which fetches remote {@code $ref}s over HTTP at deploy time, deploysafe never
 * fetches one unless its URI starts with a prefix in {@link #allowedRemoteRefs()}; every other
 * remote reference becomes a {@code values.schema.remote-ref} finding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param chartPath the chart path in the dependency tree that findings name ({@code ""} for the top
 *     chart, {@code basehub/jupyterhub} for a nested one)
 * @param defaultDraft the draft used when the schema has no {@code $schema} (Helm v4: 2020-12)
 * @param allowedRemoteRefs URI prefixes of remote {@code $ref}s that may be fetched (empty: none)
 */
public record SchemaOptions(
    String chartPath, SchemaDraft defaultDraft, List<String> allowedRemoteRefs)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the parts and copies the list. */
  public SchemaOptions {
    Objects.requireNonNull(chartPath, "chartPath");
    Objects.requireNonNull(defaultDraft, "defaultDraft");
    allowedRemoteRefs = List.copyOf(allowedRemoteRefs);
    for (String p : allowedRemoteRefs) {
      if (!p.startsWith("http://") && !p.startsWith("https://")) {
        throw new IllegalArgumentException(
            "allowedRemoteRefs entries must be http(s) URI prefixes: " + p);
      }
    }
  }

  /** Returns Helm v4's behaviour minus the network: top chart, 2020-12 default, no remote refs. */
  public static SchemaOptions defaults() {
    return new SchemaOptions("", SchemaDraft.DRAFT_2020_12, List.of());
  }

  /** Returns a copy whose findings name another chart path. */
  public SchemaOptions withChartPath(String newChartPath) {
    return new SchemaOptions(newChartPath, defaultDraft, allowedRemoteRefs);
  }

  /** Returns a copy with another draft for schemas without {@code $schema}. */
  public SchemaOptions withDefaultDraft(SchemaDraft newDefaultDraft) {
    return new SchemaOptions(chartPath, newDefaultDraft, allowedRemoteRefs);
  }

  /** Returns a copy that may also fetch remote {@code $ref}s starting with {@code uriPrefix}. */
  public SchemaOptions withAllowedRemoteRef(String uriPrefix) {
    List<String> copy = new ArrayList<>(allowedRemoteRefs);
    copy.add(Objects.requireNonNull(uriPrefix, "uriPrefix"));
    return new SchemaOptions(chartPath, defaultDraft, copy);
  }

  /** Tells whether a remote reference may be fetched. */
  public boolean allowsRemote(String uri) {
    for (String p : allowedRemoteRefs) {
      if (uri.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
