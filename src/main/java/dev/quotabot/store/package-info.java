/**
 * The database watches live in (an SQLite file by default, PostgreSQL when configured): the pool,
 * the migrations, and the JDBC {@link dev.quotabot.quota.watch.WatchStore}. The only package that
 * imports JDBC, Flyway or HikariCP.
 */
@NullMarked
package dev.quotabot.store;

import org.jspecify.annotations.NullMarked;
