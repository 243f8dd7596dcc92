package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeBalanceUpstream;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import dev.quotabot.support.SentForm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The buttons under an answer, through the real product and real JDA against a fake Discord, with
 * WireMock playing ModelScope, DeepSeek and a new-api relay. Every test uses its own user; the
 * cooldown is short, and a test that clicks after an answer first waits it out.
 */
final class AnswerButtonsEndToEndTest {
  private static final String KEY = "ms-buttons0secret0key0do0not0log0e6f7";
  private static final String DEEPSEEK_KEY = "sk-buttons0deepseek0key0do0not0log0a1c3";
  private static final String RELAY_KEY = "sk-buttons0relay0key0do0not0log0b2d4";
  private static final String QWEN = "Qwen/Qwen3-32B";
  private static final String DEEPSEEK = "deepseek-ai/DeepSeek-V3.1";
  private static final String KIMI = "moonshotai/Kimi-K2-Instruct";
  private static final Duration COOLDOWN = Duration.ofSeconds(2);
  private static final Pattern CUSTOM_ID = Pattern.compile("quota:(again|balance|probe):\\w{16}");

  private static FakeBalanceUpstream upstream;
  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;

  @BeforeAll
  static void startEverything() {
    upstream = FakeBalanceUpstream.start();
    upstream.deepSeekBalances(DEEPSEEK_KEY, List.of("CNY"));
    upstream.newApiKey(RELAY_KEY, List.of());
    bot =
        BotUnderTest.builder()
            .balanceUpstream(upstream)
            .property("quota.default_models", QWEN + "," + DEEPSEEK)
            .property("discord.cooldown_s", Long.toString(COOLDOWN.toSeconds()))
            .modelScope(
                modelScope -> {
                  modelScope.quota(QWEN, 2000, 1200, 500, 100, 0);
                  modelScope.noHeaders(DEEPSEEK, 0);
                  modelScope.limitReached(KIMI, 0);
                })
            .start();
    discord = bot.discord();
  }

  @Test
  void putsCheckAgainBalanceOnlyAndProbeWithItsCostUnderTheAnswer() {
    // GIVEN a user
    User user = User.fresh("en-US");

    // WHEN they check two ModelScope models
    Interaction sent =
        discord.slashCommand(user, Map.of("api_key", KEY, "models", QWEN + "," + KIMI));

    // THEN one row of three buttons sits under the embed, the probe's saying what it may cost
    JsonObject edited = discord.awaitOriginalEdit(sent);
    assertEquals(1, edited.getAsJsonArray("embeds").size());
    assertEquals(
        List.of("Check again", "Balance only (free)", "Probe 2 models (≤ 4 魔粒)"), labels(edited));
    for (String id : customIds(edited)) {
      assertTrue(CUSTOM_ID.matcher(id).matches(), id);
      assertTrue(id.length() <= 100, id);
    }
  }

  @Test
  void answersInChineseWithChineseButtons() {
    // GIVEN a user whose Discord is in Chinese
    User user = User.fresh("zh-CN");

    // WHEN they check the balance only
    Interaction sent = discord.slashCommand(user, Map.of("api_key", KEY, "balance_only", true));

    // THEN the buttons are in Chinese; the probe's counts the default models it will start with
    assertEquals(
        List.of("再查一次", "仅查余额（免费）", "检测 2 个模型（≤ 4 魔粒）"), labels(discord.awaitOriginalEdit(sent)));
  }

  @Test
  void checkAgainOpensTheFormWithTheAnswersModelsAndAnEmptyKey() {
    // GIVEN an answer for two models, and the cooldown over
    User user = User.fresh("en-US");
    JsonObject answer = answered(user, Map.of("api_key", KEY, "models", QWEN + "," + KIMI));

    // WHEN Check again is clicked
    SentForm modal = clicked(user, customIds(answer).get(0));

    // THEN the provider's form opens with those models, and no key
    assertEquals("quota:modelscope", modal.id());
    assertEquals(QWEN + "\n" + KIMI, modal.value("models"));
    assertEquals("", modal.value("api_key"));
  }

