package dev.quotabot.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quotabot.support.Await;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.RunningApp;
import dev.quotabot.support.SentForm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real product (web and bot, real JDA) against a fake Discord on loopback (WireMock as REST, a
 * websocket gateway) and WireMock as ModelScope. Every test uses its own user, so cooldowns never
 * interfere.
 */
final class QuotaCommandEndToEndTest {
  private static final String KEY = "ms-e2e0secret0key0do0not0log0a1b2";
  private static final String QWEN = "Qwen/Qwen3-32B";
  private static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3.1";
  private static final String KIMI = "moonshotai/Kimi-K2-Instruct";
  private static final int PROBE_DELAY_MS = 400;

  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;
  private static FakeModelScope modelScope;
  private static RunningApp app;
  private static final List<Long> deferLatenciesMs = new ArrayList<>();

  @BeforeAll
  static void startEverything() {
    bot =
        BotUnderTest.builder()
            .inGuild()
            .probeDelayMs(PROBE_DELAY_MS)
            .property("discord.guild_id", FakeDiscord.GUILD_ID)
            .property("quota.default_models", QWEN + "," + DEEPSEEK)
            .property("quota.max_models", "30")
            .modelScope(
                fake -> {
                  fake.quota(QWEN, 2000, 1200, 500, 100, PROBE_DELAY_MS);
                  fake.noHeaders(DEEPSEEK, PROBE_DELAY_MS);
                  fake.limitReached(KIMI, PROBE_DELAY_MS);
                  fake.models(
                      List.of(
                          "Qwen/Qwen3-235B-A22B",
                          "Qwen/Qwen2.5-72B-Instruct",
                          "ZhipuAI/GLM-4.6",
                          QWEN,
                          DEEPSEEK,
                          KIMI));
                })
            .start();
    discord = bot.discord();
    modelScope = bot.modelScope();
    app = bot.app();
  }

  @AfterAll
  static void reportDeferLatencies() {
    if (!deferLatenciesMs.isEmpty()) {
      System.out.println("INTERACTION_CREATE → deferred callback (ms): " + deferLatenciesMs);
    }
  }

  @Test
  void registersQuotaGloballyWithItsOptionsAndChineseLocalizations() {
    JsonArray commands = discord.awaitGlobalCommands();

    assertEquals(1, commands.size());
    JsonObject quota = commands.get(0).getAsJsonObject();
    assertEquals("quota", quota.get("name").getAsString());
    assertEquals(1, quota.get("type").getAsInt());
    assertTrue(quota.getAsJsonObject("description_localizations").has("zh-CN"));
    JsonArray options = quota.getAsJsonArray("options");
    JsonObject models = options.get(0).getAsJsonObject();
    JsonObject key = options.get(1).getAsJsonObject();
    assertEquals("models", models.get("name").getAsString());
    assertEquals(3, models.get("type").getAsInt());
    assertFalse(models.get("required").getAsBoolean());
    assertTrue(models.get("autocomplete").getAsBoolean());
    assertTrue(models.getAsJsonObject("description_localizations").has("zh-CN"));
    assertEquals("api_key", key.get("name").getAsString());
    assertFalse(key.get("required").getAsBoolean());
    assertEquals(512, key.get("max_length").getAsInt());
    assertTrue(key.getAsJsonObject("description_localizations").has("zh-CN"));
    assertEquals(5, options.size());
    JsonObject balanceOnly = options.get(2).getAsJsonObject();
    assertEquals("balance_only", balanceOnly.get("name").getAsString());
    assertEquals(5, balanceOnly.get("type").getAsInt());
    assertFalse(balanceOnly.get("required").getAsBoolean());
    assertTrue(balanceOnly.get("description").getAsString().contains("free"));
    String zh = balanceOnly.getAsJsonObject("description_localizations").get("zh-CN").getAsString();
    assertTrue(zh.contains("免费"), zh);
  }

