/**
 * ModelScope API-Inference as a provider: the free 魔粒 balance, the 1-token probe whose headers
 * carry the per-model quota, and the cached model list. Only {@code ModelScopeProvider} is public.
 * Talks HTTP only through {@code quota.net}; never imports Undertow or JDA.
 */
@NullMarked
package dev.quotabot.quota.modelscope;

import org.jspecify.annotations.NullMarked;
