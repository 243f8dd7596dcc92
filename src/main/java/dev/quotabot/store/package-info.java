/**
 * The database watches live in (an SQLite file by default, PostgreSQL when configured): the pool,
 * the migrations, the JDBC {@link dev.quotabot.quota.watch.WatchStore} (with its per-watch leases),
 * and, on PostgreSQL, the limits every replica shares ({@link SharedLimits}, Bucket4j). The only
 * package that imports JDBC, Flyway, HikariCP or Bucket4j.
 */
@NullMarked
package dev.quotabot.store;

import org.jspecify.annotations.NullMarked;
