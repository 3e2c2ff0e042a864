/** JMH benchmarks and peer-comparison harnesses; never depended on. */
@NullMarked
package dev.deploysafe.bench;

import org.jspecify.annotations.NullMarked;
