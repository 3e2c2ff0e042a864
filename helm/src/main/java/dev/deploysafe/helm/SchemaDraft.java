package dev.deploysafe.helm;

import java.util.Locale;
import java.util.Optional;

/**
 * Names the JSON Schema drafts that Helm v4 validates {@code values.schema.json} with, and how each
 * treats {@code format}.
 *
 * <p>Helm v4 uses santhosh-tekuri/jsonschema v6 without a default draft, so a schema without {@code
 * $schema} is read as 2020-12, and {@code format} is asserted only for drafts 4 to 7 (see {@code
 * pkg/chart/common/util/jsonschema.go} at v4.1.4).
 *
 * <p>Immutable and thread-safe.
 */
public enum SchemaDraft {
  /** Draft 4 ({@code http://json-schema.org/draft-04/schema#}). */
  DRAFT_4("http://json-schema.org/draft-04/schema"),
  /** Draft 6 ({@code http://json-schema.org/draft-06/schema#}). */
  DRAFT_6("http://json-schema.org/draft-06/schema"),
  /** Draft 7 ({@code http://json-schema.org/draft-07/schema#}). */
  DRAFT_7("http://json-schema.org/draft-07/schema"),
  /** Draft 2019-09 ({@code https://json-schema.org/draft/2019-09/schema}). */
  DRAFT_2019_09("https://json-schema.org/draft/2019-09/schema"),
  /** Draft 2020-12 ({@code https://json-schema.org/draft/2020-12/schema}); Helm v4's default. */
  DRAFT_2020_12("https://json-schema.org/draft/2020-12/schema");

  private final String uri;

  SchemaDraft(String uri) {
    this.uri = uri;
  }

  /** Returns the draft's meta-schema URI without a trailing {@code #}. */
  public String uri() {
    return uri;
  }

  /** Tells whether {@code format} fails validation under this draft (drafts 4 to 7 in Helm). */
  public boolean assertsFormat() {
    return compareTo(DRAFT_7) <= 0;
  }

  /**
   * Finds the draft a {@code $schema} value names; {@code http}/{@code https} and a trailing {@code
   * #} are ignored, as santhosh-tekuri/jsonschema does.
   */
  public static Optional<SchemaDraft> fromUri(String schemaUri) {
    String u = normalize(schemaUri);
    for (SchemaDraft d : values()) {
      if (normalize(d.uri).equals(u)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static String normalize(String u) {
    String s = u.trim().toLowerCase(Locale.ROOT);
    while (s.endsWith("#")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("https://")) {
      s = s.substring("https://".length());
    } else if (s.startsWith("http://")) {
      s = s.substring("http://".length());
    }
    return s;
  }
}
