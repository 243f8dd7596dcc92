/**
 * The web door on Undertow: the page, the JSON API ({@code /api/balance}, its NDJSON stream, {@code
 * /api/providers}, {@code /api/models}, {@code /api/config}) and {@code /health}. Thin: it reads
 * requests, asks {@code quota.QuotaService}, and renders the report. Undertow's own handlers do the
 * routing, the graceful shutdown, the page's files and the access log; what is written here is what
 * they do not do (JSON errors, strict JSON, the body limit, the rate limit, NDJSON). Imports only
 * the core's public surface in {@code dev.quotabot.quota}; never JDA, never a provider's package,
 * and never branches on which provider it is ({@code WebPackageTest} checks).
 */
@NullMarked
package dev.quotabot.web;

import org.jspecify.annotations.NullMarked;
