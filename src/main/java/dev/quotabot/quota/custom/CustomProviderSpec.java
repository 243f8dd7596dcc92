package dev.quotabot.quota.custom;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What the operator configured for one custom provider, already checked.
 *
 * @param id how queries name it: lower-case letters and digits ({@code acme})
 * @param name how people call it ({@code Acme AI})
 * @param url the address asked: the configured base_url with the path appended
 * @param auth how the key is sent
 * @param unit what the amounts count ({@code USD}, {@code credits})
 * @param available where the amount left to spend is; required
 * @param total where the total granted or held is; null when not configured
 * @param used where the amount spent is; null when not configured
 * @param error where the upstream says a check failed; null when not configured
 */
public record CustomProviderSpec(
    String id,
    String name,
    URI url,
    CustomAuth auth,
    String unit,
    JsonPointer available,
    @Nullable JsonPointer total,
    @Nullable JsonPointer used,
    @Nullable JsonPointer error) {}
