package dev.quotabot.discord;

import dev.quotabot.quota.ProviderInfo;
import java.time.Duration;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.modals.Modal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a click on a button under an answer ({@link AnswerButtons}) with the {@code /quota} form,
 * filled in from what the answer was for and with the key empty. Every click is answered,
 * privately: a button this bot never made is out of date, a forgotten answer's button has expired,
 * another person's button shows nothing of theirs, and a user still in their cooldown is told how
 * long to wait before the form (as {@code /quota} without a key does). Only the user, the custom id
 * and the locale are read: the click may come from a server the bot is not in.
 */
final class AnswerButtonClicks extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerButtonClicks.class);

  private final Rechecks rechecks;
  private final QuotaOptions options;
  private final Cooldown cooldown;
  private final QuotaModal modal;

  AnswerButtonClicks(Rechecks rechecks, QuotaOptions options, Cooldown cooldown, QuotaModal modal) {
    this.rechecks = rechecks;
    this.options = options;
    this.cooldown = cooldown;
    this.modal = modal;
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    if (WatchButtons.owns(event.getComponentId())) {
      // a /watches button: WatchButtonClicks answers it
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Replies.guarded(event, text, "a /quota button", () -> answer(event, text));
  }

  private void answer(ButtonInteractionEvent event, BotText text) {
    Optional<AnswerButtons.Click> click = AnswerButtons.parse(event.getComponentId());
    if (click.isEmpty()) {
      Replies.ephemeral(event, text.formOutdated());
      return;
    }
    Optional<Recheck> remembered = rechecks.find(click.get().token());
    if (remembered.isEmpty()) {
      Replies.ephemeral(event, text.buttonExpired());
      return;
    }
    Recheck recheck = remembered.get();
    long userId = event.getUser().getIdLong();
    if (recheck.ownerId() != userId) {
      Replies.ephemeral(event, text.buttonNotYours());
      return;
    }
    Optional<ProviderInfo> provider = options.providerNamed(recheck.providerId());
    if (provider.isEmpty()) {
      Replies.ephemeral(event, text.formOutdated());
      return;
    }
    Duration wait = cooldown.remaining(userId);
    if (!wait.isZero()) {
      Replies.ephemeral(event, text.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    event
        .replyModal(form(text, provider.get(), click.get().action(), recheck))
        .queue(
            null,
            failure -> LOG.warn("Could not show the /quota form ({})", Replies.describe(failure)));
  }

  /** The form a button opens, through {@link QuotaModal#build} as {@code /quota} itself does. */
  private Modal form(
      BotText text, ProviderInfo provider, AnswerButtons.Action action, Recheck recheck) {
    return switch (action) {
      case AGAIN ->
          modal.build(text, provider, recheck.models(), recheck.balanceOnly(), recheck.baseUrl());
      case BALANCE -> modal.build(text, provider, null, true, recheck.baseUrl());
      case PROBE ->
          modal.build(
              text,
              provider,
              AnswerButtons.probedModels(provider, recheck.models(), recheck.balanceOnly()),
              false,
              recheck.baseUrl());
    };
  }
}
