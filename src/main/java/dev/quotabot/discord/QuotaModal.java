package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import java.util.ArrayList;
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
 * emptied asks for the free balance-only check) or that looks for them in the key's list (empty:
 * the models the key may use); and the optional admin user id and access token of a provider that
 * reads a wallet with them (5 inputs at most, Discord's limit).
 *
 * <p>The form's id is always {@code quota:<provider id>}; nothing typed is carried in it, and never
 * a secret. A bare {@code quota} (a form left open from a version before providers) means the
 * default provider; an id naming no provider this bot knows is answered as out of date.
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
   * The form for {@code provider}, with the fields it takes.
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
      fields.add(
          Label.of(
              text.modalModelsLabel(),
              text.modalModelsDescription(unit),
              modelsInput(text.modalModelsPlaceholder(unit), prefill)));
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
            : text.modalBalanceTitle(name);
    return Modal.create(idOf(provider), QuotaEmbed.cut(title, Modal.MAX_TITLE_LENGTH))
        .addComponents(fields)
        .build();
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
    Optional<ProviderInfo> provider = providerOf(event.getModalId());
    if (provider.isEmpty()) {
      Replies.ephemeral(event, text.formOutdated());
      return;
    }
    ProviderInfo asked = provider.get();
    Replies.guarded(
        event,
        text,
        "/quota form",
        () ->
            reply.answer(
                event,
                parse(asked, id -> valueOf(event, id)),
                text,
                () -> Replies.ephemeral(event, keyMissing(text, asked))));
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
    boolean admin = provider.can(Capability.ADMIN_ACCESS);
    QuotaOptions.Target target =
        new QuotaOptions.Target(
            provider.id(),
            provider.can(Capability.NEEDS_BASE_URL) ? field.apply(BASE_URL_INPUT) : null,
            admin ? field.apply(USER_ID_INPUT) : null,
            admin ? field.apply(ACCESS_TOKEN_INPUT) : null);
    String models = provider.takesModels() ? field.apply(MODELS_INPUT) : null;
    return options.parseForm(field.apply(KEY_INPUT), models, target);
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
