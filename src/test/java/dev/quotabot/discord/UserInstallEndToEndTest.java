package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.Place;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /quota} installed by a person for themselves ("add to my apps"), through the real product
 * and real JDA against a fake Discord in which the bot is in no server: used in a server the bot is
 * not in (JDA builds detached entities for it) and in a group DM, it still answers privately.
 */
final class UserInstallEndToEndTest {
  private static final String KEY = "ms-user0install0secret0key0do0not0log0c4d5";
  private static final String QWEN = "Qwen/Qwen3-32B";

  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;

  @BeforeAll
  static void startEverything() {
    bot =
        BotUnderTest.start(
            Map.of("quota.default_models", QWEN, "discord.cooldown_s", "0"),
            modelScope -> {
              modelScope.quota(QWEN, 2000, 1200, 500, 100, 0);
              modelScope.models(List.of(QWEN, "Qwen/Qwen3-235B-A22B"));
            });
    discord = bot.discord();
  }

  @Test
  void registersQuotaForServerAndUserInstallsInEveryContext() {
    // GIVEN the bot connected
    // WHEN it registers its command
    JsonObject quota = discord.awaitQuotaCommand();

    // THEN guild install (0) and user install (1); guild (0), bot DM (1), group DMs (2)
    assertEquals(List.of(0, 1), ints(quota.getAsJsonArray("integration_types")));
    assertEquals(List.of(0, 1, 2), ints(quota.getAsJsonArray("contexts")));
  }

  @Test
  void answersInAServerTheBotIsNotInWithAPrivateDeferredReplyEditedInPlace() {
    // GIVEN a user who installed the app for themselves, in a server the bot is not in
    User user = User.fresh("en-US");

    // WHEN they run /quota there
    Interaction sent =
        discord.slashCommand(user, Place.FOREIGN_GUILD, Map.of("api_key", KEY, "models", QWEN));

    // THEN a deferred private reply, edited into the report
    discord.awaitPrivateDeferral(sent);
    JsonObject edited = discord.awaitOriginalEdit(sent);
    JsonObject embed = edited.getAsJsonArray("embeds").get(0).getAsJsonObject();
    assertTrue(embed.get("description").getAsString().contains("ms-…c4d5"), embed.toString());
    assertTrue(embed.getAsJsonArray("fields").get(0).toString().contains("1200 / 2000"));
    assertEquals(1, discord.callbacks(sent).size(), "one answer, edited in place");
    assertFalse(edited.toString().contains(KEY));
  }

  @Test
  void answersInAGroupDm() {
    // GIVEN a user who installed the app for themselves, in a group DM
    User user = User.fresh("en-US");

    // WHEN they run /quota there
    Interaction sent =
        discord.slashCommand(user, Place.GROUP_DM, Map.of("api_key", KEY, "models", QWEN));

    // THEN it is answered privately
    discord.awaitPrivateDeferral(sent);
    assertTrue(discord.awaitOriginalEdit(sent).getAsJsonArray("embeds").size() == 1);
  }

  @Test
  void asksForTheKeyInAFormAndAnswersItInAServerTheBotIsNotIn() {
    // GIVEN a user in a server the bot is not in
    User user = User.fresh("zh-CN");

    // WHEN they run /quota without a key, are shown the form (awaitForm checks it), and submit it
    Interaction command = discord.slashCommand(user, Place.FOREIGN_GUILD, Map.of());
    String formId = discord.awaitForm(command).id();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("api_key", KEY);
    values.put("models", QWEN);
    Interaction submitted = discord.modalSubmit(user, Place.FOREIGN_GUILD, formId, values);

    // THEN its answer is private
    discord.awaitPrivateDeferral(submitted);
    assertEquals(1, discord.awaitOriginalEdit(submitted).getAsJsonArray("embeds").size());
  }

  @Test
  void suggestsModelsInAServerTheBotIsNotIn() {
    // GIVEN a user in a server the bot is not in
    User user = User.fresh("en-US");

    // WHEN they type into models
    Interaction typed = discord.autocomplete(user, Place.FOREIGN_GUILD, "qwen3-2");

    // THEN suggestions come
    JsonObject answer = discord.awaitCallback(typed);
    assertEquals(8, answer.get("type").getAsInt());
    assertTrue(answer.getAsJsonObject("data").getAsJsonArray("choices").size() > 0);
  }

  @Test
  void opensTheFormFromAnAnswersButtonInAServerTheBotIsNotIn() {
    // GIVEN an answer in a server the bot is not in
    User user = User.fresh("en-US");
    Interaction sent =
        discord.slashCommand(user, Place.FOREIGN_GUILD, Map.of("api_key", KEY, "models", QWEN));
    String again = firstButtonId(discord.awaitOriginalEdit(sent));

    // WHEN its Check again button is clicked there
    Interaction click = discord.buttonClick(user, Place.FOREIGN_GUILD, again);

    // THEN the form opens
    discord.awaitForm(click);
  }

  @Test
  void neverLogsTheKeyOfAUserInstallInteraction() {
    // GIVEN every log line captured
    LogCapture logs = LogCapture.open();
    User user = User.fresh("en-US");

    // WHEN a user-install interaction from a server the bot is not in is answered
    Interaction sent =
        discord.slashCommand(user, Place.FOREIGN_GUILD, Map.of("api_key", KEY, "models", QWEN));
    discord.awaitOriginalEdit(sent);

    // THEN no line holds the key or part of it
    logs.assertNoKeyAndClose(List.of(KEY));
  }

  private static String firstButtonId(JsonObject edited) {
    JsonArray rows = edited.getAsJsonArray("components");
    JsonObject button =
        rows.get(0).getAsJsonObject().getAsJsonArray("components").get(0).getAsJsonObject();
    return button.get("custom_id").getAsString();
  }

  private static List<Integer> ints(JsonArray array) {
    List<Integer> values = new ArrayList<>();
    for (JsonElement element : array) {
      values.add(element.getAsInt());
    }
    values.sort(null);
    return values;
  }
}
