/**
 * The per-client web rate limit and the per-user Discord cooldown, as the doors see them: {@link
 * ClientRateLimit} and {@link UserCooldowns}, made by a {@link Limits}. {@link Limits#local()}
 * keeps them in this process's memory; a shared {@code Limits} (PostgreSQL, in {@code
 * dev.quotabot.store}) is wrapped in {@link FallbackLimits}, which answers from local buckets while
 * the database is away. Imports neither the doors (Undertow, JDA) nor JDBC: the doors depend on
 * this package, the store implements it.
 */
@NullMarked
package dev.quotabot.limits;

import org.jspecify.annotations.NullMarked;
