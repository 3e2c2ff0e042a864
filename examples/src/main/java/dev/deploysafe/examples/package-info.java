/** Runnable mains, JShell scripts and a Jenkins library example. */
@NullMarked
package dev.deploysafe.examples;

import org.jspecify.annotations.NullMarked;
