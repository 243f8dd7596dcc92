/**
 * Watches: a key a user explicitly asked the bot to keep, checked on a schedule, with an alert when
 * what it has left crosses a level the user set. The only place a key outlives a query, and then
 * only sealed ({@link dev.quotabot.quota.watch.vault.KeyVault}).
 *
 * <p>Core: never imports Undertow, JDA or JDBC. Storage is {@link
 * dev.quotabot.quota.watch.WatchStore} (implemented in {@code dev.quotabot.store}); delivery is
 * {@link dev.quotabot.quota.watch.AlertSink} (implemented by a door). Alerts are data: the door
 * words them in the owner's language.
 */
@NullMarked
package dev.quotabot.quota.watch;

import org.jspecify.annotations.NullMarked;
