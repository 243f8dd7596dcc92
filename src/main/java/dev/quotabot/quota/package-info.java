/**
 * The core: "how much does this key have left?" for any provider. The doors use only this package's
 * public types: {@link dev.quotabot.quota.QuotaService} (check input, run a query, list providers),
 * {@link dev.quotabot.quota.QueryInput}, the report ({@link dev.quotabot.quota.QuotaReport}, {@link
 * dev.quotabot.quota.Account}, {@link dev.quotabot.quota.Balance}, {@link
 * dev.quotabot.quota.ModelQuota}), its sentences for a person ({@link dev.quotabot.quota.Text}: a
 * code and values each door words in its reader's language) and what providers declare ({@link
 * dev.quotabot.quota.ProviderInfo}, {@link dev.quotabot.quota.Capability}). Providers implement
 * {@link dev.quotabot.quota.Provider}; the query run, the query checks and the registry's rules are
 * package-private.
 *
 * <p>Never imports Undertow or JDA, and knows nothing of which door asked.
 */
@NullMarked
package dev.quotabot.quota;

import org.jspecify.annotations.NullMarked;
