package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import org.jspecify.annotations.Nullable;

/**
 * The form {@code /quota} shows when no key was given, so the key is typed into a private form
 * rather than the command line; submitting it runs the same query. Which fields it holds follows
 * what the provider declares: the key always; the address of a provider that needs one (pre-filled
 * with what was typed); the models of a provider that probes them (starting out with the models
 * typed, or else its defaults, so submitting it untouched checks what the command would, and
 * emptied asks for the free balance-only check; for a provider that reads no balance it is
 * required) or that looks for them in the key's list (empty: the models the key may use); and the
 * optional admin user id and access token of a provider that reads a wallet with them (5 inputs at
 * most, Discord's limit). The models field of a provider that declares what a probe costs says it
 * (at most so much per model, and for the models it starts with), before anything is sent.
 *
 * <p>The form's id is {@code quota:<provider id>} when a provider was chosen; nothing typed is
 * carried in it, and never a secret. When none was, the form is the default provider's under the
 * bare id {@code quota} (as forms left open from a version before providers are): the key typed
 * then picks the provider by its prefix ({@link QuotaOptions#providerFor}), so a key is only ever
 * sent to the provider it names, and a models field left as it started (the default provider's
 * models) means that provider's own defaults. An id naming no provider this bot knows is answered
 * as out of date.
 */
final class QuotaModal extends ListenerAdapter {
  static final String ID = "quota";
  static final String KEY_INPUT = "api_key";
  static final String MODELS_INPUT = "models";
  static final String BASE_URL_INPUT = "base_url";
  static final String USER_ID_INPUT = "user_id";
  static final String ACCESS_TOKEN_INPUT = "access_token";
  static final int MODELS_MAX_LENGTH = TextInput.MAX_VALUE_LENGTH;
  static final int BASE_URL_MAX_LENGTH = 300;
  static final int USER_ID_MAX_LENGTH = QueryInput.MAX_USER_ID_LENGTH;

  private static final String ID_SEPARATOR = ":";

  private final QuotaOptions options;
  private final QuotaReply reply;

  QuotaModal(QuotaOptions options, QuotaReply reply) {
    this.options = options;
    this.reply = reply;
  }

  /**
   * The form for what the command named: the chosen provider's, or, when none was chosen, the
   * default provider's under the bare id, so the key's prefix picks the provider.
   *
   * @throws java.util.NoSuchElementException for a provider the checks before the form refused
   */
  Modal forCommand(
      BotText text, QuotaOptions.Target target, @Nullable String modelsTyped, boolean balanceOnly) {
    ProviderInfo provider = options.provider(target).orElseThrow();
    return target.chosen()
        ? build(text, provider, modelsTyped, balanceOnly, target.baseUrl())
        : build(text, provider, ID, modelsTyped, balanceOnly, target.baseUrl());
  }

  /**
   * The form for {@code provider}, chosen, with the fields it takes.
   *
   * @param modelsTyped the models typed on the command line, or null
   * @param balanceOnly the user asked for the balance only: the models field starts out empty
   * @param baseUrlTyped the address typed on the command line, or null
   */
  Modal build(
      BotText text,
      ProviderInfo provider,
      @Nullable String modelsTyped,
      boolean balanceOnly,
      @Nullable String baseUrlTyped) {
    return build(text, provider, idOf(provider), modelsTyped, balanceOnly, baseUrlTyped);
  }

