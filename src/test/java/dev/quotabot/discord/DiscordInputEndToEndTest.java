package dev.quotabot.discord;

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
import dev.quotabot.discord.DiscordInputCorpus.Case;
import dev.quotabot.discord.DiscordInputCorpus.Expect;
import dev.quotabot.support.Await;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.LogCapture;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases of {@link DiscordInputCorpus} marked {@code endToEnd}, the raw wrong-type ones
 * included, sent through the real product and the real JDA to a fake Discord: every interaction
 * gets the answer expected, privately; a refusal is clear and inert; an embed fits Discord's
 * limits; no message lets a mention ping; no secret reaches Discord or a log line; and the bot is
 * still answering afterwards. Addresses given as base_url are never contacted (loopback and private
 * addresses are refused by the default rules), so nothing leaves the machine.
 */
final class DiscordInputEndToEndTest {
  private static final Map<Expect, Integer> SEEN = new EnumMap<>(Expect.class);

  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;
  private static LogCapture logs;

  @BeforeAll
  static void startEverything() {
    logs = LogCapture.open();
    Map<String, String> properties = new HashMap<>();
    properties.put("quota.default_models", String.join(",", DiscordInputCorpus.DEFAULTS));
    properties.put("quota.max_models", Integer.toString(DiscordInputCorpus.MAX_MODELS));
    // the operator's addresses, never reachable: no case may leave the machine
    for (String provider : List.of("deepseek", "siliconflow", "openrouter", "moonshot")) {
      properties.put("provider." + provider + ".base_url", "https://127.0.0.1:9");
    }
    bot =
        BotUnderTest.start(
            properties,
            fake -> {
              fake.quota(DiscordInputCorpus.DEFAULTS.get(0), 2000, 1200, 500, 100, 0);
              fake.models(List.of("Qwen/Qwen3-32B", "Qwen/Qwen3-235B-A22B", "ZhipuAI/GLM-4.6"));
            });
    discord = bot.discord();
  }

