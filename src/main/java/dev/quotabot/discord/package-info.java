/**
 * The Discord door on JDA: {@code /quota}, its form, autocomplete, the private answer and its
 * buttons. Thin: it reads what the user typed, asks {@code quota.QuotaService}, and renders the
 * report. Imports only the core's public surface in {@code dev.quotabot.quota}; never Undertow,
 * never a provider's package, and never branches on which provider it is.
 */
@NullMarked
package dev.quotabot.discord;

import org.jspecify.annotations.NullMarked;