  private Modal build(
      BotText text,
      ProviderInfo provider,
      String id,
      @Nullable String modelsTyped,
      boolean balanceOnly,
      @Nullable String baseUrlTyped) {
    String name = QuotaEmbed.cut(provider.name(), QuotaEmbed.PROVIDER_NAME_MAX);
    String keyHint = QuotaEmbed.cut(provider.keyHint(), TextInput.MAX_PLACEHOLDER_LENGTH);
    List<Label> fields = new ArrayList<>();
    fields.add(
        Label.of(
            text.modalKeyLabel(),
            QuotaEmbed.cut(text.modalKeyDescription(name, keyHint), Label.DESCRIPTION_MAX_LENGTH),
            keyInput(keyHint)));
    if (provider.can(Capability.NEEDS_BASE_URL)) {
      String typedUrl = baseUrlTyped == null ? "" : baseUrlTyped.strip();
      TextInput.Builder baseUrl =
          TextInput.create(BASE_URL_INPUT, TextInputStyle.SHORT)
              .setRequired(true)
              .setRequiredRange(1, BASE_URL_MAX_LENGTH)
              .setPlaceholder("https://relay.example");
      if (!typedUrl.isEmpty() && typedUrl.length() <= BASE_URL_MAX_LENGTH) {
        baseUrl.setValue(typedUrl);
      }
      fields.add(
          Label.of(text.modalBaseUrlLabel(), text.modalBaseUrlDescription(), baseUrl.build()));
    }
    if (provider.can(Capability.PROBES_MODELS)) {
      String unit =
          provider.unit() == null ? null : QuotaEmbed.cut(provider.unit(), QuotaEmbed.UNIT_MAX);
      String prefill =
          balanceOnly ? "" : usable(modelsTyped) ? modelsTyped : prefill(provider.defaultModels());
      fields.add(probedModels(text, provider, unit, prefill));
    } else if (provider.can(Capability.LISTS_KEY_MODELS)) {
      String prefill = balanceOnly || !usable(modelsTyped) ? "" : modelsTyped;
      fields.add(
          Label.of(
              text.modalModelsLabel(),
              text.modalKeyModelsDescription(),
              modelsInput(text.modalKeyModelsPlaceholder(), prefill)));
    }
    if (provider.can(Capability.ADMIN_ACCESS)) {
      fields.add(
          Label.of(
              text.modalUserIdLabel(),
              text.modalUserIdDescription(),
              TextInput.create(USER_ID_INPUT, TextInputStyle.SHORT)
                  .setRequired(false)
                  .setMaxLength(USER_ID_MAX_LENGTH)
                  .build()));
      fields.add(
          Label.of(
              text.modalAccessTokenLabel(),
              text.modalAccessTokenDescription(),
              TextInput.create(ACCESS_TOKEN_INPUT, TextInputStyle.SHORT)
                  .setRequired(false)
                  .setMaxLength(QueryInput.MAX_KEY_LENGTH)
                  .build()));
    }
    String title =
        provider.can(Capability.PROBES_MODELS)
            ? text.modalTitle(name)
            : provider.can(Capability.BALANCES) || provider.takesModels()
                ? text.modalBalanceTitle(name)
                : text.modalAccountTitle(name);
    return Modal.create(id, QuotaEmbed.cut(title, Modal.MAX_TITLE_LENGTH))
        .addComponents(fields)
        .build();
  }

  /**
   * The models field of a provider that probes them. It says what checking costs when the provider
   * declares it, and that an emptied field reads the balance for free where there is a balance to
   * read; for a provider without one, at least one model is required.
   */
  private static Label probedModels(
      BotText text, ProviderInfo provider, @Nullable String unit, String prefill) {
    boolean balances = provider.can(Capability.BALANCES);
    String cost = costDescription(text, provider.probeCost(), prefill);
    String description;
    if (cost == null) {
      description =
          balances ? text.modalModelsDescription(unit) : text.modalRequiredModelsDescription();
    } else {
      String withFree = balances ? cost + text.modalFreeBalanceSuffix(unit) : cost;
      // the cost matters more: the placeholder also says what an empty field does
      description = withFree.length() <= Label.DESCRIPTION_MAX_LENGTH ? withFree : cost;
    }
    TextInput input =
        balances
            ? modelsInput(text.modalModelsPlaceholder(unit), prefill)
            : requiredModelsInput(text.modalRequiredModelsPlaceholder(), prefill);
    return Label.of(
        balances ? text.modalModelsLabel() : text.modalRequiredModelsLabel(),
        QuotaEmbed.cut(description, Label.DESCRIPTION_MAX_LENGTH),
        input);
  }

