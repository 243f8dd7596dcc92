package dev.quotabot.discord;

import org.jspecify.annotations.Nullable;

/**
 * What an answer was for, remembered so its buttons can open the form again: whose answer it is and
 * what the form starts with. Never the key (the form asks for it again) and nothing else secret: a
 * relay's address reaches this only as the core checked it, which refuses one with a user name,
 * password or query.
 *
 * @param ownerId the Discord user the answer was for; only they may use its buttons
 * @param providerId the provider asked
 * @param baseUrl the relay's address asked, or null for a provider with a fixed address
 * @param models the models asked, one per line as the form's field shows them (only those that fit
 *     in it); empty when none was
 * @param balanceOnly no model was asked: the answer was the balance only (or, for a provider that
 *     lists the key's models, that list)
 */
record Recheck(
    long ownerId,
    String providerId,
    @Nullable String baseUrl,
    String models,
    boolean balanceOnly) {}
