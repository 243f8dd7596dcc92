package dev.quotabot.quota.headers;

/**
 * The three response headers one rate-limit window is reported in, as a provider documents them.
 *
 * @param name the window's name in the report ({@code requests_per_day}, {@code tokens}): what it
 *     counts and over what period, the period only where the provider documents it
 * @param limitHeader the most the window allows
 * @param remainingHeader what is left of it
 * @param resetHeader when it is full again
 * @param resetFormat how {@code resetHeader} is written
 */
record WindowHeaders(
    String name,
    String limitHeader,
    String remainingHeader,
    String resetHeader,
    ResetFormat resetFormat) {}
