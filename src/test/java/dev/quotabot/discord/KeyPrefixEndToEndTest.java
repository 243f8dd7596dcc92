package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.support.BotOverService;
import dev.quotabot.support.CoreDoubles;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.SentForm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /quota} without a provider, through the real JDA against a fake Discord: the key's prefix
 * picks the provider, and the key reaches that provider only. The core runs over doubles that
 * declare prefixes as the product's providers do ({@code ms-} the default, {@code sk-} shared by
 * two, {@code gsk_} a provider that reads no balance and reports rate-limit windows), and note
 * every key they are given.
 */
final class KeyPrefixEndToEndTest {
  private static final String GROQ_KEY = "gsk_prefix0e2e0secret0key0do0not0log0c3d4";
  private static final String SHARED_KEY = "sk-prefix0e2e0secret0key0shared0e5f6";
  private static final String GROQ_MODEL = TestProviders.GROQ_MODEL;
  private static final List<String> DEFAULTS = List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6");
  private static final Instant DAY_RESET = Instant.parse("2031-01-01T00:00:00Z");

  /** "provider id: what it was asked", for every call any provider received. */
  private static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();

  /** Every key any provider received, as given. */
  private static final Queue<String> KEYS = new ConcurrentLinkedQueue<>();

  @AutoClose private static BotOverService running;
  private static FakeDiscord discord;
  private LogCapture logs;

  @BeforeAll
  static void startEverything() {
    QuotaService service =
        CoreDoubles.service(
            new QuotaSettings(DEFAULTS, 10, Duration.ofSeconds(5), Duration.ofSeconds(10), 4),
            Clock.systemUTC(),
            noting(
                new ProviderInfo(
                        "modelscope", "ModelScope", CoreDoubles.PROBING, "魔粒", DEFAULTS, "ms-…")
                    .withKeyPrefixes("ms-")
                    .withProbeCost(TestProviders.SPENDS)),
            noting(balances("deepseek", "DeepSeek")),
            noting(balances("moonshot", "Moonshot")),
            noting(TestProviders.headerProber()));
    running = BotOverService.start(service);
    discord = running.discord();
  }

  @BeforeEach
  void startAfresh() {
    ASKED.clear();
    KEYS.clear();
    logs = LogCapture.open();
  }

  @AfterEach
  void noKeyLoggedOrSentToDiscord() {
    logs.assertNoKeyAndClose(List.of(GROQ_KEY, SHARED_KEY));
    for (LoggedRequest request : discord.allRequests()) {
      assertFalse(request.getBodyAsString().contains(GROQ_KEY), "Discord received a key");
      assertFalse(request.getBodyAsString().contains(SHARED_KEY), "Discord received a key");
    }
  }

  @Test
  void checksAKeyWithTheProviderItsPrefixNamesAndSaysSo() {
    // GIVEN a Groq key, and neither a provider nor models
    // WHEN /quota is run
    Interaction sent = discord.slashCommand(User.fresh("en-US"), Map.of("api_key", GROQ_KEY));

    // THEN Groq alone is asked, for its own default model, and the answer names it and why
    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertEquals("Groq quota", embed.get("title").getAsString());
    String description = embed.get("description").getAsString();
    assertTrue(
        description.startsWith("Key `gsk…c3d4` · Groq, recognised from the key's prefix"),
        description);
    JsonObject field = embed.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertEquals("✅ " + GROQ_MODEL, field.get("name").getAsString());
    assertEquals(
        "requests/day: 14370 / 14400 ▰▰▰▰▰ 99% · resets <t:" + DAY_RESET.getEpochSecond() + ":R>",
        field.get("value").getAsString());
    assertEquals(List.of("groq: account", "groq: " + GROQ_MODEL), List.copyOf(ASKED));
    assertEquals(List.of(GROQ_KEY, GROQ_KEY), List.copyOf(KEYS));
  }