  @Test
  void registersAProviderOptionAndARelayAddressWithChineseLocalizations() {
    JsonArray options = discord.awaitQuotaOptions();

    JsonObject provider = options.get(3).getAsJsonObject();
    assertEquals("provider", provider.get("name").getAsString());
    assertEquals(3, provider.get("type").getAsInt());
    assertFalse(provider.get("required").getAsBoolean());
    assertEquals("服务商", provider.getAsJsonObject("name_localizations").get("zh-CN").getAsString());
    assertTrue(provider.getAsJsonObject("description_localizations").has("zh-CN"));
    // production registers more providers than Discord's 25 fixed choices: they are suggested as
    // one types (ProviderChoicesTest covers the fixed list)
    assertTrue(provider.get("autocomplete").getAsBoolean(), provider.toString());
    assertFalse(provider.has("choices") && !provider.getAsJsonArray("choices").isEmpty());
    JsonObject baseUrl = options.get(4).getAsJsonObject();
    assertEquals("base_url", baseUrl.get("name").getAsString());
    assertEquals(3, baseUrl.get("type").getAsInt());
    assertFalse(baseUrl.get("required").getAsBoolean());
    assertEquals(300, baseUrl.get("max_length").getAsInt());
    assertEquals("中转地址", baseUrl.getAsJsonObject("name_localizations").get("zh-CN").getAsString());
    String zh = baseUrl.getAsJsonObject("description_localizations").get("zh-CN").getAsString();
    assertTrue(zh.contains("中转站"), zh);
  }

  @Test
  void alsoRegistersQuotaInTheDevelopmentServer() {
    JsonArray commands = discord.awaitGuildCommands();

    assertEquals("quota", commands.get(0).getAsJsonObject().get("name").getAsString());
  }

  @Test
  void defersPrivatelyBeforeProbingThenEditsTheAnswerIntoAnEmbed() {
    User user = User.fresh("en-US");
    int probesBefore = modelScope.probes().size();

    Interaction sent =
        discord.slashCommand(user, Map.of("api_key", KEY, "models", QWEN + "," + KIMI));

    LoggedRequest callback = discord.awaitCallbackRequest(sent);
    JsonObject deferred = body(callback);
    assertEquals(5, deferred.get("type").getAsInt());
    assertEquals(64, deferred.getAsJsonObject("data").get("flags").getAsInt());
    long latency = callback.getLoggedDate().getTime() - sent.sentAt().toEpochMilli();
    deferLatenciesMs.add(latency);
    assertTrue(latency < PROBE_DELAY_MS, "deferred after " + latency + " ms");

    JsonObject edited = discord.awaitOriginalEdit(sent);
    List<LoggedRequest> probes =
        modelScope.probes().subList(probesBefore, modelScope.probes().size());
    assertEquals(2, probes.size());
    for (LoggedRequest probe : probes) {
      assertFalse(
          probe.getLoggedDate().before(callback.getLoggedDate()),
          "a probe started before the deferred reply was sent");
    }
    JsonObject embed = edited.getAsJsonArray("embeds").get(0).getAsJsonObject();
    String description = embed.get("description").getAsString();
    assertTrue(description.contains("ms-…a1b2"), description);
    assertTrue(
        description.contains(
            "💰 魔粒 balance: **250** available (total 250, frozen 0) · name tester"),
        description);
    assertTrue(description.contains("<t:"), description);
    assertTrue(description.contains(":R>"), description);
    JsonArray fields = embed.getAsJsonArray("fields");
    assertEquals(2, fields.size());
    JsonObject qwen = fields.get(0).getAsJsonObject();
    assertTrue(qwen.get("name").getAsString().contains(QWEN));
    String qwenValue = qwen.get("value").getAsString();
    assertTrue(qwenValue.contains("1200 / 2000 ▰▰▰▱▱ 60%"), qwenValue);
    assertTrue(qwenValue.contains("100 / 500 ▰▱▱▱▱ 20%"), qwenValue);
    String kimiValue = fields.get(1).getAsJsonObject().get("value").getAsString();
    assertTrue(kimiValue.contains("Limit reached"), kimiValue);
    assertEquals(QuotaEmbed.RED, embed.get("color").getAsInt());
    assertFalse(edited.toString().contains(KEY));
    assertPingsNobody(edited);
  }

  @Test
  void acknowledgesWellWithinDiscordsThreeSecondWindow() {
    List<Interaction> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(discord.slashCommand(User.fresh("en-US"), Map.of("api_key", KEY, "models", QWEN)));
    }

