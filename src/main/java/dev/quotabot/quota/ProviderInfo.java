package dev.quotabot.quota;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a provider declares about itself: all a door needs to offer it, ask for the right fields and
 * render its answers.
 *
 * @param id the name queries use, its lower-case brand name ({@code deepseek})
 * @param name how people call it ({@code DeepSeek})
 * @param capabilities what it can do
 * @param unit what its balances count when that is fixed ({@code 魔粒}, {@code CNY}); null when it
 *     depends on the account or the site
 * @param defaultModels the models a door proposes; empty for a provider that probes none
 * @param keyHint how its keys start, as a placeholder ({@code ms-…}, {@code sk-…})
 */
public record ProviderInfo(
    String id,
    String name,
    Set<Capability> capabilities,
    @Nullable String unit,
    List<String> defaultModels,
    String keyHint) {

  public ProviderInfo {
    capabilities =
        capabilities.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    defaultModels = List.copyOf(defaultModels);
  }

  public boolean can(Capability capability) {
    return capabilities.contains(capability);
  }

  /** Whether a query for it may name models: it probes them or looks for them. */
  public boolean takesModels() {
    return can(Capability.PROBES_MODELS) || can(Capability.LISTS_KEY_MODELS);
  }
}
