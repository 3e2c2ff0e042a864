package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Describes one resource type the embedded API server serves: where it lives in the API
 * (group/version/plural), its kind, scope, short names and subresources.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group API group, empty for the core group
 * @param version API version, for example {@code v1}
 * @param kind object kind, for example {@code Deployment}
 * @param plural URL path segment, for example {@code deployments}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl short names, for example {@code deploy}
 * @param subresources served subresources: {@code status} and/or {@code scale}
 * @param categories discovery categories, for example {@code all}
 */
public record ApiResource(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    List<String> shortNames,
    List<String> subresources,
    List<String> categories) {

  /** Validates and copies the parts. */
  public ApiResource {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
    requireNonNull(plural, "plural");
    shortNames = List.copyOf(shortNames);
    subresources = List.copyOf(subresources);
    categories = List.copyOf(categories);
    if (version.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
      throw new IllegalArgumentException(
          "version, kind and plural must be non-empty: " + version + "/" + kind + "/" + plural);
    }
  }

  /** Returns a namespaced resource type without short names or subresources. */
  public static ApiResource namespaced(String group, String version, String kind, String plural) {
    return new ApiResource(group, version, kind, plural, true, List.of(), List.of(), List.of());
  }

  /** Returns a cluster-scoped resource type without short names or subresources. */
  public static ApiResource clusterScoped(
      String group, String version, String kind, String plural) {
    return new ApiResource(group, version, kind, plural, false, List.of(), List.of(), List.of());
  }

  /** Returns a copy with these kubectl short names. */
  public ApiResource withShortNames(List<String> names) {
    return new ApiResource(
        group, version, kind, plural, namespaced, names, subresources, categories);
  }

  /** Returns a copy serving these subresources ({@code status}, {@code scale}). */
  public ApiResource withSubresources(List<String> names) {
    return new ApiResource(group, version, kind, plural, namespaced, shortNames, names, categories);
  }

  /** Returns a copy listed in these discovery categories (for example {@code all}). */
  public ApiResource withCategories(List<String> names) {
    return new ApiResource(
        group, version, kind, plural, namespaced, shortNames, subresources, names);
  }

  /**
   * Returns the {@code apiVersion} string of objects of this type ({@code apps/v1}, {@code v1}).
   */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Returns the singular name, the lower-cased kind. */
  public String singular() {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** Tells whether the {@code status} subresource is served. */
  public boolean hasStatus() {
    return subresources.contains("status");
  }

  /** Tells whether the {@code scale} subresource is served. */
  public boolean hasScale() {
    return subresources.contains("scale");
  }

  /** Returns {@code plural.group} (or {@code plural} in the core group), as used in messages. */
  public String qualifiedName() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  String storageKey() {
    return group + "/" + plural;
  }
}
