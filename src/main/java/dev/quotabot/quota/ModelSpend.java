package dev.quotabot.quota;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one model spent of a key's quota, from the provider's recent usage log (not a lifetime
 * total: the log keeps recent entries only).
 *
 * @param model the model's id as the log names it
 * @param amount what it spent, in {@code unit}
 * @param unit the site's unit
 * @param calls how many logged calls it made
 * @param since the oldest log entry counted, when the log tells
 */
public record ModelSpend(
    String model, BigDecimal amount, String unit, long calls, @Nullable Instant since) {}
