package dev.quotabot.discord;

import dev.quotabot.quota.ApiKey;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The form {@code /quota} shows when no key was given, so the key is typed into a private form
 * rather than the command line; submitting it runs the same query.
 */
final class QuotaModal extends ListenerAdapter {
  static final String ID = "quota";
  static final String KEY_INPUT = "api_key";
  static final String MODELS_INPUT = "models";
  static final int MODELS_MAX_LENGTH = TextInput.MAX_VALUE_LENGTH;

  private final QuotaOptions options;
  private final QuotaReply reply;
  private final int defaultModelCount;

  QuotaModal(QuotaOptions options, QuotaReply reply, int defaultModelCount) {
    this.options = options;
    this.reply = reply;
    this.defaultModelCount = defaultModelCount;
  }

  /** The form, with the models field pre-filled with what the user already typed (if anything). */
  Modal build(BotText text, String modelsTyped) {
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
            .setPlaceholder(text.modalModelsPlaceholder(defaultModelCount));
    if (!QuotaOptions.isBlank(modelsTyped) && modelsTyped.length() <= MODELS_MAX_LENGTH) {
      models.setValue(modelsTyped);
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
              options.parse(key, models),
              text,
              () -> Replies.ephemeral(event, text.keyMissing()));
        });
  }

  private static String valueOf(ModalInteractionEvent event, String id) {
    ModalMapping mapping = event.getValue(id);
    return mapping == null ? null : mapping.getAsString();
  }
}
