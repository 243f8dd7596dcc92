package dev.quotabot.discord;

import dev.quotabot.quota.watch.CheckOutcome;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchService;
import dev.quotabot.quota.watch.WatchView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a click on a {@code /watches} button ({@link WatchButtons}): does what it asks and shows
 * the list again in the same message, with a line saying what was done. Every watch is looked up as
 * the clicker's own (the service guards every change by owner): a watch that is not theirs, removed
 * or someone else's, gets one private refusal that does not say which. Check now waits out the
 * {@code /quota} cooldown ({@link Cooldown}), since a check may spend quota.
 */
final class WatchButtonClicks extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WatchButtonClicks.class);

  private final WatchesReply reply;
  private final Cooldown cooldown;

  WatchButtonClicks(WatchesReply reply, Cooldown cooldown) {
    this.reply = reply;
    this.cooldown = cooldown;
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    if (!WatchButtons.owns(event.getComponentId())) {
      return;
    }
    BotText text = BotText.of(event.getUserLocale());
    Replies.guarded(event, text, "a /watches button", () -> answer(event, text));
  }

  private void answer(ButtonInteractionEvent event, BotText bot) {
    WatchesText text = WatchesText.of(bot);
    Optional<WatchButtons.Click> click = WatchButtons.parse(event.getComponentId());
    if (click.isEmpty()) {
      Replies.ephemeral(event, text.outdated());
      return;
    }
    String ownerId = event.getUser().getId();
    long id = click.get().watchId();
    WatchService watches = reply.watches();
    Optional<WatchView> view = watches.view(ownerId, id);
    if (view.isEmpty()) {
      Replies.ephemeral(event, text.gone());
      return;
    }
    String fingerprint = WatchesMessage.fingerprint(view.get().watch());
    String gone = text.gone();
    switch (click.get().action()) {
      case NAME -> edit(event, bot, ownerId, () -> null);
      case CHECK -> checkNow(event, bot, ownerId, id, fingerprint);
      case PAUSE ->
          edit(
              event,
              bot,
              ownerId,
              () ->
                  watches.pause(ownerId, id).map(paused -> text.paused(fingerprint)).orElse(gone));
      case RESUME ->
          edit(
              event,
              bot,
              ownerId,
              () ->
                  watches
                      .resume(ownerId, id)
                      .map(resumed -> text.resumed(fingerprint))
                      .orElse(gone));
      case RENEW ->
          edit(
              event,
              bot,
              ownerId,
              () ->
                  watches
                      .renew(ownerId, id)
                      .map(
                          renewed ->
                              text.renewed(fingerprint, renewed.expiresAt().getEpochSecond()))
                      .orElse(gone));
      case REMOVE ->
          edit(
              event,
              bot,
              ownerId,
              () -> watches.remove(ownerId, id) ? text.removed(fingerprint) : gone);
    }
  }

  /** What a change says once done; null for nothing. */
  private interface Change {
    @Nullable String apply();
  }

  /** Acknowledges the click as an edit, makes the change, and shows the list again. */
  private void edit(ButtonInteractionEvent event, BotText text, String ownerId, Change change) {
    CompletableFuture<Void> delivered = reply.track();
    event
        .deferEdit()
        .queue(
            hook -> {
              String notice;
              try {
                notice = change.apply();
              } catch (RuntimeException failed) {
                LOG.error("A /watches button failed: {}", failed.getClass().getName());
                notice = text.failedUnexpectedly();
              }
              reply.show(hook, ownerId, text, notice, delivered);
            },
            failure -> notAcknowledged(failure, delivered));
  }

  /** Check now: after the cooldown, as {@code /quota}; the list then says what the check found. */
  private void checkNow(
      ButtonInteractionEvent event, BotText bot, String ownerId, long id, String fingerprint) {
    long userId = event.getUser().getIdLong();
    Duration wait = cooldown.tryStart(userId);
    if (!wait.isZero()) {
      Replies.ephemeral(event, bot.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    CompletableFuture<Void> delivered = reply.track();
    event
        .deferEdit()
        .queue(
            hook -> check(hook, bot, ownerId, id, fingerprint, delivered),
            failure -> {
              // nothing was checked, so the user may try again at once
              cooldown.release(userId);
              notAcknowledged(failure, delivered);
            });
  }

  private void check(
      InteractionHook hook,
      BotText bot,
      String ownerId,
      long id,
      String fingerprint,
      CompletableFuture<Void> delivered) {
    CompletableFuture<Optional<CheckOutcome>> outcome;
    try {
      outcome = reply.watches().checkNow(ownerId, id);
    } catch (RuntimeException failed) {
      outcome = CompletableFuture.failedFuture(failed);
    }
    outcome.whenComplete(
        (done, failure) -> {
          String notice;
          if (failure != null || done == null) {
            LOG.error(
                "Check now failed: {}",
                failure == null ? "no outcome" : failure.getClass().getName());
            notice = bot.failedUnexpectedly();
          } else {
            notice = found(done.orElse(null), fingerprint, WatchesText.of(bot), reply.message());
          }
          reply.show(hook, ownerId, bot, notice, delivered);
        });
  }

  /** What a check now found: the value read, or the status; and whether it raised an alert. */
  static String found(
      @Nullable CheckOutcome outcome,
      String fingerprint,
      WatchesText text,
      WatchesMessage message) {
    if (outcome == null) {
      return text.gone();
    }
    Watch watch = outcome.watch();
    String found =
        outcome.reading().isPresent()
            ? WatchesMessage.value(outcome.reading().get(), text)
            : QuotaEmbed.plain(
                text.status(
                    watch.lastStatus() == null ? "-" : watch.lastStatus(),
                    message.providerName(watch.settings().provider())),
                80);
    String line = text.checkedValue(fingerprint, found);
    return outcome.alerts().isEmpty() ? line : line + text.checkAlerted();
  }

  private static void notAcknowledged(Throwable failure, CompletableFuture<Void> delivered) {
    LOG.warn("A /watches button was not acknowledged ({})", Replies.describe(failure));
    delivered.complete(null);
  }
}
