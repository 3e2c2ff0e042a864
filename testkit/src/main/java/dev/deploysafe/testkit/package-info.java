/**
 * Embedded Kubernetes API server for tests: {@link dev.deploysafe.testkit.EmbeddedApiServer} is the
 * front door (fabric8, kubectl and Helm can talk to it), {@link dev.deploysafe.testkit.Faults}
 * injects API faults, and {@link dev.deploysafe.testkit.EnableTestCluster} wires it into JUnit 5.
 */
@NullMarked
package dev.deploysafe.testkit;

import org.jspecify.annotations.NullMarked;