    for (Interaction interaction : sent) {
      LoggedRequest callback = discord.awaitCallbackRequest(interaction);
      long latency = callback.getLoggedDate().getTime() - interaction.sentAt().toEpochMilli();
      deferLatenciesMs.add(latency);
      assertTrue(latency < 1_000, "deferred after " + latency + " ms");
    }
    sent.forEach(discord::awaitOriginalEdit);
  }

  @Test
  void probesTheConfiguredDefaultModelsWhenModelsIsLeftOut() {
    User user = User.fresh("en-US");

    Interaction sent = discord.slashCommand(user, Map.of("api_key", KEY));

    JsonArray fields = embedOf(discord.awaitOriginalEdit(sent)).getAsJsonArray("fields");
    assertEquals(2, fields.size());
    assertTrue(fields.get(0).getAsJsonObject().get("name").getAsString().contains(QWEN));
    JsonObject deepseek = fields.get(1).getAsJsonObject();
    assertTrue(deepseek.get("name").getAsString().contains(DEEPSEEK));
    String value = deepseek.get("value").getAsString();
    assertTrue(value.contains("Account: unknown"), value);
    assertFalse(value.contains(" 0 /"), value);
    assertTrue(value.contains("did not report per-model quota"), value);
    assertTrue(value.contains("魔粒 balance above"), value);
  }

  @Test
  void readsOnlyTheFreeBalanceWithBalanceOnlyAndProbesNothing() {
    String key = "ms-balance0only0option0key0c3d4";
    User user = User.fresh("en-US");

    Interaction sent =
        discord.slashCommand(
            user, Map.of("api_key", key, "models", QWEN + "," + KIMI, "balance_only", true));

    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertEquals("ModelScope 魔粒 balance (free check)", embed.get("title").getAsString());
    String description = embed.get("description").getAsString();
    assertTrue(description.contains("ms-…c3d4"), description);
    assertTrue(
        description.contains("**250** available (total 250, frozen 0) · name tester"), description);
    assertTrue(description.contains("models you gave were ignored"), description);
    assertFalse(embed.has("fields") && embed.getAsJsonArray("fields").size() > 0, embed.toString());
    assertEquals(QuotaEmbed.BLUE, embed.get("color").getAsInt());
    assertEquals(1, balanceReads(key), "the balance was read with this key");
    assertEquals(0, modelScope.probesWith(key), "balance_only must not call any model");
  }

  @Test
  void checksTheDefaultModelsWhenBalanceOnlyIsFalse() {
    String key = "ms-balance0only0false0key0e5f6";
    User user = User.fresh("en-US");

    Interaction sent = discord.slashCommand(user, Map.of("api_key", key, "balance_only", false));

    JsonArray fields = embedOf(discord.awaitOriginalEdit(sent)).getAsJsonArray("fields");
    assertEquals(2, fields.size());
    assertEquals(2, modelScope.probesWith(key));
  }

  @Test
  void showsWhyTheBalanceCouldNotBeReadInRed() {
    String key = "ms-balance0rejected0key0a7b8";
    modelScope
        .server()
        .stubFor(
            get(urlPathEqualTo("/openapi/v1/magicubes/balance"))
                .withHeader("Authorization", equalTo("Bearer " + key))
                .willReturn(
                    FakeModelScope.error(
                        401,
                        "{\"success\":false,\"code\":\"Unauthorized\",\"message\":\"bad"
                            + " token\"}")));
    User user = User.fresh("zh-CN");

    Interaction sent = discord.slashCommand(user, Map.of("api_key", key, "balance_only", true));

    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertEquals("ModelScope 魔粒余额（免费查询）", embed.get("title").getAsString());
    String description = embed.get("description").getAsString();
    assertTrue(description.contains("无法读取魔粒余额：**密钥无效**"), description);
    assertEquals(QuotaEmbed.RED, embed.get("color").getAsInt());
    assertEquals(0, modelScope.probesWith(key));
  }

  @Test
  void readsOnlyTheBalanceWhenTheFormsModelsFieldIsEmptied() {
    String key = "ms-balance0only0form0key0d9e0";
    User user = User.fresh("en-US");

    Interaction command = discord.slashCommand(user, Map.of());

    SentForm modal = discord.awaitForm(command);
    JsonObject models = modal.input("models");
    assertEquals(QWEN + "\n" + DEEPSEEK, models.get("value").getAsString());
    assertFalse(models.get("required").getAsBoolean());
    assertTrue(models.get("placeholder").getAsString().contains("魔粒 balance"));

    Map<String, String> values = new LinkedHashMap<>();
    values.put("api_key", key);
    values.put("models", "");
    String formId = modal.id();
    Interaction submitted = discord.modalSubmit(user, formId, values);

    JsonObject embed = embedOf(discord.awaitOriginalEdit(submitted));
    assertEquals("ModelScope 魔粒 balance (free check)", embed.get("title").getAsString());
    assertTrue(embed.get("description").getAsString().contains("**250** available"));
    assertFalse(embed.get("description").getAsString().contains("ignored"));
    assertEquals(1, balanceReads(key));
    assertEquals(0, modelScope.probesWith(key), "an emptied models field must not call any model");
  }

  @Test
  void opensTheFormWithAnEmptyModelsFieldForBalanceOnlyWithoutAKey() {
    User user = User.fresh("en-US");

    Interaction command = discord.slashCommand(user, Map.of("models", QWEN, "balance_only", true));

    JsonObject models = discord.awaitForm(command).input("models");
    assertTrue(
        !models.has("value") || models.get("value").getAsString().isEmpty(), models.toString());
  }

  @Test
  void answersInChineseWhenTheUsersDiscordIsInChinese() {
    User user = User.fresh("zh-CN");

    Interaction sent = discord.slashCommand(user, Map.of("api_key", KEY, "models", QWEN));

    JsonObject embed = embedOf(discord.awaitOriginalEdit(sent));
    assertEquals("ModelScope 额度", embed.get("title").getAsString());
    String value =
        embed.getAsJsonArray("fields").get(0).getAsJsonObject().get("value").getAsString();
    assertTrue(value.contains("账户: 1200 / 2000"), value);
  }

  @Test
  void asksForTheKeyInAFormAndRunsTheSameQueryWhenItIsSubmitted() {
    User user = User.fresh("en-US");

    Interaction command = discord.slashCommand(user, Map.of("models", QWEN));

    SentForm modal = discord.awaitForm(command);
    // no provider chosen: the bare id, so the key typed picks the provider by its prefix
    assertEquals(QuotaModal.ID, modal.id());
    assertEquals(QWEN, modal.value("models"));
    // the product knows more providers than one select holds: two selects, then the fields
    assertEquals(
        List.of("provider", "provider_more", "api_key", "base_url", "models"), modal.inputIds());
    assertFalse(modal.toString().contains(KEY));

    Map<String, String> values = new LinkedHashMap<>();
    values.put("api_key", KEY);
    values.put("models", QWEN);
    Interaction submitted = discord.modalSubmit(user, QuotaModal.ID, values);

    discord.awaitPrivateDeferral(submitted);
    JsonArray fields = embedOf(discord.awaitOriginalEdit(submitted)).getAsJsonArray("fields");
    assertEquals(1, fields.size());
    assertTrue(fields.get(0).getAsJsonObject().get("value").getAsString().contains("1200 / 2000"));
  }

  @Test
  void runsAFormLeftOpenFromAVersionBeforeProvidersForTheDefaultProvider() {
    User user = User.fresh("en-US");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("api_key", KEY);
    values.put("models", QWEN);

    Interaction submitted = discord.modalSubmit(user, QuotaModal.ID, values);

    JsonObject embed = embedOf(discord.awaitOriginalEdit(submitted));
    assertEquals("ModelScope quota", embed.get("title").getAsString());
    assertTrue(
        embed
            .getAsJsonArray("fields")
            .get(0)
            .getAsJsonObject()
            .get("name")
            .getAsString()
            .contains(QWEN));
  }

  @Test
  void suggestsMatchingModelsFromTheDefaultsAndModelScopesListCompletingTheLastItem() {
    User user = User.fresh("en-US");

    Interaction typed = discord.autocomplete(user, DEEPSEEK + ",qwen");

    JsonObject answer = discord.awaitCallback(typed);
    assertEquals(8, answer.get("type").getAsInt());
    List<String> values = new ArrayList<>();
    for (JsonElement choice : answer.getAsJsonObject("data").getAsJsonArray("choices")) {
      values.add(choice.getAsJsonObject().get("value").getAsString());
    }
    assertEquals(
        List.of(
            DEEPSEEK + "," + QWEN,
            DEEPSEEK + ",Qwen/Qwen3-235B-A22B",
            DEEPSEEK + ",Qwen/Qwen2.5-72B-Instruct"),
        values);

    Interaction again = discord.autocomplete(user, "glm");
    JsonArray choices =
        discord.awaitCallback(again).getAsJsonObject("data").getAsJsonArray("choices");
    assertEquals("ZhipuAI/GLM-4.6", choices.get(0).getAsJsonObject().get("value").getAsString());
    List<LoggedRequest> listRequests = modelScope.modelListRequests();
    assertEquals(1, listRequests.size(), "the model list is cached");
    assertFalse(listRequests.get(0).containsHeader("Authorization"));
  }

  @Test
  void answersACooldownMessageInsteadOfProbingAgainTooSoon() {
    User user = User.fresh("en-US");
    Interaction first = discord.slashCommand(user, Map.of("api_key", KEY, "models", QWEN));
    discord.awaitOriginalEdit(first);
    int probes = modelScope.probes().size();

    Interaction second = discord.slashCommand(user, Map.of("api_key", KEY, "models", QWEN));

    String content = discord.awaitPrivateMessage(second);
    assertTrue(content.contains("wait"));
    assertEquals(probes, modelScope.probes().size());
  }

  @Test
  void answersUnusableInputPrivatelyWithoutProbing() {
    User user = User.fresh("en-US");
    int probes = modelScope.probes().size();

    Interaction sent =
        discord.slashCommand(user, Map.of("api_key", "ms-has a space", "models", QWEN));

    String content = discord.awaitPrivateMessage(sent);
    assertTrue(content.contains("Cannot check"));
    assertEquals(probes, modelScope.probes().size());
  }

  @Test
  void aRefusalQuotingMentionsAndMarkdownPingsNobodyAndShowsThemAsTyped() {
    User user = User.fresh("en-US");

    Interaction sent =
        discord.slashCommandInGuild(
            user,
            FakeDiscord.GUILD_CHANNEL_ID,
            Map.of("api_key", KEY, "models", "**@everyone**<@123456789012345678>".repeat(8)));

    JsonObject reply = discord.awaitCallback(sent);
    assertEquals(4, reply.get("type").getAsInt());
    JsonObject data = reply.getAsJsonObject("data");
    assertEquals(64, data.get("flags").getAsInt());
    String content = data.get("content").getAsString();
    assertTrue(content.contains("\\*\\*@everyone\\*\\*<@123456789012345678>"), content);
    assertPingsNobody(data);
  }

  @Test
  void answersAFormOfAnOlderVersionPrivatelyInsteadOfLeavingItUnanswered() {
    for (String formId : List.of("quota:", "quota-form-v0", "quota:retired-provider")) {
      User user = User.fresh("en-US");

      Interaction submitted = discord.modalSubmit(user, formId, Map.of("api_key", KEY));

      String content = discord.awaitPrivateMessage(submitted);
      assertTrue(content.contains("run /quota again"), content);
    }
  }

  @Test
  void readsBalanceOnlySentAsTextAsDiscordMayWhileACommandChangeRollsOut() {
    String key = "ms-balance0only0text0key0f1a2";
    Interaction asText =
        discord.slashCommandRaw(
            User.fresh("en-US"),
            rawOptions(
                FakeDiscord.rawOption("api_key", 3, new JsonPrimitive(key), false),
                FakeDiscord.rawOption("balance_only", 3, new JsonPrimitive("True"), false)));
    Interaction unclear =
        discord.slashCommandRaw(
            User.fresh("en-US"),
            rawOptions(
                FakeDiscord.rawOption("api_key", 3, new JsonPrimitive(key), false),
                FakeDiscord.rawOption("balance_only", 4, new JsonPrimitive(1), false)));
    Interaction valueless =
        discord.slashCommandRaw(
            User.fresh("en-US"),
            rawOptions(
                FakeDiscord.rawOption("api_key", 3, new JsonPrimitive(key), false),
                FakeDiscord.rawOption("models", 4, JsonNull.INSTANCE, false)));

    JsonObject embed = embedOf(discord.awaitOriginalEdit(asText));
    assertEquals("ModelScope 魔粒 balance (free check)", embed.get("title").getAsString());
    assertEquals(
        "⚠️ Cannot check: balance\\_only must be True or False.",
        discord.awaitPrivateMessage(unclear));
    assertTrue(
        discord.awaitPrivateMessage(valueless).contains("try again in a minute"),
        discord.awaitPrivateMessage(valueless));
    assertEquals(0, modelScope.probesWith(key));
  }

  @Test
  void answersAutocompleteForAnotherOptionOrTypeWithNoChoices() {
    Interaction address =
        discord.autocompleteRaw(
            User.fresh("en-US"),
            rawOptions(FakeDiscord.rawOption("base_url", 3, new JsonPrimitive("http"), true)));
    Interaction number =
        discord.autocompleteRaw(
            User.fresh("en-US"),
            rawOptions(FakeDiscord.rawOption("models", 4, new JsonPrimitive(3), true)));

    for (Interaction sent : List.of(address, number)) {
      JsonObject answer = discord.awaitCallback(sent);
      assertEquals(8, answer.get("type").getAsInt());
      assertEquals(0, answer.getAsJsonObject("data").getAsJsonArray("choices").size());
    }
  }

  @Test
  void answersInAServerChannelToo() {
    User user = User.fresh("en-US");

    Interaction sent =
        discord.slashCommandInGuild(
            user, FakeDiscord.GUILD_CHANNEL_ID, Map.of("api_key", KEY, "models", QWEN));

    JsonObject deferred = discord.awaitCallback(sent);
    assertEquals(64, deferred.getAsJsonObject("data").get("flags").getAsInt());
    assertNotNull(embedOf(discord.awaitOriginalEdit(sent)));
  }

  @Test
  void neverLogsOrSendsTheKeyTypedAsAnOptionOrInTheForm() {
    String key = "ms-logcheck0secret0value0zz99";
    try (LogCapture logs = LogCapture.open()) {
      User optionUser = User.fresh("en-US");
      Interaction option = discord.slashCommand(optionUser, Map.of("api_key", key, "models", QWEN));
      discord.awaitOriginalEdit(option);

      User formUser = User.fresh("zh-CN");
      Interaction command = discord.slashCommand(formUser, Map.of());
      discord.awaitCallback(command);
      Map<String, String> values = new LinkedHashMap<>();
      values.put("api_key", key);
      values.put("models", "");
      Interaction form = discord.modalSubmit(formUser, "quota:modelscope", values);
      discord.awaitOriginalEdit(form);

      User balanceUser = User.fresh("en-US");
      Interaction balanceOnly =
          discord.slashCommand(
              balanceUser, Map.of("api_key", key, "models", QWEN, "balance_only", true));
      discord.awaitOriginalEdit(balanceOnly);

      // an interaction JDA itself cannot handle (a server channel it does not know): JDA logs the
      // whole payload at ERROR, which the product's logging configuration must withhold
      User lostUser = User.fresh("en-US");
      discord.slashCommandInGuild(
          lostUser, "1299999999999999999", Map.of("api_key", key, "models", QWEN));
      Await.until(
          "JDA's error line about the unhandled interaction",
          () -> logs.text().contains("INTERACTION_CREATE ->"));

      assertFalse(logs.text().contains(key), "a log line contains the key");
      assertFalse(logs.text().contains("logcheck0secret"), "a log line contains part of the key");
      assertTrue(logs.text().contains(JdaPayloadRedaction.WITHHELD));
    }
    for (LoggedRequest request : discord.allRequests()) {
      assertFalse(request.getBodyAsString().contains(key), "Discord received the key");
    }
  }

  @Test
  void keepsTheWebPageAndApiRunningBesideTheBot() throws Exception {
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(app.uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(200, health.statusCode());
  }

  private static JsonArray rawOptions(JsonObject... options) {
    JsonArray array = new JsonArray();
    for (JsonObject option : options) {
      array.add(option);
    }
    return array;
  }

  /** The message's {@code allowed_mentions} lets nothing ping: no user, role or everyone. */
  private static void assertPingsNobody(JsonObject message) {
    JsonObject allowed = message.getAsJsonObject("allowed_mentions");
    assertNotNull(allowed, "no allowed_mentions: Discord would ping every mention");
    assertEquals(0, allowed.getAsJsonArray("parse").size(), allowed.toString());
    assertFalse(allowed.has("users") && allowed.getAsJsonArray("users").size() > 0);
    assertFalse(allowed.has("roles") && allowed.getAsJsonArray("roles").size() > 0);
  }

  /** Balance reads ({@code GET /openapi/v1/magicubes/balance}) sent with this key. */
  private static int balanceReads(String key) {
    return modelScope
        .server()
        .findAll(
            getRequestedFor(urlPathEqualTo("/openapi/v1/magicubes/balance"))
                .withHeader("Authorization", equalTo("Bearer " + key)))
        .size();
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }

  private static JsonObject body(LoggedRequest request) {
    return com.google.gson.JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
  }
}