  @Test
  void checksAKeyTypedIntoTheFormOfNoChosenProviderWithTheProviderItsPrefixNames() {
    // GIVEN /quota without key or provider: the default provider's form, under the bare id
    User user = User.fresh("zh-CN");
    JsonObject modal = discord.awaitCallback(discord.slashCommand(user, Map.of()));
    JsonObject data = modal.getAsJsonObject("data");
    assertEquals(QuotaModal.ID, data.get("custom_id").getAsString());

    // WHEN a Groq key is typed into it, the models left as they started
    Map<String, String> values = new LinkedHashMap<>();
    values.put("api_key", GROQ_KEY);
    values.put("models", String.join("\n", DEFAULTS));
    Interaction submitted = discord.modalSubmit(user, QuotaModal.ID, values);

    // THEN Groq alone is asked, for its own model; ModelScope never sees the key
    JsonObject embed = embedOf(discord.awaitOriginalEdit(submitted));
    assertTrue(
        embed.get("description").getAsString().contains("按 Key 前缀识别为 Groq"), embed.toString());
    assertEquals(List.of("groq: account", "groq: " + GROQ_MODEL), List.copyOf(ASKED));
  }

  @Test
  void refusesAPrefixSeveralProvidersShareWithoutSendingTheKeyAnywhere() {
    Interaction sent = discord.slashCommand(User.fresh("en-US"), Map.of("api_key", SHARED_KEY));

    String content = discord.awaitPrivateMessage(sent);
    assertTrue(content.contains("belong to several providers (deepseek, moonshot)"), content);
    assertTrue(ASKED.isEmpty(), ASKED.toString());
  }

  @Test
  void refusesBalanceOnlyForAProviderWithoutBalancesSayingWhatToDo() {
    Interaction sent =
        discord.slashCommand(
            User.fresh("en-US"), Map.of("api_key", GROQ_KEY, "balance_only", true));

    JsonObject reply = discord.awaitCallback(sent);
    assertEquals(4, reply.get("type").getAsInt());
    String content = reply.getAsJsonObject("data").get("content").getAsString();
    assertTrue(content.contains("Groq has no balance an API key can read"), content);
    assertTrue(content.contains("Leave balance\\_only off"), content);
    assertTrue(ASKED.isEmpty(), ASKED.toString());
  }

  @Test
  void saysInTheFormOfAProviderWhatCheckingCostsAndStartsWithItsModel() {
    SentForm form =
        discord.awaitForm(discord.slashCommand(User.fresh("en-US"), Map.of("provider", "groq")));

    JsonObject models = form.label("models");
    assertEquals(
        "Each model checked uses 1 request of your rate limits.",
        models.get("description").getAsString());
    JsonObject input = models.getAsJsonObject("component");
    // optional beside the picker: another provider may be picked (the core asks Groq for a model)
    assertFalse(input.get("required").getAsBoolean(), input.toString());
    assertEquals(GROQ_MODEL, input.get("value").getAsString());
  }

  private static ProviderInfo balances(String id, String name) {
    return new ProviderInfo(id, name, EnumSet.of(Capability.BALANCES), null, List.of(), "sk-…")
        .withKeyPrefixes("sk-");
  }

  /**
   * A provider declaring {@code info} that notes what it is asked and with which key: its account
   * is read with nothing in it; a model it probes reports one daily request window.
   */
  private static Provider noting(ProviderInfo info) {
    return CoreDoubles.declaring(
        info,
        request -> {
          ASKED.add(info.id() + ": account");
          KEYS.add(request.key().reveal());
          return CompletableFuture.completedFuture(
              ProviderResult.balanceOnly(Account.read(info.id(), List.of(), null, (Text) null)));
        },
        (request, model) -> {
          ASKED.add(info.id() + ": " + model);
          KEYS.add(request.key().reveal());
          return CompletableFuture.completedFuture(
              new ModelQuota(
                  model,
                  RateLimits.UNKNOWN,
                  ProbeStatus.OK,
                  null,
                  null,
                  5,
                  List.of(new RateWindow("requests_per_day", 14_400L, 14_370L, DAY_RESET))));
        },
        CoreDoubles.NO_CATALOG);
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }
}
