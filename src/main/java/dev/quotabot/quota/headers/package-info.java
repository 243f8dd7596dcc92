/**
 * Providers that tell what is left only in the response headers of a call, and the helpers they
 * share: the cheapest call per API style (an OpenAI-compatible chat completion, Anthropic's
 * Messages API; one output token, streamed, closed as soon as the headers are in), a tolerant
 * reader that turns rate-limit headers into named windows ({@code requests_per_day}, {@code
 * tokens_per_minute}…), and the classification of a probe's answer. None of these providers lets a
 * key read a balance: their account answer says so and where the console shows it.
 *
 * <p>Each provider is one class declaring its headers, its call style and its key prefixes, each
 * fact with the public source it comes from. Talks HTTP only through {@code quota.net}; never
 * imports Undertow or JDA.
 *
 * <p>Its errors and notes are {@code Text}s of area {@code headers}, worded from {@code
 * texts*.properties} beside this package's resources; provider names and console links are values,
 * never translated.
 */
@NullMarked
package dev.quotabot.quota.headers;

import org.jspecify.annotations.NullMarked;
