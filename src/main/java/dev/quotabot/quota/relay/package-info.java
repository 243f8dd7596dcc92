/**
 * Relays built on new-api or one-api, at an address the asker gives: the site's unit, the key's
 * quota (or the billing endpoints), the account's wallet with admin access, and the models the key
 * may use. Only {@code NewApiRelay} is public. Talks HTTP only through the guarded client of {@code
 * quota.net}; never imports Undertow or JDA.
 */
@NullMarked
package dev.quotabot.quota.relay;

import org.jspecify.annotations.NullMarked;
