package dev.deploysafe.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Selects the API calls a fault applies to, by Kubernetes verb ({@code get}, {@code list}, {@code
 * watch}, {@code create}, {@code update}, {@code patch}, {@code delete}, {@code deletecollection}),
 * resource ({@code deployments}, or {@code deployments/status} for one subresource), namespace and
 * object name. An empty part matches anything.
 *
 * <p>Immutable and thread-safe.
 *
 * @param verb the Kubernetes verb, or empty for any
 * @param resource the plural resource name, optionally with {@code /subresource}, or empty for any
 * @param namespace the namespace, or empty for any
 * @param name the object name, or empty for any
 */
public record FaultTarget(
    Optional<String> verb,
    Optional<String> resource,
    Optional<String> namespace,
    Optional<String> name) {

  /** Validates the parts. */
  public FaultTarget {
    requireNonNull(verb, "verb");
    requireNonNull(resource, "resource");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
  }

  /** Returns a target matching every call. */
  public static FaultTarget any() {
    return new FaultTarget(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a target matching one verb on one resource, for example {@code ("update",
   * "deployments")}.
   */
  public static FaultTarget of(String verb, String resource) {
    return any().withVerb(verb).withResource(resource);
  }

  /** Returns a copy restricted to this verb. */
  public FaultTarget withVerb(String v) {
    return new FaultTarget(Optional.of(requireNonNull(v, "verb")), resource, namespace, name);
  }

  /** Returns a copy restricted to this resource ({@code pods}, {@code deployments/status}). */
  public FaultTarget withResource(String r) {
    return new FaultTarget(verb, Optional.of(requireNonNull(r, "resource")), namespace, name);
  }

  /** Returns a copy restricted to this namespace. */
  public FaultTarget withNamespace(String ns) {
    return new FaultTarget(verb, resource, Optional.of(requireNonNull(ns, "namespace")), name);
  }

  /** Returns a copy restricted to this object name. */
  public FaultTarget withName(String n) {
    return new FaultTarget(verb, resource, namespace, Optional.of(requireNonNull(n, "name")));
  }

  boolean matches(ApiCall call) {
    if (verb.isPresent() && !verb.get().equals(call.verb())) {
      return false;
    }
    if (resource.isPresent()) {
      String r = resource.get();
      boolean ok =
          r.contains("/")
              ? r.equals(call.resource() + "/" + call.subresource())
              : r.equals(call.resource());
      if (!ok) {
        return false;
      }
    }
    if (namespace.isPresent() && !namespace.get().equals(call.namespace())) {
      return false;
    }
    return name.isEmpty() || name.get().equals(call.name());
  }
}
