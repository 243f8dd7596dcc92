package dev.quotabot.web;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaService;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A provider as the page and API clients learn it: what it is, what it can do, which request fields
 * it takes, what it proposes. Built from what the provider declares, so a client never needs to
 * know a provider by its id. The shape only ever grows.
 *
 * @param needsBaseUrl whether a query must name the provider's address ({@code base_url})
 * @param capabilities what it can do, as {@link Capability#wireName()}s
 * @param fields the request fields a query for it may carry, in the order a form shows them
 * @param unit what its balances count when that is fixed; null when it depends on the account
 * @param resetsAt when its daily quota resets next (ISO-8601 with offset), for a provider with a
 *     daily reset; null for the others
 * @param keyPrefixes how its keys start, per its documentation (a key starting with a prefix only
 *     one provider declares is taken for that provider when a query names none)
 * @param probeCost the most probing one model may cost; null for a provider that probes none
 * @param consoleUrl where a person sees what the key cannot read; null when it reads it all
 */
record ProviderJson(
    String id,
    String name,
    boolean needsBaseUrl,
    List<String> capabilities,
    List<String> fields,
    @Nullable String unit,
    List<String> defaultModels,
    String keyHint,
    @Nullable String resetsAt,
    List<String> keyPrefixes,
    @Nullable CostJson probeCost,
    @Nullable String consoleUrl) {

  /** What probing one model may cost at most: {@code {"per_model":2,"unit":"魔粒","kind":…}}. */
  record CostJson(BigDecimal perModel, String unit, String kind) {

    static @Nullable CostJson of(@Nullable ProbeCost cost) {
      return cost == null
          ? null
          : new CostJson(cost.perModel(), cost.unit(), cost.kind().wireName());
    }
  }

  /** The provider as declared, with its next reset as of now. */
  static ProviderJson of(ProviderInfo provider, QuotaService service) {
    return new ProviderJson(
        provider.id(),
        provider.name(),
        provider.can(Capability.NEEDS_BASE_URL),
        provider.capabilities().stream().map(Capability::wireName).toList(),
        fields(provider),
        provider.unit(),
        provider.defaultModels(),
        provider.keyHint(),
        service
            .nextReset(provider.id())
            .map(reset -> reset.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .orElse(null),
        provider.keyPrefixes(),
        CostJson.of(provider.probeCost()),
        provider.consoleUrl());
  }

  private static List<String> fields(ProviderInfo provider) {
    List<String> fields = new ArrayList<>(List.of("api_key"));
    if (provider.can(Capability.NEEDS_BASE_URL)) {
      fields.add("base_url");
    }
    if (provider.takesModels()) {
      fields.add("models");
    }
    if (provider.can(Capability.ADMIN_ACCESS)) {
      fields.add("user_id");
      fields.add("access_token");
    }
    return List.copyOf(fields);
  }
}
