/**
 * Providers whose balance is one GET of an official endpoint at an operator-configured address
 * (DeepSeek, SiliconFlow, OpenRouter, Moonshot, StepFun, Novita, 302.AI, Poe, Venice, DeepInfra):
 * one class each, reading the answer into balance entries. Talks HTTP only through {@code
 * quota.net}; never imports Undertow or JDA.
 *
 * <p>Its errors and note remarks are {@code Text}s of area {@code provider}, worded from {@code
 * texts*.properties} beside this package's resources; provider names, units, settings, hosts and
 * JSON field names are values, never translated.
 */
@NullMarked
package dev.quotabot.quota.provider;

import org.jspecify.annotations.NullMarked;
