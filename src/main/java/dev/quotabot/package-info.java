/**
 * The product's entry point and wiring: {@code Main} reads the configuration and starts the {@code
 * Application}, which builds the core ({@code quota}) and its doors ({@code web}, {@code discord})
 * and shuts them down in order. Wiring only: no rule of the product lives here.
 */
@NullMarked
package dev.quotabot;

import org.jspecify.annotations.NullMarked;
