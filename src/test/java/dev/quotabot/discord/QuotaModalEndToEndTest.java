package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.SentForm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /quota} form's provider picker through the real product and the real JDA against a
 * fake Discord, with WireMock playing DeepSeek (its configured base URL): the select(s) list every
 * provider the server knows, a submitted select decides who is asked, a relay with admin access
 * keeps its own form, and the answer shows every balance entry.
 */
final class QuotaModalEndToEndTest {
  private static final String DEEPSEEK_KEY = "sk-picker0secret0key0do0not0log0d5e6";
  private static final String SIX_KEY = "sk-picker0six0entries0do0not0log0a7b8";
  private static final String FIFTY_KEY = "sk-picker0fifty0entries0not0log0c9d0";
  private static final List<String> KEYS = List.of(DEEPSEEK_KEY, SIX_KEY, FIFTY_KEY);

  private static FakeBalanceUpstream upstream;
  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;

  /** Every provider the server knows, the default first, as its API lists them. */
  private static List<JsonObject> providers;

  private LogCapture logs;

  @BeforeAll
  static void startEverything() throws Exception {
    upstream = FakeBalanceUpstream.start();
    upstream.deepSeekBalances(DEEPSEEK_KEY, List.of("CNY"));
    upstream.deepSeekBalances(SIX_KEY, List.of("CNY", "USD", "EUR", "GBP", "JPY", "HKD"));
    List<String> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add("C" + (char) ('A' + i / 26) + (char) ('A' + i % 26) + "X");
    }
    upstream.deepSeekBalances(FIFTY_KEY, fifty);
    bot = BotUnderTest.builder().balanceUpstream(upstream).start();
    discord = bot.discord();
    HttpResponse<String> listed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(bot.app().uri("/api/providers")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    providers = new ArrayList<>();
    for (JsonElement provider :
        JsonParser.parseString(listed.body()).getAsJsonObject().getAsJsonArray("providers")) {
      providers.add(provider.getAsJsonObject());
    }
  }

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.open();
  }

  @AfterEach
  void noKeyLoggedOrSentToDiscord() {
    logs.assertNoKeyAndClose(KEYS);
    for (LoggedRequest request : discord.allRequests()) {
      for (String key : KEYS) {
        assertFalse(request.getBodyAsString().contains(key), "Discord received a key");
        assertFalse(request.getUrl().contains(key), "a key in a URL to Discord");
      }
    }
  }

  @Test
  void listsEveryProviderTheServerKnowsWithDetectFromTheKeyPreselected() {
    // GIVEN a server with more providers than one select holds
    assertTrue(providers.size() + 1 > 25, "" + providers.size());

    // WHEN /quota is run without a key or a provider
    SentForm form = discord.awaitForm(discord.slashCommand(User.fresh("en-US"), Map.of()));

    // THEN the form holds two optional selects: "Detect from the key" (pre-selected), then every
    // provider in the server's order, the default first; then the key, base URL and models
    assertEquals("quota", form.id());
    JsonArray labels = form.labels();
    assertEquals(5, labels.size());
    List<String> values = new ArrayList<>();
    List<String> preselected = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonObject label = labels.get(i).getAsJsonObject();
      assertEquals(18, label.get("type").getAsInt());
      JsonObject select = label.getAsJsonObject("component");
      assertEquals(3, select.get("type").getAsInt());
      assertEquals(i == 0 ? "provider" : "provider_more", select.get("custom_id").getAsString());
      assertEquals(0, select.get("min_values").getAsInt());
      assertEquals(1, select.get("max_values").getAsInt());
      assertFalse(select.get("required").getAsBoolean());
      for (JsonElement option : select.getAsJsonArray("options")) {
        String value = option.getAsJsonObject().get("value").getAsString();
        values.add(value);
        if (option.getAsJsonObject().has("default")
            && option.getAsJsonObject().get("default").getAsBoolean()) {
          preselected.add(value);
        }
      }
    }
    List<String> expected = new ArrayList<>(List.of(ProviderPicker.DETECT));
    providers.stream()
        .limit(ProviderPicker.PROVIDERS_MAX)
        .forEach(provider -> expected.add(provider.get("id").getAsString()));
    assertEquals(expected, values);
    assertEquals(List.of(ProviderPicker.DETECT), preselected);
    assertEquals(List.of("api_key", "base_url", "models"), form.inputIds().subList(2, 5));
  }

  @Test
  void preselectsTheProviderChosenOnTheCommand() {
    SentForm form =
        discord.awaitForm(
            discord.slashCommand(User.fresh("zh-CN"), Map.of("provider", "deepseek")));

    assertEquals("quota:deepseek", form.id());
    assertEquals(List.of("deepseek"), form.preselected());
  }

  @Test
  void runsTheProviderPickedInTheSelectAgainstItsUpstream() {
    // GIVEN the bare form: a key sk-… alone names no provider (several share the prefix)
    User user = User.fresh("en-US");
    discord.awaitCallback(discord.slashCommand(user, Map.of()));
    int before = upstream.deepSeekReads(DEEPSEEK_KEY);

    // WHEN it is submitted with DeepSeek picked in the first select, the models left as they were
    Map<String, String> values = new LinkedHashMap<>();
    values.put("api_key", DEEPSEEK_KEY);
    values.put("base_url", "");
    values.put("models", defaultModelsOfTheDefaultProvider());
    Interaction submitted =
        discord.modalSubmit(
            user,
            "quota",
            values,
            Map.of("provider", List.of("deepseek"), "provider_more", List.of()));

    // THEN DeepSeek's upstream is asked with the key, and the answer is DeepSeek's balance
    JsonObject embed = embedOf(discord.awaitOriginalEdit(submitted));
    assertEquals("DeepSeek balance", embed.get("title").getAsString());
    assertEquals(before + 1, upstream.deepSeekReads(DEEPSEEK_KEY));
  }

  @Test
  void takesOfTwoSelectedValuesTheOneThatDiffersFromThePreselected() {
    // GIVEN a form opened for a provider listed in the second select
    String later = providerInSecondSelect();
    User user = User.fresh("en-US");
    SentForm form = discord.awaitForm(discord.slashCommand(user, Map.of("provider", later)));
    assertEquals(List.of(later), form.preselected());
    int before = upstream.deepSeekReads(DEEPSEEK_KEY);

    // WHEN DeepSeek is picked in the first select while the second still holds the pre-selection
    Interaction submitted =
        discord.modalSubmit(
            user,
            "quota:" + later,
            Map.of("api_key", DEEPSEEK_KEY),
            Map.of("provider", List.of("deepseek"), "provider_more", List.of(later)));

    // THEN DeepSeek is asked
    JsonObject embed = embedOf(discord.awaitOriginalEdit(submitted));
    assertEquals("DeepSeek balance", embed.get("title").getAsString());
    assertEquals(before + 1, upstream.deepSeekReads(DEEPSEEK_KEY));
  }

  @Test
  void answersAPickedProviderTheServerDoesNotKnowAsOutOfDate() {
    Interaction submitted =
        discord.modalSubmit(
            User.fresh("en-US"),
            "quota",
            Map.of("api_key", DEEPSEEK_KEY),
            Map.of("provider", List.of("nosuchprovider")));

    String content = discord.awaitPrivateMessage(submitted);
    assertEquals("⚠️ This form is out of date: run /quota again.", content);
  }

  @Test
  void keepsTheRelaysOwnFormWithItsAdminFieldsAndNoSelect() {
    SentForm form =
        discord.awaitForm(discord.slashCommand(User.fresh("en-US"), Map.of("provider", "newapi")));

    assertEquals("quota:newapi", form.id());
    assertEquals(
        List.of("api_key", "base_url", "models", "user_id", "access_token"), form.inputIds());
  }

  @Test
  void showsEveryBalanceEntryOfASixEntryReport() {
    Interaction sent =
        discord.slashCommand(
            User.fresh("en-US"), Map.of("api_key", SIX_KEY, "provider", "deepseek"));

    String description = embedOf(discord.awaitOriginalEdit(sent)).get("description").getAsString();
    for (String currency : List.of("CNY", "USD", "EUR", "GBP", "JPY", "HKD")) {
      assertTrue(description.contains("💰 " + currency + " balance: **"), description);
    }
    assertFalse(description.contains("more balance"), description);
  }

  @Test
  void keepsAFiftyEntryAnswerWithinDiscordsLimitsCountingWhatIsLeftOut() {
    Interaction sent =
        discord.slashCommand(
            User.fresh("en-US"), Map.of("api_key", FIFTY_KEY, "provider", "deepseek"));

    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    String description = embed.get("description").getAsString();
    assertTrue(description.length() <= 4096, "" + description.length());
    long shown = description.lines().filter(line -> line.matches("💰 C\\w+X balance.*")).count();
    String more =
        description.lines().filter(line -> line.startsWith("💰 +")).findFirst().orElse("");
    int counted = more.isEmpty() ? 0 : Integer.parseInt(more.replaceAll("\\D", ""));
    assertEquals(50, shown + counted, description);
    assertTrue(shown > 4, "" + shown);
  }

  /** What the bare form's models field starts with: the default provider's defaults. */
  private static String defaultModelsOfTheDefaultProvider() {
    List<String> models = new ArrayList<>();
    providers.get(0).getAsJsonArray("default_models").forEach(m -> models.add(m.getAsString()));
    return String.join("\n", models);
  }

  /** A provider listed in the second select that has no admin fields (so it gets the picker). */
  private static String providerInSecondSelect() {
    for (int i = providers.size() - 1; i >= 24; i--) {
      JsonObject provider = providers.get(i);
      boolean admin = false;
      for (JsonElement capability : provider.getAsJsonArray("capabilities")) {
        admin |= capability.getAsString().equals("admin_access");
      }
      if (!admin && i < ProviderPicker.PROVIDERS_MAX) {
        return provider.get("id").getAsString();
      }
    }
    throw new AssertionError("no provider in the second select");
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }
}