  @Test
  void balanceOnlyOpensTheFormWithTheModelsFieldEmpty() {
    // GIVEN an answer for two models, and the cooldown over
    User user = User.fresh("en-US");
    JsonObject answer = answered(user, Map.of("api_key", KEY, "models", QWEN + "," + KIMI));

    // WHEN Balance only is clicked
    SentForm modal = clicked(user, customIds(answer).get(1));

    // THEN the form's models field is empty (the free check), and so is the key
    assertEquals("", modal.value("models"));
    assertEquals("", modal.value("api_key"));
  }

  @Test
  void probeAfterABalanceOnlyAnswerOpensTheFormWithTheDefaultModels() {
    // GIVEN a balance-only answer, and the cooldown over
    User user = User.fresh("en-US");
    JsonObject answer = answered(user, Map.of("api_key", KEY, "balance_only", true));

    // WHEN Probe is clicked
    SentForm modal = clicked(user, customIds(answer).get(2));

    // THEN the form starts with the provider's default models, and no key
    assertEquals(QWEN + "\n" + DEEPSEEK, modal.value("models"));
    assertEquals("", modal.value("api_key"));
  }

  @Test
  void probeOpensTheFormWithTheAnswersModels() {
    // GIVEN an answer for one model, and the cooldown over
    User user = User.fresh("en-US");
    JsonObject answer = answered(user, Map.of("api_key", KEY, "models", KIMI));

    // WHEN Probe is clicked
    SentForm modal = clicked(user, customIds(answer).get(2));

    // THEN the form starts with that model
    assertEquals(KIMI, modal.value("models"));
  }

  @Test
  void offersOnlyCheckAgainForAProviderThatProbesNoModel() {
    // GIVEN a DeepSeek answer (a balance, no model probed), and the cooldown over
    User user = User.fresh("en-US");
    JsonObject answer = answered(user, Map.of("provider", "deepseek", "api_key", DEEPSEEK_KEY));

    // WHEN its one button is clicked
    assertEquals(List.of("Check again"), labels(answer));
    SentForm modal = clicked(user, customIds(answer).get(0));

    // THEN DeepSeek's form opens, with only the (empty) key field
    assertEquals("quota:deepseek", modal.id());
    assertEquals("", modal.value("api_key"));
  }

  @Test
  void checkAgainFillsInTheRelaysAddress() {
    // GIVEN a relay's answer, and the cooldown over
    User user = User.fresh("en-US");
    JsonObject answer =
        answered(
            user,
            Map.of("provider", "newapi", "base_url", upstream.url() + "/v1", "api_key", RELAY_KEY));

    // WHEN Check again is clicked
    SentForm modal = clicked(user, customIds(answer).get(0));

    // THEN the relay's form starts with its address as the core normalized it
    assertEquals("quota:newapi", modal.id());
    assertEquals(upstream.url(), modal.value("base_url"));
    assertEquals("", modal.value("api_key"));
  }

  @Test
  void anExpiredButtonSaysSoPrivately() {
    // GIVEN a button whose answer is not remembered (24 hours passed, or the bot restarted)
    User user = User.fresh("en-US");

    // WHEN it is clicked
    Interaction click = discord.buttonClick(user, "quota:again:AbCdEfGh12345678");

    // THEN a private message says it expired and what to do
    String content = discord.awaitPrivateMessage(click);
    assertTrue(content.contains("expired"), content);
    assertTrue(content.contains("run /quota again"), content);
  }

  @Test
  void anotherUsersClickGetsAPrivateMessageAndNothingOfTheOwners() {
    // GIVEN someone's answer
    User owner = User.fresh("en-US");
    Interaction sent = discord.slashCommand(owner, Map.of("api_key", KEY, "models", KIMI));
    String again = customIds(discord.awaitOriginalEdit(sent)).get(0);

    // WHEN another user clicks its button
    Interaction click = discord.buttonClick(User.fresh("en-US"), again);

    // THEN they are told privately it is not theirs, and see nothing of the owner's check
    String content = discord.awaitPrivateMessage(click);
    assertTrue(content.contains("another person"), content);
    assertFalse(content.contains(KIMI) || content.contains("e6f7"), content);
  }

