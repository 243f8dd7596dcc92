package dev.quotabot.quota;

import org.jspecify.annotations.Nullable;

/**
 * What an answer tells about the site a key belongs to, for providers anyone can host (relays).
 *
 * @param software the software the site runs, as detected from what it answers ({@code new-api
 *     v0.6.10}, {@code one-api}, {@code sub2api}); null when it cannot be told
 * @param name the operator's own display name for the site ({@code system_name}); never used to
 *     tell the software
 */
public record Site(@Nullable String software, @Nullable String name) {}
