/** Test helpers for the testkit: real kubectl runs, raw HTTP calls, line waits and fixtures. */
@NullMarked
package dev.deploysafe.testkit.testing;

import org.jspecify.annotations.NullMarked;
