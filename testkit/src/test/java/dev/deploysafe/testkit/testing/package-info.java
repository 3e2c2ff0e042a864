/** Test helpers for the testkit's own tests. */
@NullMarked
package dev.deploysafe.testkit.testing;

import org.jspecify.annotations.NullMarked;
