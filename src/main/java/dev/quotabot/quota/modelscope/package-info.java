/**
 * ModelScope API-Inference as a provider: the free 魔粒 balance with today's grants and the calls it
 * pays for per price tier, the 1-token probe whose headers carry the per-model quota (and which
 * spends 魔粒 when it works), and the cached model list. Only {@code ModelScopeProvider} and its
 * {@code TierPrices} are public. Talks HTTP only through {@code quota.net}; never imports Undertow
 * or JDA.
 *
 * <p>Its errors and notes are {@code Text}s of area {@code modelscope}, worded from {@code
 * texts*.properties} beside this package's resources; ModelScope's name, 魔粒, its site and links are
 * values, never translated.
 */
@NullMarked
package dev.quotabot.quota.modelscope;

import org.jspecify.annotations.NullMarked;