  /**
   * What probing costs, said before anything is sent: at most so much per model (and for the models
   * the field starts with, when there are several) for a probe that spends; so much of the rate
   * limits for one that counts. Null when the provider declares no cost.
   */
  static @Nullable String costDescription(BotText text, @Nullable ProbeCost cost, String prefill) {
    if (cost == null) {
      return null;
    }
    String unit = QuotaEmbed.cut(cost.unit(), QuotaEmbed.UNIT_MAX);
    String perModel = QuotaEmbed.amount(cost.perModel());
    if (cost.kind() == ProbeCost.Kind.COUNTS) {
      return text.modalCountsDescription(perModel, unit);
    }
    int models = prefill.isEmpty() ? 0 : new LinkedHashSet<>(ModelList.items(prefill)).size();
    return text.modalSpendsDescription(
        perModel, unit, models, QuotaEmbed.amount(cost.forModels(models)));
  }

  /** The form's id: {@code quota:<provider id>}. */
  static String idOf(ProviderInfo provider) {
    return ID + ID_SEPARATOR + provider.id();
  }

  private static TextInput keyInput(String placeholder) {
    return TextInput.create(KEY_INPUT, TextInputStyle.SHORT)
        .setRequired(true)
        .setRequiredRange(1, QueryInput.MAX_KEY_LENGTH)
        .setPlaceholder(placeholder)
        .build();
  }

