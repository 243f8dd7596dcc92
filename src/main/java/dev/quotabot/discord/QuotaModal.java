package dev.quotabot.discord;

import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QueryInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The form {@code /quota} shows when no key was given, so the key is typed into a private form
 * rather than the command line; submitting it runs the same query. Its models field starts out with
 * the models typed, or else the default list, so submitting it untouched checks what the command
 * would have; emptied, it asks for the free balance-only check.
 *
 * <p>For another provider the form's id names it ({@code quota:deepseek}); nothing else typed is
 * carried in the id, and never a secret. A provider that reports the balance only asks for the key
 * alone. A relay's form also holds its address (pre-filled with what was typed), the models to look
 * for (empty: the models the key may use), and the optional admin user id and access token (5
 * inputs, Discord's most).
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
   * The form for the target's provider, with the fields it takes: the key; a relay's address; the
   * models (pre-filled with what the user typed, else the provider's defaults for one that probes,
   * and left empty when the user asked for the balance only); the admin user id and access token.
   */
  Modal build(BotText text, String modelsTyped, boolean balanceOnly, QuotaOptions.Target target) {
    ProviderInfo provider = options.provider(target).orElseThrow();
    String name = provider.name();
    List<Label> fields = new ArrayList<>();
    fields.add(
        Label.of(
            text.modalKeyLabel(),
            text.modalProviderKeyDescription(name),
            keyInput(provider.keyHint())));
    if (provider.can(Capability.NEEDS_BASE_URL)) {
      String typedUrl = target.baseUrl() == null ? "" : target.baseUrl().strip();
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
      String unit = provider.unit() == null ? "" : provider.unit();
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
              text.modalRelayModelsDescription(),
              modelsInput(text.modalRelayModelsPlaceholder(), prefill)));
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
            : text.modalProviderTitle(name);
    return Modal.create(
            ID + ID_SEPARATOR + provider.id(), QuotaEmbed.cut(title, Modal.MAX_TITLE_LENGTH))
        .addComponents(fields)
        .build();
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
   * Every form submitted to the bot is answered. The bot shows no other form, so one whose id is
   * not this form's comes from an older (or newer) version of it: the user is told to run {@code
   * /quota} again rather than left with Discord's "something went wrong".
   */
  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    BotText text = BotText.of(event.getUserLocale());
    String provider = providerOf(event.getModalId());
    if (provider == null) {
      Replies.ephemeral(event, text.formOutdated());
      return;
    }
    Replies.guarded(
        event,
        text,
        "/quota form",
        () ->
            reply.answer(
                event,
                parse(provider, id -> valueOf(event, id)),
                text,
                () -> Replies.ephemeral(event, text.keyMissing())));
  }

  /**
   * What a submitted form asks for.
   *
   * @param provider the provider its id names ({@link #providerOf}): empty for the default one
   * @param field a field's value by its id, null for a field the form does not hold
   */
  QuotaOptions.Parsed parse(String provider, Function<String, String> field) {
    QuotaOptions.Target target =
        new QuotaOptions.Target(
            provider.isEmpty() ? null : provider,
            field.apply(BASE_URL_INPUT),
            field.apply(USER_ID_INPUT),
            field.apply(ACCESS_TOKEN_INPUT));
    return options.parseForm(field.apply(KEY_INPUT), field.apply(MODELS_INPUT), target);
  }

  /**
   * The provider a form id names: the id after the separator ({@code quota:deepseek}), empty for
   * the bare {@code quota} of older versions (the default provider), null for a form that is not
   * this one.
   */
  static String providerOf(String modalId) {
    if (ID.equals(modalId)) {
      return "";
    }
    String prefix = ID + ID_SEPARATOR;
    if (modalId != null && modalId.startsWith(prefix) && modalId.length() > prefix.length()) {
      return modalId.substring(prefix.length());
    }
    return null;
  }

  private static boolean usable(String modelsTyped) {
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

  private static String valueOf(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return mapping == null ? null : mapping.getAsString();
  }
}
