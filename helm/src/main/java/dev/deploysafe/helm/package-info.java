/** Helm-exact values engine, --set grammar, schema validation, values lint, charts and releases. */
@NullMarked
package dev.deploysafe.helm;

import org.jspecify.annotations.NullMarked;
