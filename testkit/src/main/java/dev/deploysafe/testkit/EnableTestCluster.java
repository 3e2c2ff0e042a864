package dev.deploysafe.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an {@link EmbeddedApiServer} for a JUnit 5 test and injects it, its shared {@code
 * KubernetesClient} or its {@link Faults} into test, lifecycle and constructor parameters. See
 * {@link EmbeddedApiServerExtension} for the lifecycle.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EmbeddedApiServerExtension.class)
public @interface EnableTestCluster {}
