package dev.quotabot.discord;

import dev.quotabot.quota.ApiKey;
import java.util.List;
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
 */
final class QuotaModal extends ListenerAdapter {
  static final String ID = "quota";
  static final String KEY_INPUT = "api_key";
  static final String MODELS_INPUT = "models";
  static final int MODELS_MAX_LENGTH = TextInput.MAX_VALUE_LENGTH;

  private final QuotaOptions options;
  private final QuotaReply reply;
  private final String defaultsPrefill;

  QuotaModal(QuotaOptions options, QuotaReply reply, List<String> defaultModels) {
    this.options = options;
    this.reply = reply;
    this.defaultsPrefill = prefill(defaultModels);
  }

  /**
   * The form, with the models field pre-filled with what the user already typed, else the default
   * list; left empty when the user asked for the balance only.
   */
  Modal build(BotText text, String modelsTyped, boolean balanceOnly) {
    TextInput key =
        TextInput.create(KEY_INPUT, TextInputStyle.SHORT)
            .setRequired(true)
            .setRequiredRange(1, ApiKey.MAX_LENGTH)
            .setPlaceholder("ms-…")
            .build();
    TextInput.Builder models =
        TextInput.create(MODELS_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(false)
            .setMaxLength(MODELS_MAX_LENGTH)
            .setPlaceholder(text.modalModelsPlaceholder());
    String prefill = balanceOnly ? "" : usable(modelsTyped) ? modelsTyped : defaultsPrefill;
    if (!prefill.isEmpty()) {
      models.setValue(prefill);
    }
    return Modal.create(ID, text.modalTitle())
        .addComponents(
            Label.of(text.modalKeyLabel(), text.modalKeyDescription(), key),
            Label.of(text.modalModelsLabel(), text.modalModelsDescription(), models.build()))
        .build();
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    if (!ID.equals(event.getModalId())) {
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Replies.guarded(
        event,
        text,
        "/quota form",
        () -> {
          String key = valueOf(event, KEY_INPUT);
          String models = valueOf(event, MODELS_INPUT);
          reply.answer(
              event,
              options.parseForm(key, models),
              text,
              () -> Replies.ephemeral(event, text.keyMissing()));
        });
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
