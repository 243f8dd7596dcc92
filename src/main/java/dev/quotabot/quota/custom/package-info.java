/**
 * Providers the operator defines in bot.properties ({@code provider.custom.<id>.*}) instead of in
 * code: one GET of a configured address with the key sent as the operator chose, and the amounts
 * found with RFC 6901 JSON pointers. This is how a new relay or provider becomes usable the day it
 * appears. The configuration builds a {@link dev.quotabot.quota.custom.CustomProviderSpec}; this
 * package never imports {@code config}. Talks HTTP only through {@code quota.net}; never imports
 * Undertow or JDA.
 */
@NullMarked
package dev.quotabot.quota.custom;

import org.jspecify.annotations.NullMarked;
