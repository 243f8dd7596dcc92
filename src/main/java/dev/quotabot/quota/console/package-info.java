/**
 * Providers whose balance no API key can read (Gemini, Mistral, DashScope, Volcengine Ark, Qianfan,
 * Fireworks, Together): one class each. The answer is honest: one free call the provider documents
 * (or open-source clients use) proves whether the key works, and the note says where the console
 * shows the balance. Never a made-up number. Talks HTTP only through {@code quota.net}; never
 * imports Undertow or JDA.
 */
@NullMarked
package dev.quotabot.quota.console;

import org.jspecify.annotations.NullMarked;
