package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.FakeModelScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bot in every language it speaks, real JDA against the fake Discord: the command it registers
 * carries every language's description and option names ({@link CommandLocalization}), and a rich
 * answer comes back in the user's language ({@link BotText}) within Discord's limits.
 */
final class LanguagesEndToEndTest {
  private static final String KEY = "ms-lang0secret0key0do0not0log0c3d4";
  private static final List<String> LOCALES = List.of("zh-CN", "zh-TW", "ja", "ko");

  /** What Discord accepts as an option name, in any language. */
  private static final Pattern OPTION_NAME = Pattern.compile("[-_\\p{L}\\p{N}]{1,32}");

  private static final Pattern SLOT = Pattern.compile("\\{[a-z][a-z0-9_]*}");

  /** Ok, silent (no numbers: a note) and refused (an error) models, more than the fields hold. */
  private static final List<String> MODELS = new ArrayList<>();

  @AutoClose private static BotUnderTest bot;

  @BeforeAll
  static void start() {
    for (int i = 0; i < 36; i++) {
      MODELS.add("Org/Model-" + i);
    }
    bot =
        BotUnderTest.start(
            Map.of(),
            modelScope -> {
              modelScope.balance(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      FakeModelScope.BALANCE_250));
              for (int i = 0; i < MODELS.size(); i++) {
                String model = MODELS.get(i);
                switch (i % 3) {
                  case 0 -> modelScope.quota(model, 2000, 1200 - i, 500, 100 + i, 0);
                  case 1 -> modelScope.noHeaders(model, 0);
                  default -> modelScope.limitReached(model, 0);
                }
              }
            });
  }

  @Test
  void registersTheCommandsDescriptionInEveryLanguage() {
    JsonObject quota = bot.discord().awaitQuotaCommand();

    assertLocalized(quota, "description_localizations", quota.get("description"));
  }

  @Test
  void registersEveryOptionsDescriptionInEveryLanguage() {
    JsonArray options = bot.discord().awaitQuotaOptions();

    assertEquals(5, options.size());
    for (JsonElement option : options) {
      JsonObject described = option.getAsJsonObject();
      assertLocalized(described, "description_localizations", described.get("description"));
    }
  }

  @Test
  void registersTheProviderAndRelayAddressOptionNamesInEveryLanguageAsDiscordAllowsThem() {
    JsonArray options = bot.discord().awaitQuotaOptions();

    for (JsonElement option : options) {
      JsonObject named = option.getAsJsonObject();
      String name = named.get("name").getAsString();
      JsonObject names = named.getAsJsonObject("name_localizations");
      if (Set.of("provider", "base_url").contains(name)) {
        assertLocalized(named, "name_localizations", named.get("name"));
        for (String locale : LOCALES) {
          String localized = names.get(locale).getAsString();
          assertTrue(OPTION_NAME.matcher(localized).matches(), localized);
          assertEquals(localized.toLowerCase(java.util.Locale.ROOT), localized);
        }
      } else {
        // models, api_key and balance_only are named in the bot's texts: they keep their names
        assertTrue(names == null || names.isEmpty(), named.toString());
      }
    }
  }

  @Test
  void fillsTheDefaultProvidersNameIntoEveryLanguagesProviderDescription() {
    JsonObject provider = bot.discord().awaitQuotaOption("provider");

    for (String locale : LOCALES) {
      String description =
          provider.getAsJsonObject("description_localizations").get(locale).getAsString();
      assertTrue(description.contains("ModelScope"), description);
      assertFalse(description.contains("{"), description);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "zh-CN", "zh-TW", "ja", "ko"})
  void answersARichReportInTheUsersLanguageWithinDiscordsLimits(String locale) {
    // GIVEN a user whose Discord speaks the language, checking many models: some with numbers,
    // some without (a note), some at their limit (an error), and the balance
    User user = User.fresh(locale);
    BotText text = BotText.of(net.dv8tion.jda.api.interactions.DiscordLocale.from(locale));

    // WHEN they run /quota
    Interaction sent =
        bot.discord()
            .slashCommand(user, Map.of("api_key", KEY, "models", String.join(",", MODELS)));
    JsonObject message = bot.discord().awaitOriginalEdit(sent);

    // THEN the answer is in their language: its title, its summary, its status names
    JsonObject embed = message.getAsJsonArray("embeds").get(0).getAsJsonObject();
    assertEquals(text.probedTitle("ModelScope"), embed.get("title").getAsString());
    String all = message.toString();
    assertTrue(all.contains(text.probedSummaryLine(24, MODELS.size())), all);
    assertTrue(all.contains(text.status(dev.quotabot.quota.ProbeStatus.LIMIT_REACHED, "")), all);
    // and the core's error for a model at its limit in their language too
    String limitReached =
        dev.quotabot.quota.Text.of(
                "modelscope.limit_reached",
                "status",
                429,
                "said",
                dev.quotabot.quota.Text.upstream(""))
            .in(java.util.Locale.forLanguageTag(locale));
    assertTrue(all.contains(limitReached), () -> limitReached + " not in " + all);
    // and holds no English sentence of the bot's own, nor of the core's notes and errors
    if (text != BotText.EN) {
      for (String english : englishFragments(text)) {
        assertFalse(all.contains(english), () -> "English \"" + english + "\" in " + all);
      }
      for (String english : coreEnglishFragments(java.util.Locale.forLanguageTag(locale))) {
        assertFalse(all.contains(english), () -> "English \"" + english + "\" in " + all);
      }
    }
    assertWithinEmbedLimits(message);
  }

  @Test
  void refusesUnusableInputInTheUsersLanguage() {
    // GIVEN a Korean user who pasted a key into the models list
    User user = User.fresh("ko");

    // WHEN they run /quota
    Interaction sent =
        bot.discord()
            .slashCommand(
                user, Map.of("api_key", KEY, "models", "ms-0123456789abcdef0123456789abcdef"));

    // THEN the private refusal is Korean, and shows neither key
    String content =
        bot.discord().awaitCallback(sent).getAsJsonObject("data").get("content").getAsString();
    assertEquals(Replies.refusal(BotText.KO, BotText.KO.keyInModelsProblem()), content);
    assertFalse(content.contains("0123456789abcdef"), content);
  }

  private static void assertLocalized(JsonObject json, String property, JsonElement english) {
    JsonObject localizations = json.getAsJsonObject(property);
    for (String locale : LOCALES) {
      assertTrue(localizations.has(locale), locale + " missing in " + json);
      String localized = localizations.get(locale).getAsString();
      assertNotEquals(english.getAsString(), localized, locale);
      assertTrue(localized.length() <= OptionData.MAX_DESCRIPTION_LENGTH, localized);
      assertFalse(localized.isBlank());
    }
  }

  /**
   * The English bundle's fixed wording (its texts cut at their slots) where the language says it
   * otherwise: long enough to be a phrase, not a shared word such as a unit or an option name.
   */
  private static List<String> englishFragments(BotText text) {
    Properties english = new Properties();
    try (InputStream in =
        LanguagesEndToEndTest.class.getResourceAsStream("/dev/quotabot/discord/bot.properties")) {
      english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> fragments = new ArrayList<>();
    for (String key : english.stringPropertyNames()) {
      if (text.say(key).equals(english.getProperty(key))) {
        continue;
      }
      for (String fragment : SLOT.split(english.getProperty(key))) {
        String phrase = fragment.strip();
        if (phrase.length() >= 8 && phrase.contains(" ") && !text.say(key).contains(phrase)) {
          fragments.add(phrase);
        }
      }
    }
    return fragments;
  }

  /** The core's texts that the answer can show: every area's bundle. */
  private static final List<String> CORE_AREAS =
      List.of(
          "quota",
          "net",
          "custom",
          "console",
          "modelscope",
          "headers",
          "provider",
          "relay",
          "plans");

  /** The same, for the core's texts: English phrases each area's bundle words otherwise. */
  private static List<String> coreEnglishFragments(java.util.Locale language) {
    List<String> fragments = new ArrayList<>();
    for (String area : CORE_AREAS) {
      String base =
          area.equals("quota")
              ? "dev.quotabot.quota.texts"
              : "dev.quotabot.quota." + area + ".texts";
      Properties english = properties("/" + base.replace('.', '/') + ".properties");
      java.util.ResourceBundle translated = dev.quotabot.quota.Text.bundle(base, language);
      for (String key : english.stringPropertyNames()) {
        String theirs = translated.getString(key);
        for (String fragment : SLOT.split(english.getProperty(key))) {
          String phrase = fragment.strip();
          if (phrase.length() >= 12 && phrase.contains(" ") && !theirs.contains(phrase)) {
            fragments.add(phrase);
          }
        }
      }
    }
    return fragments;
  }

  private static Properties properties(String resource) {
    Properties read = new Properties();
    try (InputStream in = LanguagesEndToEndTest.class.getResourceAsStream(resource)) {
      read.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read;
  }

  private static void assertWithinEmbedLimits(JsonObject message) {
    JsonArray embeds = message.getAsJsonArray("embeds");
    int total = 0;
    for (JsonElement element : embeds) {
      JsonObject embed = element.getAsJsonObject();
      total += length(embed, "title", MessageEmbed.TITLE_MAX_LENGTH);
      total += length(embed, "description", MessageEmbed.DESCRIPTION_MAX_LENGTH);
      if (embed.has("footer")) {
        total += length(embed.getAsJsonObject("footer"), "text", MessageEmbed.TEXT_MAX_LENGTH);
      }
      JsonArray fields = embed.has("fields") ? embed.getAsJsonArray("fields") : new JsonArray();
      assertTrue(fields.size() <= 25, "fields: " + fields.size());
      for (JsonElement field : fields) {
        total += length(field.getAsJsonObject(), "name", MessageEmbed.TITLE_MAX_LENGTH);
        total += length(field.getAsJsonObject(), "value", MessageEmbed.VALUE_MAX_LENGTH);
      }
    }
    assertTrue(total <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "embed characters: " + total);
  }

  private static int length(JsonObject json, String property, int max) {
    if (!json.has(property)) {
      return 0;
    }
    int length = json.get(property).getAsString().length();
    assertTrue(length <= max, property + " is " + length + " long, past " + max);
    return length;
  }
}
