/** Rollout verification, manifest analysis, resource limits, registry and image checks. */
@NullMarked
package dev.deploysafe.k8s;

import org.jspecify.annotations.NullMarked;
