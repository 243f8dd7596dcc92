package dev.quotabot.discord;

import static dev.quotabot.discord.DiscordInputCorpus.DEFAULTS;
import static dev.quotabot.discord.DiscordInputCorpus.MAX_MODELS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quotabot.discord.DiscordInputCorpus.Case;
import dev.quotabot.discord.DiscordInputCorpus.Expect;
import dev.quotabot.quota.AdminAccess;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.QuotaSettings;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.Text;
import dev.quotabot.support.CoreDoubles;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@link DiscordInputCorpus} (but the raw wrong-type ones, which only JDA can read)
 * through the pure functions behind the {@code /quota} handlers, in English and Chinese: the answer
 * is the one expected; a refusal is a short, clear, private message that can neither format nor
 * link; a form fits Discord's limits; an embed fits Discord's limits (title, description, 25
 * fields, 256/1024 per field, 6000 in all) and shows model names inert; suggestions fit; and no
 * secret is ever in any of them.
 */
final class DiscordInputCorpusTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final List<String> CATALOG =
      List.of(
          "Qwen/Qwen3-32B",
          "Qwen/Qwen3-235B-A22B",
          "deepseek-ai/DeepSeek-V3.1",
          "ZhipuAI/GLM-4.6",
          "moonshotai/Kimi-K2-Instruct");
  private static final Map<Expect, Integer> SEEN = new EnumMap<>(Expect.class);

  private static final QuotaSettings SETTINGS =
      new QuotaSettings(DEFAULTS, MAX_MODELS, Duration.ofSeconds(1), Duration.ofSeconds(2), 10);

  private final QuotaService service =
      TestProviders.service(SETTINGS, CoreDoubles.catalog(CATALOG));
  private final QuotaOptions options = new QuotaOptions(service);
  private final QuotaModal modal =
      new QuotaModal(
          options,
          new QuotaReply(
              service, new Cooldown(Duration.ZERO, System::nanoTime), new PendingReplies()));
  private final ModelAutocomplete autocomplete = new ModelAutocomplete(service);

  /** What the bot answers. */
  private sealed interface Outcome permits Refused, Form, Checked, Suggested {
    Expect kind();
  }

  private record Refused(String message) implements Outcome {
    public Expect kind() {
      return Expect.REFUSED;
    }
  }

  private record Form(Modal modal) implements Outcome {
    public Expect kind() {
      return Expect.FORM;
    }
  }

  private record Checked(QuotaOptions.Ready ready, MessageEmbed embed) implements Outcome {
    public Expect kind() {
      return Expect.CHECKED;
    }
  }

  private record Suggested(List<Command.Choice> choices) implements Outcome {
    public Expect kind() {
      return Expect.SUGGESTED;
    }
  }

  @AfterAll
  static void printTally() {
    System.out.println("Discord input corpus (unit, per language): " + SEEN);
  }

  @TestFactory
  Stream<DynamicTest> everyValueGetsAClearPrivateAnswerThatFitsDiscord() {
    List<Case> corpus = DiscordInputCorpus.all();
    Set<String> names = new LinkedHashSet<>();
    corpus.forEach(c -> assertTrue(names.add(c.displayName()), "two cases named " + c.name()));
    List<Case> pure = corpus.stream().filter(c -> c.raw() == null).toList();
    assertTrue(pure.size() >= 200, "corpus too small: " + pure.size());
    return pure.stream().map(c -> DynamicTest.dynamicTest(c.displayName(), () -> check(c)));
  }

  private void check(Case c) {
    for (BotText text : BotText.values()) {
      Outcome outcome = outcome(c, text);
      synchronized (SEEN) {
        SEEN.merge(outcome.kind(), 1, Integer::sum);
      }
      if (c.expect() != Expect.ANY) {
        assertEquals(c.expect(), outcome.kind(), describe(outcome));
      }
      if (outcome instanceof Refused refused) {
        assertClearRefusal(refused.message());
      } else if (outcome instanceof Form form) {
        assertFormFits(form.modal());
      } else if (outcome instanceof Checked checked) {
        assertEmbedFits(checked);
      } else {
        assertSuggestionsFit(((Suggested) outcome).choices());
      }
    }
  }

  // --- what the handlers do, with the same functions ---

  private Outcome outcome(Case c, BotText text) {
    return switch (c.surface()) {
      case COMMAND -> command(c, text);
      case FORM -> form(c, text);
      case AUTOCOMPLETE ->
          new Suggested(
              autocomplete
                  .suggestions(
                      service.provider(c.string("provider")).orElse(null), c.string("models"))
                  .join());
    };
  }

  /** As {@link QuotaCommand}: check the options; without a key, check the rest, then the form. */
  private Outcome command(Case c, BotText text) {
    String models = c.string("models");
    boolean balanceOnly = c.flag("balance_only");
    QuotaOptions.Target target = QuotaOptions.Target.of(c.string("provider"), c.string("base_url"));
    QuotaOptions.Parsed parsed = options.parse(c.string("api_key"), models, balanceOnly, target);
    if (parsed instanceof QuotaOptions.NeedsKey) {
      QuotaOptions.Invalid problem = options.problemBeforeForm(models, balanceOnly, target);
      return problem != null
          ? new Refused(Replies.refusal(text, problem.problem(text)))
          : new Form(modal.forCommand(text, target, models, balanceOnly));
    }
    ProviderInfo provider = options.provider(target).orElse(service.defaultProvider());
    return answer(parsed, text, QuotaModal.keyMissing(text, provider));
  }

  /** As {@link QuotaModal}: the form's id names the provider (or none), its fields the rest. */
  private Outcome form(Case c, BotText text) {
    Optional<ProviderInfo> provider = modal.providerOf(c.modalId());
    if (provider.isEmpty()) {
      return new Refused(text.formOutdated());
    }
    return answer(
        modal.parse(c.modalId(), c::string).orElseThrow(),
        text,
        QuotaModal.keyMissing(text, provider.get()));
  }

  private Outcome answer(QuotaOptions.Parsed parsed, BotText text, String keyMissing) {
    if (parsed instanceof QuotaOptions.Ready ready) {
      return new Checked(ready, render(ready, text));
    }
    if (parsed instanceof QuotaOptions.Invalid invalid) {
      return new Refused(Replies.refusal(text, invalid.problem(text)));
    }
    return new Refused(keyMissing);
  }

  /**
   * The embed for a report on exactly the models asked, their rows echoing names upstream-style.
   */
  private MessageEmbed render(QuotaOptions.Ready ready, BotText text) {
    QuotaQuery query = ready.query();
    List<ModelQuota> rows = new ArrayList<>();
    for (int i = 0; i < query.models().size(); i++) {
      String model = query.models().get(i);
      rows.add(
          switch (i % 4) {
            case 0 ->
                new ModelQuota(
                    model, new RateLimits(2000L, 1200L, 500L, 100L), ProbeStatus.OK, null, null, 9);
            case 1 ->
                ModelQuota.failed(
                    model,
                    ProbeStatus.MODEL_UNAVAILABLE,
                    Text.upstream("Model id : " + model + " , has no provider supported"),
                    9);
            case 2 ->
                ModelQuota.failed(
                    model, ProbeStatus.LIMIT_REACHED, Text.upstream("**" + model + "**"), 9);
            default ->
                new ModelQuota(
                    model,
                    RateLimits.UNKNOWN,
                    ProbeStatus.NO_QUOTA_HEADERS,
                    null,
                    Text.upstream("n/a"),
                    9);
          });
    }
    ProviderInfo provider = service.provider(query.provider()).orElseThrow();
    QuotaReport report =
        provider.can(Capability.PROBES_MODELS)
            ? new QuotaReport(
                provider,
                query.key().fingerprint(),
                CoreDoubles.BALANCE,
                rows,
                NOW,
                OffsetDateTime.parse("2025-03-02T00:00+08:00"))
            : new QuotaReport(
                provider, query.key().fingerprint(), CoreDoubles.RELAY_ACCOUNT, rows, NOW, null);
    return QuotaEmbed.render(report, text, ready.modelsIgnored(), ready.providerFromKey());
  }

  // --- the checks ---

  /** Short, private-message sized, says what to do, shows no internals, cannot format or link. */
  static void assertClearRefusal(String message) {
    assertNotNull(message);
    assertFalse(message.isBlank(), "blank message");
    assertTrue(message.startsWith("⚠️"), message);
    assertTrue(message.length() <= 1000, "message too long: " + message.length());
    assertNoSecret(message);
    for (String internal :
        List.of("Exception", "java.", "net.dv8tion", "\tat ", ".java:", "null", "{\"")) {
      assertFalse(message.contains(internal), "internals shown: " + message);
    }
    assertInert(message);
  }

  private static void assertFormFits(Modal form) {
    assertTrue(form.getId().length() <= Modal.MAX_ID_LENGTH, form.getId());
    assertTrue(form.getTitle().length() <= Modal.MAX_TITLE_LENGTH, form.getTitle());
    assertTrue(form.getComponents().size() <= Modal.MAX_COMPONENTS);
    for (var component : form.getComponents()) {
      if (component.asLabel().getChild().getType() != Component.Type.TEXT_INPUT) {
        continue; // the provider select(s): ProviderPickerTest
      }
      TextInput input = component.asLabel().getChild().asTextInput();
      String value = input.getValue();
      assertTrue(
          value == null || (!value.isBlank() && value.length() <= TextInput.MAX_VALUE_LENGTH),
          input.getCustomId() + " holds " + (value == null ? 0 : value.length()) + " chars");
    }
    assertNoSecret(form.toData().toString());
  }

  private static void assertEmbedFits(Checked checked) {
    MessageEmbed embed = checked.embed();
    QuotaQuery query = checked.ready().query();
    assertTrue(query.models().size() <= MAX_MODELS, "models: " + query.models().size());
    AdminAccess admin = query.admin();
    if (admin != null) {
      assertTrue(admin.userId().matches("[0-9]{1,20}"), "user_id sent as " + admin.userId());
    }
    assertTrue(embed.isSendable(), "not sendable: " + embed.getLength());
    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "" + embed.getLength());
    assertTrue(embed.getTitle().length() <= MessageEmbed.TITLE_MAX_LENGTH);
    assertTrue(embed.getDescription().length() <= MessageEmbed.DESCRIPTION_MAX_LENGTH);
    assertTrue(embed.getFields().size() <= MessageEmbed.MAX_FIELD_AMOUNT);
    assertTrue(embed.getFooter().getText().length() <= MessageEmbed.TEXT_MAX_LENGTH);
    for (MessageEmbed.Field field : embed.getFields()) {
      assertFalse(field.getName().isBlank(), "blank field name");
      assertFalse(field.getValue().isBlank(), "blank field value");
      assertTrue(field.getName().length() <= MessageEmbed.TITLE_MAX_LENGTH, field.getName());
      assertTrue(field.getValue().length() <= MessageEmbed.VALUE_MAX_LENGTH);
    }
    // a model name is shown as typed, never as formatting or a link
    for (MessageEmbed.Field field : embed.getFields()) {
      String name = field.getName();
      assertInert(name.substring(name.indexOf(' ') + 1));
    }
    assertNoSecret(embed.toData().toString());
  }

  private static void assertSuggestionsFit(List<Command.Choice> choices) {
    assertTrue(choices.size() <= OptionData.MAX_CHOICES);
    for (Command.Choice choice : choices) {
      assertTrue(choice.getName().length() <= OptionData.MAX_CHOICE_NAME_LENGTH);
      assertTrue(choice.getAsString().length() <= OptionData.MAX_CHOICE_VALUE_LENGTH);
      assertFalse(choice.getName().isBlank());
      assertNoSecret(choice.getName() + " " + choice.getAsString());
    }
  }

  static void assertNoSecret(String shown) {
    for (String marker : DiscordInputCorpus.SECRET_MARKERS) {
      assertFalse(shown.contains(marker), "a secret is shown: " + shorten(shown));
    }
  }

  /**
   * No Markdown token can take effect: every {@code * _ `}, every doubled {@code | ~} and every
   * bracket (a masked link) is escaped with a backslash.
   */
  static void assertInert(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      boolean doubled = (c == '|' || c == '~') && i + 1 < text.length() && text.charAt(i + 1) == c;
      if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || doubled) {
        fail("unescaped '" + c + "' at " + i + " in: " + shorten(text));
      }
    }
  }

  private static String describe(Outcome outcome) {
    if (outcome instanceof Refused refused) {
      return "refused: " + shorten(refused.message());
    }
    if (outcome instanceof Form form) {
      return "form " + form.modal().getId();
    }
    if (outcome instanceof Checked checked) {
      return "checked " + checked.ready().query();
    }
    return ((Suggested) outcome).choices().size() + " suggestions";
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
