/**
 * Relays at an address the asker gives, built on new-api or its relatives (one-api, one-hub,
 * done-hub, Veloera) or on sub2api: the software the site runs, the site's unit, the key's quota
 * (or the billing endpoints, or sub2api's usage), what each model spent recently, the account's
 * wallet with admin access, and the models the key may use. Only {@code NewApiRelay} is public.
 * Talks HTTP only through the guarded client of {@code quota.net}; never imports Undertow or JDA.
 */
@NullMarked
package dev.quotabot.quota.relay;

import org.jspecify.annotations.NullMarked;
