/** The deploysafe command, shipped as a shaded executable jar. */
@NullMarked
package dev.deploysafe.cli;

import org.jspecify.annotations.NullMarked;
