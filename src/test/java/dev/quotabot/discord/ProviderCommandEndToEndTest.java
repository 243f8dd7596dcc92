package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.SentForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /quota provider:…} through the real product and real JDA against a fake Discord, with one
 * WireMock playing DeepSeek (its configured base URL) and a new-api relay (the {@code base_url} a
 * user gives; plain http to loopback allowed as an operator could for a private deployment).
 */
final class ProviderCommandEndToEndTest {
  private static final String DEEPSEEK_KEY = "sk-deepseek0secret0key0do0not0log0d5e6";
  private static final String RELAY_KEY = "sk-relay0secret0key0do0not0log0f7a8";
  private static final String ACCESS_TOKEN = "admin0access0token0do0not0log0b9c0";
  private static final String MINI = "gpt-4o-mini";
  private static final String HAIKU = "claude-3-5-haiku";

  private static FakeBalanceUpstream upstream;
  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;

  @BeforeAll
  static void startEverything() {
    upstream = FakeBalanceUpstream.start();
    upstream.deepSeekBalances(DEEPSEEK_KEY, List.of("CNY"));
    upstream.newApiKey(RELAY_KEY, List.of(MINI, HAIKU));
    upstream.newApiWallet(ACCESS_TOKEN);
    bot = BotUnderTest.builder().balanceUpstream(upstream).start();
    discord = bot.discord();
  }

  @Test
  void offersEveryRegisteredProviderAsAChoiceModelScopeFirst() {
    JsonObject provider = discord.awaitQuotaOption("provider");

    // a fixed list while every provider fits in Discord's 25; beyond, suggestions as one types
    JsonArray offered;
    if (provider.has("choices")) {
      offered = provider.getAsJsonArray("choices");
    } else {
      assertTrue(provider.get("autocomplete").getAsBoolean(), provider.toString());
      Interaction typing =
          discord.autocompleteRaw(
              User.fresh("en-US"),
              rawOptions(FakeDiscord.rawOption("provider", 3, new JsonPrimitive(""), true)));
      offered = discord.awaitCallback(typing).getAsJsonObject("data").getAsJsonArray("choices");
    }
    List<String> values = new ArrayList<>();
    for (JsonElement choice : offered) {
      values.add(choice.getAsJsonObject().get("value").getAsString());
    }
    assertEquals("modelscope", values.get(0));
    assertTrue(values.containsAll(List.of("newapi", "deepseek")), values.toString());
  }

  @Test
  void readsDeepSeeksBalanceAndShowsItInYuan() {
    User user = User.fresh("en-US");
    int readsBefore = upstream.deepSeekReads(DEEPSEEK_KEY);

    Interaction sent =
        discord.slashCommand(user, Map.of("provider", "deepseek", "api_key", DEEPSEEK_KEY));

    discord.awaitPrivateDeferral(sent);
    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertTrue(embed.get("title").getAsString().contains("DeepSeek"), embed.toString());
    String description = embed.get("description").getAsString();
    assertTrue(
        description.contains(
            "💰 CNY balance: **110.00** available (granted 10.00, topped up 100.00)"),
        description);
    assertTrue(description.contains("sk-…d5e6"), description);
    assertFalse(description.contains("魔粒"), description);
    assertFalse(embed.has("fields") && embed.getAsJsonArray("fields").size() > 0);
    assertEquals(readsBefore + 1, upstream.deepSeekReads(DEEPSEEK_KEY));
  }

  @Test
  void readsARelayTokensMoneyInItsDisplayCurrencyAndListsTheModelsItMayUse() {
    User user = User.fresh("en-US");

    Interaction sent =
        discord.slashCommand(
            user,
            Map.of("provider", "newapi", "base_url", upstream.url() + "/v1", "api_key", RELAY_KEY));

    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    String description = embed.get("description").getAsString();
    assertTrue(
        description.contains(
            "💰 USD key quota: **8.00** available (total 10.00, used 2.00) · name my-token"),
        description);
    List<String> names = new ArrayList<>();
    for (JsonElement field : embed.getAsJsonArray("fields")) {
      names.add(field.getAsJsonObject().get("name").getAsString());
    }
    assertEquals(2, names.size(), names.toString());
    assertTrue(names.get(0).contains(MINI) || names.get(1).contains(MINI), names.toString());
    assertTrue(names.get(0).contains(HAIKU) || names.get(1).contains(HAIKU), names.toString());
  }

