/**
 * Metrics for an operator: the Prometheus registry the product's meters are recorded in (with the
 * JVM's and the process's own meters bound to it), and the management listener that serves it at
 * {@code GET /metrics} on {@code metrics.port}, apart from the web port. When metrics are off, the
 * parts get a registry that records nothing and nothing listens.
 *
 * <p>May import Micrometer, Undertow and the configuration; never JDA, and nothing from the core or
 * the doors: the doors and the core record into the registry, this package only serves it.
 */
@NullMarked
package dev.quotabot.metrics;

import org.jspecify.annotations.NullMarked;
