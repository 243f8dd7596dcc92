package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.support.CoreDoubles;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Providers like the product's for the door's unit tests: one that probes models and spends 魔粒
 * doing it (the default, id {@code modelscope}, keys {@code ms-}, proposing the settings' default
 * models), a relay ({@code newapi}), two that read balances only and share the prefix {@code sk-}
 * ({@code deepseek}, {@code moonshot}), and one that reads no balance but probes models against its
 * rate limits ({@code groq}, keys {@code gsk_}), and one that declares nothing but its console page
 * ({@code console}, keys {@code co-}). Nothing here is ever asked for a balance or a probe.
 */
final class TestProviders {
  /** What the prober's probe costs at most: 2 魔粒 a model. */
  static final ProbeCost SPENDS = new ProbeCost(new BigDecimal("2"), "魔粒", ProbeCost.Kind.SPENDS);

  /** What the header prober's probe costs: one request of its rate limits. */
  static final ProbeCost COUNTS = new ProbeCost(BigDecimal.ONE, "requests", ProbeCost.Kind.COUNTS);

  static final String GROQ_MODEL = "llama-3.1-8b-instant";
  static final String GROQ_CONSOLE = "https://console.groq.example/settings/limits";
  static final String CONSOLE = "https://console.cloud.example/billing";

  private TestProviders() {}

  static QuotaService service(QuotaSettings settings) {
    return service(settings, CoreDoubles.NO_CATALOG);
  }

  /** The same, the prober offering {@code catalog}. */
  static QuotaService service(QuotaSettings settings, ModelDirectory catalog) {
    return CoreDoubles.service(
        settings,
        Clock.systemUTC(),
        unused(
            new ProviderInfo(
                    "modelscope",
                    "ModelScope",
                    CoreDoubles.PROBING,
                    "魔粒",
                    settings.defaultModels(),
                    "ms-…")
                .withKeyPrefixes("ms-")
                .withProbeCost(SPENDS),
            catalog),
        provider("newapi", "New API relay", true),
        unused(balanceOnly("deepseek", "DeepSeek").withKeyPrefixes("sk-"), CoreDoubles.NO_CATALOG),
        unused(balanceOnly("moonshot", "Moonshot").withKeyPrefixes("sk-"), CoreDoubles.NO_CATALOG),
        unused(headerProber(), CoreDoubles.NO_CATALOG),
        unused(consoleOnly(), CoreDoubles.NO_CATALOG));
  }

  /**
   * What a provider without any key-readable balance declares when it probes nothing either: no
   * capability at all, only its console page ({@code console}, keys {@code co-}).
   */
  static ProviderInfo consoleOnly() {
    return new ProviderInfo(
            "console", "Console Cloud", EnumSet.noneOf(Capability.class), null, List.of(), "co-…")
        .withKeyPrefixes("co-")
        .withConsoleUrl(CONSOLE);
  }

  /** What {@code groq} declares: probes only, no balance, keys {@code gsk_}. */
  static ProviderInfo headerProber() {
    return new ProviderInfo(
            "groq",
            "Groq",
            EnumSet.of(Capability.PROBES_MODELS),
            null,
            List.of(GROQ_MODEL),
            "gsk_…")
        .withKeyPrefixes("gsk_")
        .withProbeCost(COUNTS)
        .withConsoleUrl(GROQ_CONSOLE);
  }

  static QuotaOptions options(QuotaSettings settings) {
    return new QuotaOptions(service(settings));
  }

  /** The form over {@link #service}; a form submitted to it is never answered in a unit test. */
  static QuotaModal modal(QuotaSettings settings) {
    QuotaService service = service(settings);
    return new QuotaModal(
        new QuotaOptions(service),
        new QuotaReply(
            service, new Cooldown(Duration.ZERO, System::nanoTime), new PendingReplies()));
  }

  static Provider provider(String id, String name, boolean needsBaseUrl) {
    return CoreDoubles.provider(
        id,
        name,
        needsBaseUrl,
        request -> {
          throw new AssertionError("a door test asked " + id + " for a balance");
        });
  }

  private static ProviderInfo balanceOnly(String id, String name) {
    return new ProviderInfo(id, name, EnumSet.of(Capability.BALANCES), null, List.of(), "sk-…");
  }

  /** A provider declaring {@code info} that must never be asked anything. */
  private static Provider unused(ProviderInfo info, ModelDirectory catalog) {
    return CoreDoubles.declaring(
        info,
        request -> {
          throw new AssertionError("a door test asked " + info.id() + " for a balance");
        },
        (request, model) -> {
          throw new AssertionError("a door test probed " + model + " at " + info.id());
        },
        catalog);
  }
}
