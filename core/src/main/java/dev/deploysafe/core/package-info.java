/**
 * Findings, reports, composable checks, report renderers, YAML sources with line numbers, versions
 * and constraints, and redaction: the vocabulary every other deploysafe module speaks.
 */
@NullMarked
package dev.deploysafe.core;

import org.jspecify.annotations.NullMarked;
