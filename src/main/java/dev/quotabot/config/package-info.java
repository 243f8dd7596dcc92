/**
 * The typed, immutable configuration: {@code bot.properties} and the environment, checked at
 * start-up with one clear line per mistake. May import the core's settings types; never Undertow or
 * JDA.
 */
@NullMarked
package dev.quotabot.config;

import org.jspecify.annotations.NullMarked;