  @AfterAll
  static void stopEverything() {
    try {
      System.out.println("Discord input corpus (end to end): " + SEEN);
      // THEN the bot still answers an ordinary /quota
      Interaction after =
          discord.slashCommand(
              User.fresh("en-US"),
              Map.of("api_key", DiscordInputCorpus.KEY, "models", "Qwen/Qwen3-32B"));
      assertTrue(embedOf(discord.awaitOriginalEdit(after)).has("fields"));
      // THEN no secret reached Discord or a log line, and no case fell through to the generic
      // "something went wrong"
      for (LoggedRequest request : discord.allRequests()) {
        DiscordInputCorpusTest.assertNoSecret(request.getBodyAsString());
      }
      DiscordInputCorpusTest.assertNoSecret(logs.text());
      assertFalse(logs.text().contains("/quota failed"), logs.text());
      assertFalse(logs.text().contains("/quota form failed"), logs.text());
      assertFalse(logs.text().contains("Autocomplete failed"), logs.text());
    } finally {
      logs.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyInteractionGetsAPrivateClearAnswer() {
    List<Case> chosen = DiscordInputCorpus.all().stream().filter(Case::endToEnd).toList();
    assertTrue(chosen.size() >= 30, "too few end-to-end cases: " + chosen.size());
    return chosen.stream().map(c -> DynamicTest.dynamicTest(c.displayName(), () -> check(c)));
  }

  /**
   * JDA cannot even read some payloads (an autocomplete with no focused option, a string option
   * without a value) and drops them before any listener runs: they get no answer, which the bot
   * cannot change. It logs one line with the payload withheld and keeps answering.
   */
  @Test
  void aPayloadJdaCannotReadIsDroppedWithThePayloadWithheldAndTheBotKeepsAnswering() {
    int before = logs.lines().size();
    JsonArray unfocused = new JsonArray();
    unfocused.add(FakeDiscord.rawOption("models", 3, new JsonPrimitive("qw"), false));
    unfocused.add(
        FakeDiscord.rawOption("api_key", 3, new JsonPrimitive(DiscordInputCorpus.KEY), false));
    JsonArray valueless = new JsonArray();
    valueless.add(
        FakeDiscord.rawOption("api_key", 3, new JsonPrimitive(DiscordInputCorpus.KEY), false));
    valueless.add(FakeDiscord.rawOption("models", 3, JsonNull.INSTANCE, false));

    Interaction autocomplete = discord.autocompleteRaw(User.fresh("en-US"), unfocused);
    Interaction command = discord.slashCommandRaw(User.fresh("en-US"), valueless);

    Await.until(
        "JDA's two lines about the payloads it could not read",
        () ->
            logs.lines().subList(before, logs.lines().size()).stream()
                    .filter(line -> line.contains(JdaPayloadRedaction.WITHHELD))
                    .count()
                >= 2);
    Interaction next =
        discord.slashCommand(
            User.fresh("en-US"), Map.of("api_key", DiscordInputCorpus.KEY, "models", "a/b"));
    assertTrue(embedOf(discord.awaitOriginalEdit(next)).has("fields"));
    assertTrue(discord.callbacks(autocomplete).isEmpty());
    assertTrue(discord.callbacks(command).isEmpty());
  }

  private static void check(Case c) {
    User user = User.fresh(c.name().hashCode() % 2 == 0 ? "en-US" : "zh-CN");
    Interaction sent = send(c, user);

    JsonObject callback = discord.awaitCallback(sent);
    Expect kind = kindOf(callback.get("type").getAsInt());
    synchronized (SEEN) {
      SEEN.merge(kind, 1, Integer::sum);
    }
    if (c.expect() != Expect.ANY) {
      assertEquals(c.expect(), kind, callback.toString());
    }
    DiscordInputCorpusTest.assertNoSecret(callback.toString());
    JsonObject data = callback.getAsJsonObject("data");
    switch (kind) {
      case REFUSED -> {
        assertEquals(64, data.get("flags").getAsInt(), "not private");
        assertPingsNobody(data);
        DiscordInputCorpusTest.assertClearRefusal(data.get("content").getAsString());
      }
      case CHECKED -> {
        assertEquals(64, data.get("flags").getAsInt(), "not private");
        JsonObject edited = discord.awaitOriginalEdit(sent);
        assertPingsNobody(edited);
        DiscordInputCorpusTest.assertNoSecret(edited.toString());
        assertEmbedFits(embedOf(edited));
      }
      case SUGGESTED -> {
        JsonArray choices = data.getAsJsonArray("choices");
        assertTrue(choices.size() <= OptionData.MAX_CHOICES);
        for (JsonElement choice : choices) {
          String value = choice.getAsJsonObject().get("value").getAsString();
          assertTrue(value.length() <= OptionData.MAX_CHOICE_VALUE_LENGTH, value);
        }
      }
      default -> assertEquals("quota", data.get("custom_id").getAsString().split(":")[0]);
    }
  }

  private static Interaction send(Case c, User user) {
    return switch (c.surface()) {
      case COMMAND ->
          c.raw() != null
              ? discord.slashCommandRaw(user, c.raw())
              : discord.slashCommand(user, c.values());
      case FORM -> {
        Map<String, String> fields = new LinkedHashMap<>();
        c.values().forEach((id, value) -> fields.put(id, value.toString()));
        yield discord.modalSubmit(user, c.modalId(), fields);
      }
      case AUTOCOMPLETE -> {
        if (c.raw() != null) {
          yield discord.autocompleteRaw(user, c.raw());
        }
        JsonArray options = new JsonArray();
        options.add(
            FakeDiscord.rawOption("models", 3, new JsonPrimitive(c.string("models")), true));
        if (c.string("provider") != null) {
          options.add(
              FakeDiscord.rawOption("provider", 3, new JsonPrimitive(c.string("provider")), false));
        }
        yield discord.autocompleteRaw(user, options);
      }
    };
  }

  private static Expect kindOf(int callbackType) {
    return switch (callbackType) {
      case 4 -> Expect.REFUSED;
      case 5 -> Expect.CHECKED;
      case 8 -> Expect.SUGGESTED;
      case 9 -> Expect.FORM;
      default -> throw new AssertionError("unexpected callback type " + callbackType);
    };
  }

  /** Discord's embed limits, counted on the JSON the bot sent. */
  private static void assertEmbedFits(JsonObject embed) {
    int total = 0;
    String title = text(embed, "title");
    String description = text(embed, "description");
    assertTrue(title.length() <= MessageEmbed.TITLE_MAX_LENGTH, title);
    assertTrue(description.length() <= MessageEmbed.DESCRIPTION_MAX_LENGTH);
    total += title.length() + description.length();
    if (embed.has("footer")) {
      String footer = text(embed.getAsJsonObject("footer"), "text");
      assertTrue(footer.length() <= MessageEmbed.TEXT_MAX_LENGTH);
      total += footer.length();
    }
    JsonArray fields = embed.has("fields") ? embed.getAsJsonArray("fields") : new JsonArray();
    assertTrue(fields.size() <= MessageEmbed.MAX_FIELD_AMOUNT, "fields: " + fields.size());
    for (JsonElement each : fields) {
      String name = text(each.getAsJsonObject(), "name");
      String value = text(each.getAsJsonObject(), "value");
      assertFalse(name.isBlank());
      assertFalse(value.isBlank());
      assertTrue(name.length() <= MessageEmbed.TITLE_MAX_LENGTH, name);
      assertTrue(value.length() <= MessageEmbed.VALUE_MAX_LENGTH);
      DiscordInputCorpusTest.assertInert(name.substring(name.indexOf(' ') + 1));
      total += name.length() + value.length();
    }
    assertTrue(total <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "embed of " + total + " chars");
  }

  /** No mention in the message may ping: Discord is told to parse none. */
  private static void assertPingsNobody(JsonObject message) {
    JsonObject allowed = message.getAsJsonObject("allowed_mentions");
    assertNotNull(allowed, "no allowed_mentions: Discord would ping every mention");
    assertEquals(0, allowed.getAsJsonArray("parse").size(), allowed.toString());
  }

  private static String text(JsonObject object, String name) {
    return object.has(name) && !object.get(name).isJsonNull() ? object.get(name).getAsString() : "";
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }
}
