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
 * @param keyPrefixes how its keys start, as its documentation says ({@code ms-}, {@code gsk_}); a
 *     key is taken for this provider when it starts with a prefix no other provider declares
 * @param probeCost what probing one model may cost at most; null for a provider that probes none
 * @param consoleUrl where a person sees what the key cannot read (the balance, the limits); null
 *     when the key reads it all
 */
public record ProviderInfo(
    String id,
    String name,
    Set<Capability> capabilities,
    @Nullable String unit,
    List<String> defaultModels,
    String keyHint,
    List<String> keyPrefixes,
    @Nullable ProbeCost probeCost,
    @Nullable String consoleUrl) {

  public ProviderInfo {
    capabilities =
        capabilities.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    defaultModels = List.copyOf(defaultModels);
    keyPrefixes = List.copyOf(keyPrefixes);
  }

  /** A provider that declares no key prefix, probe cost or console page. */
  public ProviderInfo(
      String id,
      String name,
      Set<Capability> capabilities,
      @Nullable String unit,
      List<String> defaultModels,
      String keyHint) {
    this(id, name, capabilities, unit, defaultModels, keyHint, List.of(), null, null);
  }

  /** The same, with the prefixes its keys start with. */
  public ProviderInfo withKeyPrefixes(String... prefixes) {
    return new ProviderInfo(
        id,
        name,
        capabilities,
        unit,
        defaultModels,
        keyHint,
        List.of(prefixes),
        probeCost,
        consoleUrl);
  }

  /** The same, with what probing one model may cost. */
  public ProviderInfo withProbeCost(ProbeCost cost) {
    return new ProviderInfo(
        id, name, capabilities, unit, defaultModels, keyHint, keyPrefixes, cost, consoleUrl);
  }

  /** The same, with the console page where a person sees what the key cannot read. */
  public ProviderInfo withConsoleUrl(String url) {
    return new ProviderInfo(
        id, name, capabilities, unit, defaultModels, keyHint, keyPrefixes, probeCost, url);
  }

  public boolean can(Capability capability) {
    return capabilities.contains(capability);
  }

  /** Whether a query for it may name models: it probes them or looks for them. */
  public boolean takesModels() {
    return can(Capability.PROBES_MODELS) || can(Capability.LISTS_KEY_MODELS);
  }
}
