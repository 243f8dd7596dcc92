/**
 * Coding-plan quotas (Zhipu's and Z.ai's GLM Coding Plan, MiniMax's Coding Plan, Kimi Code): plans
 * that sell windows of use (a 5-hour window, a week, a month of tool calls) rather than money. Each
 * provider is one GET of the plan's quota endpoint at an operator-configured address ({@code
 * PlanProvider} over a {@code PlanEndpoint}), read into the account's {@code limits}; no balance is
 * ever reported for them. Talks HTTP only through {@code quota.net}; never imports Undertow or JDA.
 */
@NullMarked
package dev.quotabot.quota.plans;

import org.jspecify.annotations.NullMarked;
