/**
 * The one HTTP stack for upstream calls, on OkHttp: a trusted client for configured hosts, a
 * guarded one for user-supplied addresses (its resolver returns only addresses the {@code
 * AddressPolicy} allows), one mapping from a failed call to what a person is told, one reading of
 * an answered call's status and the provider's own words ({@code EndpointAnswer}), and the rules a
 * user-supplied base URL must pass. Never imports Undertow or JDA, and knows no provider.
 */
@NullMarked
package dev.quotabot.quota.net;

import org.jspecify.annotations.NullMarked;