  @Test
  void answersPrivatelyThatARelayNeedsItsAddressAndCallsNothing() {
    User user = User.fresh("en-US");
    int before = upstream.wireMock().getAllServeEvents().size();

    Interaction sent =
        discord.slashCommand(user, Map.of("provider", "newapi", "api_key", RELAY_KEY));

    String content = discord.awaitPrivateMessage(sent);
    assertTrue(content.contains("Cannot check"), content);
    // escaped, so Discord shows it as typed: base_url
    assertTrue(content.contains("base\\_url"), content);
    assertEquals(before, upstream.wireMock().getAllServeEvents().size());
  }

  @Test
  void refusesModelsForABalanceOnlyProviderBeforeAskingForTheKey() {
    User user = User.fresh("zh-CN");

    Interaction sent =
        discord.slashCommand(user, Map.of("provider", "deepseek", "models", "deepseek-chat"));

    JsonObject reply = discord.awaitCallback(sent);
    assertEquals(4, reply.get("type").getAsInt());
    assertTrue(
        reply.getAsJsonObject("data").get("content").getAsString().startsWith("⚠️ 无法查询"),
        reply.toString());
  }

  @Test
  void asksARelaysKeyAndAdminAccessInAFormAndNeverLogsOrEchoesEitherSecret() {
    try (LogCapture logs = LogCapture.open()) {
      User user = User.fresh("en-US");
      Interaction command =
          discord.slashCommand(user, Map.of("provider", "newapi", "base_url", upstream.url()));

      SentForm form = discord.awaitForm(command);
      assertEquals("quota:newapi", form.id());
      assertEquals(upstream.url(), form.value("base_url"));
      assertEquals(
          List.of("api_key", "base_url", "models", "user_id", "access_token"), form.inputIds());

      Map<String, String> values = new LinkedHashMap<>();
      values.put("api_key", RELAY_KEY);
      values.put("base_url", upstream.url());
      values.put("models", MINI + ", o3-pro");
      values.put("user_id", "42");
      values.put("access_token", ACCESS_TOKEN);
      Interaction submitted = discord.modalSubmit(user, "quota:newapi", values);

      JsonObject edited = discord.awaitOriginalEdit(submitted);
      String description = embedOf(edited).get("description").getAsString();
      assertTrue(description.contains("💰 USD key quota: **8.00** available"), description);
      assertTrue(
          description.contains(
              "💰 USD wallet: **5.00** available (total 6.00, used 1.00, 7 requests)"),
          description);
      JsonArray fields = embedOf(edited).getAsJsonArray("fields");
      assertEquals(2, fields.size(), fields.toString());
      assertTrue(fields.get(0).getAsJsonObject().get("name").getAsString().contains(MINI));
      assertTrue(fields.get(1).getAsJsonObject().get("name").getAsString().contains("o3-pro"));

      User deepseekUser = User.fresh("en-US");
      discord.awaitOriginalEdit(
          discord.slashCommand(
              deepseekUser, Map.of("provider", "deepseek", "api_key", DEEPSEEK_KEY)));

      for (String secret : List.of(RELAY_KEY, ACCESS_TOKEN, DEEPSEEK_KEY)) {
        assertFalse(logs.text().contains(secret), "a log line contains a secret");
        assertFalse(logs.text().contains(secret.substring(3, 20)), "a log line holds part of one");
      }
    }
    for (LoggedRequest request : discord.allRequests()) {
      for (String secret : List.of(RELAY_KEY, ACCESS_TOKEN, DEEPSEEK_KEY)) {
        assertFalse(request.getBodyAsString().contains(secret), "Discord received a secret");
      }
    }
  }

  private static JsonArray rawOptions(JsonObject... options) {
    JsonArray array = new JsonArray();
    for (JsonObject option : options) {
      array.add(option);
    }
    return array;
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }
}
