package dev.deploysafe.testkit;

/** One classified API request, the unit faults are matched against. */
record ApiCall(String verb, String resource, String subresource, String namespace, String name) {
  @Override
  public String toString() {
    return verb
        + " "
        + resource
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + (namespace.isEmpty() ? "" : " ns=" + namespace)
        + (name.isEmpty() ? "" : " name=" + name);
  }
}