  @Test
  void aMalformedButtonIdIsAnsweredAsOutOfDate() {
    for (String id :
        List.of("quota:again:short", "quota:refresh:AbCdEfGh12345678", "other", "quota:again:")) {
      // GIVEN a button id this bot never made
      User user = User.fresh("en-US");

      // WHEN it is clicked
      Interaction click = discord.buttonClick(user, id);

      // THEN the same answer as an unknown form
      assertEquals(BotText.EN.formOutdated(), discord.awaitPrivateMessage(click), id);
    }
  }

  @Test
  void aClickDuringTheCooldownSaysHowLongToWait() {
    // GIVEN an answer just given
    User user = User.fresh("en-US");
    Interaction sent = discord.slashCommand(user, Map.of("api_key", KEY, "models", KIMI));
    String again = customIds(discord.awaitOriginalEdit(sent)).get(0);

    // WHEN its button is clicked at once
    Interaction click = discord.buttonClick(user, again);

    // THEN no form: the wait, as /quota without a key says it
    assertTrue(discord.awaitPrivateMessage(click).contains("Please wait"));
  }

  @Test
  void neverPutsTheKeyOrAPartOfItInACustomIdARequestToDiscordOrALogLine() {
    // GIVEN every log line captured
    LogCapture logs = LogCapture.open();
    List<String> ids = new ArrayList<>();
    try {
      // WHEN an answer is given and each of its buttons clicked
      User user = User.fresh("en-US");
      JsonObject answer = answered(user, Map.of("api_key", KEY, "models", QWEN));
      ids.addAll(customIds(answer));
      for (String id : ids) {
        clicked(user, id);
      }
    } finally {
      logs.close();
    }

    // THEN no 8-character piece of the key is in a custom id, a request to Discord, or a log line
    List<String> places = new ArrayList<>(ids);
    for (LoggedRequest request : discord.allRequests()) {
      places.add(request.getUrl() + " " + request.getBodyAsString());
    }
    places.add(logs.text());
    for (int start = 0; start + 8 <= KEY.length(); start++) {
      String piece = KEY.substring(start, start + 8);
      for (String place : places) {
        assertFalse(place.contains(piece), "a piece of the key: " + piece);
      }
    }
  }

  /** The answer to {@code /quota} with these options, once the user's cooldown is over. */
  private static JsonObject answered(User user, Map<String, ?> options) {
    Interaction sent = discord.slashCommand(user, options);
    JsonObject answer = discord.awaitOriginalEdit(sent);
    try {
      Thread.sleep(COOLDOWN.toMillis() + 200);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError(interrupted);
    }
    return answer;
  }

  /** The form a button click opened. */
  private static SentForm clicked(User user, String customId) {
    return discord.awaitForm(discord.buttonClick(user, customId));
  }

  private static List<JsonObject> buttons(JsonObject message) {
    List<JsonObject> buttons = new ArrayList<>();
    for (JsonElement row : message.getAsJsonArray("components")) {
      assertEquals(1, row.getAsJsonObject().get("type").getAsInt());
      for (JsonElement button : row.getAsJsonObject().getAsJsonArray("components")) {
        assertEquals(2, button.getAsJsonObject().get("type").getAsInt());
        buttons.add(button.getAsJsonObject());
      }
    }
    return buttons;
  }

  private static List<String> labels(JsonObject message) {
    return buttons(message).stream().map(button -> button.get("label").getAsString()).toList();
  }

  private static List<String> customIds(JsonObject message) {
    return buttons(message).stream().map(button -> button.get("custom_id").getAsString()).toList();
  }
}
