/** Runnable examples of the deploysafe API; each main shows one idea. */
@NullMarked
package dev.deploysafe.examples;

import org.jspecify.annotations.NullMarked;