  private static TextInput requiredModelsInput(String placeholder, String prefill) {
    TextInput.Builder models =
        TextInput.create(MODELS_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(true)
            .setRequiredRange(1, MODELS_MAX_LENGTH)
            .setPlaceholder(placeholder);
    if (!prefill.isEmpty()) {
      models.setValue(prefill);
    }
    return models.build();
  }

  private static TextInput modelsInput(String placeholder, String prefill) {
    TextInput.Builder models =
        TextInput.create(MODELS_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(false)
            .setMaxLength(MODELS_MAX_LENGTH)
            .setPlaceholder(placeholder);
    if (!prefill.isEmpty()) {
      models.setValue(prefill);
    }
    return models.build();
  }

  /**
   * Every form submitted to the bot is answered. The bot shows no other form, so one whose id names
   * no provider it knows comes from an older (or newer) version of it: the user is told to run
   * {@code /quota} again rather than left with Discord's "something went wrong".
   */
  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    BotText text = BotText.of(event.getUserLocale());
    String modalId = event.getModalId();
    Optional<ProviderInfo> provider = providerOf(modalId);
    if (provider.isEmpty()) {
      Replies.ephemeral(event, text.formOutdated());
      return;
    }
    ProviderInfo form = provider.get();
    Replies.guarded(
        event,
        text,
        "/quota form",
        () ->
            reply.answer(
                event,
                parse(modalId, id -> valueOf(event, id)).orElseThrow(),
                text,
                () -> Replies.ephemeral(event, keyMissing(text, form))));
  }

  /**
   * What a submitted form asks for; empty for a form whose id names no provider this bot knows.
   *
   * @param field a field's value by its id, null for a field that was not sent
   */
  Optional<QuotaOptions.Parsed> parse(
      @Nullable String modalId, Function<String, @Nullable String> field) {
    return providerOf(modalId).map(form -> parse(form, !ID.equals(modalId), field));
  }

  /** The answer to a form submitted without a key (Discord should not let that happen). */
  static String keyMissing(BotText text, ProviderInfo provider) {
    return text.keyMissing(
        QuotaEmbed.plain(provider.name(), QuotaEmbed.PROVIDER_NAME_MAX),
        QuotaEmbed.plain(provider.keyHint(), QuotaEmbed.UNIT_MAX));
  }

  /**
   * What a submitted form asks for. Only the fields the provider's form holds ({@link #build}) are
   * read: a value for any other (which only a client other than Discord's could send) is ignored,
   * so the answer never depends on a field the user could not see.
   *
   * @param provider the provider its id names ({@link #providerOf})
   * @param field a field's value by its id, null for a field that was not sent
   */
  QuotaOptions.Parsed parse(ProviderInfo provider, Function<String, @Nullable String> field) {
    return parse(provider, true, field);
  }

  /**
   * @param provider the provider whose form it is
   * @param chosen the provider was chosen ({@code quota:<id>}); if not (the bare {@code quota}),
   *     the key's prefix picks the provider, and a models field still holding the form's defaults
   *     means the picked provider's own defaults (another provider's models are not its own)
   */
  private QuotaOptions.Parsed parse(
      ProviderInfo provider, boolean chosen, Function<String, @Nullable String> field) {
    boolean admin = provider.can(Capability.ADMIN_ACCESS);
    QuotaOptions.Target target =
        new QuotaOptions.Target(
            chosen ? provider.id() : null,
            provider.can(Capability.NEEDS_BASE_URL) ? field.apply(BASE_URL_INPUT) : null,
            admin ? field.apply(USER_ID_INPUT) : null,
            admin ? field.apply(ACCESS_TOKEN_INPUT) : null);
    String key = field.apply(KEY_INPUT);
    String models = provider.takesModels() ? field.apply(MODELS_INPUT) : null;
    if (!chosen && untouched(models, provider) && keyNamesAnother(key, provider)) {
      return options.parse(key, null, false, target);
    }
    return options.parseForm(key, models, target);
  }

  /** Whether the models field still holds exactly the defaults it started with. */
  private static boolean untouched(@Nullable String models, ProviderInfo provider) {
    String prefill = prefill(provider.defaultModels());
    return models != null
        && !prefill.isEmpty()
        && ModelList.items(models).equals(ModelList.items(prefill));
  }

  private boolean keyNamesAnother(@Nullable String key, ProviderInfo provider) {
    return options
        .providerOfKey(key)
        .filter(owner -> !owner.id().equals(provider.id()))
        .isPresent();
  }

  /**
   * The provider a form id names: the one after the separator ({@code quota:deepseek}), the default
   * one for the bare {@code quota} of older versions; empty for a provider this bot does not know
   * (any more) and for a form that is not this one.
   */
  Optional<ProviderInfo> providerOf(@Nullable String modalId) {
    if (ID.equals(modalId)) {
      return options.providerNamed(null);
    }
    String prefix = ID + ID_SEPARATOR;
    if (modalId == null || !modalId.startsWith(prefix) || modalId.length() == prefix.length()) {
      return Optional.empty();
    }
    String id = modalId.substring(prefix.length());
    // a blank id would name the default provider; a form never carries one
    return id.isBlank() ? Optional.empty() : options.providerNamed(id);
  }

  private static boolean usable(@Nullable String modelsTyped) {
    return !QuotaOptions.isBlank(modelsTyped) && modelsTyped.length() <= MODELS_MAX_LENGTH;
  }

  /**
   * The default list as the field shows it, one id per line. Ids that would overflow the field are
   * left out (the field shows what will be checked); none fit only with an absurd configuration.
   */
  static String prefill(List<String> defaultModels) {
    StringBuilder value = new StringBuilder();
    for (String model : defaultModels) {
      int needed = value.length() + (value.length() == 0 ? 0 : 1) + model.length();
      if (needed > MODELS_MAX_LENGTH) {
        break;
      }
      if (value.length() > 0) {
        value.append('\n');
      }
      value.append(model);
    }
    return value.toString();
  }

  private static @Nullable String valueOf(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return mapping == null ? null : mapping.getAsString();
  }
}
