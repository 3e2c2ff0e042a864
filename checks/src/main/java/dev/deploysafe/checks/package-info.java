/** Deploy-safety predicates and gates over helm and k8s facts. */
@NullMarked
package dev.deploysafe.checks;

import org.jspecify.annotations.NullMarked;
