/** Embedded Kubernetes API server with simulated controllers, nodes and faults. */
@NullMarked
package dev.deploysafe.testkit;

import org.jspecify.annotations.NullMarked;
