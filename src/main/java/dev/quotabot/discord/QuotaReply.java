package dev.quotabot.discord;

import dev.quotabot.quota.QueryMeters;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageEditAction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a checked query: cooldown first, then a deferred ephemeral reply (Discord's 3-second
 * window), and only once Discord has acknowledged it the probes run; the report then replaces the
 * "thinking…" message, with the buttons that open the form again under it ({@link AnswerButtons}).
 * No thread waits on the upstream: everything continues from futures.
 */
final class QuotaReply {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaReply.class);

  /** How often the answer is sent before giving up, when Discord fails in a way worth retrying. */
  static final int EDIT_ATTEMPTS = 3;

  /** The pause before the second attempt; it doubles for each later one. */
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  /** The name this door's queries are counted under. */
  static final String DOOR = "discord";

  private final QuotaService service;
  private final Cooldown cooldown;
  private final PendingReplies pending;
  private final AnswerButtons buttons;
  private final QueryMeters meters;

  /**
   * @param buttons the buttons under each answer
   * @param meters where each query is counted (as the {@code discord} door's)
   */
  QuotaReply(
      QuotaService service,
      Cooldown cooldown,
      PendingReplies pending,
      AnswerButtons buttons,
      QueryMeters meters) {
    this.service = service;
    this.cooldown = cooldown;
    this.pending = pending;
    this.buttons = buttons;
    this.meters = meters;
  }

  /**
   * The same, whose answers' buttons only work while this very reply remembers them, and whose
   * queries are not counted.
   */
  QuotaReply(QuotaService service, Cooldown cooldown, PendingReplies pending) {
    this(
        service,
        cooldown,
        pending,
        new AnswerButtons(new Rechecks()),
        new QueryMeters(new CompositeMeterRegistry()));
  }

  /**
   * Answers what the user typed: runs a ready query, explains unusable input privately, or calls
   * {@code withoutKey} when no key was given.
   */
  void answer(IReplyCallback event, QuotaOptions.Parsed parsed, BotText text, Runnable withoutKey) {
    if (parsed instanceof QuotaOptions.Ready ready) {
      answer(event, ready, text);
    } else if (parsed instanceof QuotaOptions.Invalid invalid) {
      Replies.ephemeral(event, Replies.refusal(text, invalid.problem(text)));
    } else {
      withoutKey.run();
    }
  }

  private void answer(IReplyCallback event, QuotaOptions.Ready ready, BotText text) {
    Duration wait = cooldown.tryStart(event.getUser().getIdLong());
    if (!wait.isZero()) {
      Replies.ephemeral(event, text.cooldown(Cooldown.roundUpSeconds(wait)));
      return;
    }
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    pending.track(delivered);
    event
        .deferReply(true)
        .queue(
            hook -> run(hook, ready, text, event.getUser().getIdLong(), delivered),
            failure -> {
              LOG.warn(
                  "/quota was not acknowledged ({}); nothing was probed",
                  Replies.describe(failure));
              // nothing was checked, so the user may try again at once
              cooldown.release(event.getUser().getIdLong());
              delivered.complete(null);
            });
  }

  private void run(
      InteractionHook hook,
      QuotaOptions.Ready ready,
      BotText text,
      long ownerId,
      CompletableFuture<Void> delivered) {
    CompletableFuture<QuotaReport> report;
    try {
      report = meters.counted(DOOR, service.query(ready.query()));
    } catch (RuntimeException failed) {
      report = CompletableFuture.failedFuture(failed);
    }
    report.whenComplete(
        (done, failure) -> deliver(hook, done, failure, ready, text, ownerId, delivered));
  }

  private void deliver(
      InteractionHook hook,
      @Nullable QuotaReport report,
      @Nullable Throwable failure,
      QuotaOptions.Ready ready,
      BotText text,
      long ownerId,
      CompletableFuture<Void> delivered) {
    MessageEmbed embed = null;
    ActionRow row = null;
    if (failure == null && report != null) {
      try {
        embed = QuotaEmbed.render(report, text, ready.modelsIgnored(), ready.providerFromKey());
      } catch (RuntimeException renderFailed) {
        failure = renderFailed;
      }
    }
    if (embed != null) {
      try {
        row = buttonsFor(ready.query(), text, ownerId);
      } catch (RuntimeException buttonsFailed) {
        // the report matters more than its buttons: it is sent without them
        LOG.error("/quota buttons failed: {}", buttonsFailed.getClass().getName());
      }
    }
    if (failure != null) {
      LOG.error("/quota failed unexpectedly: {}", failure.getClass().getName());
    }
    MessageEmbed answer = embed;
    ActionRow answerButtons = row;
    Supplier<RestAction<?>> edit =
        () ->
            (answer != null
                    ? withButtons(hook.editOriginalEmbeds(answer), answerButtons)
                    : hook.editOriginal(text.failedUnexpectedly()))
                .setAllowedMentions(Replies.NO_MENTIONS);
    send(edit, 1, delivered);
  }

  /**
   * The buttons under the answer, remembered once however often the answer is sent; none for a
   * provider the bot no longer knows (which cannot have answered).
   */
  private @Nullable ActionRow buttonsFor(QuotaQuery query, BotText text, long ownerId) {
    return service
        .provider(query.provider())
        .map(provider -> buttons.row(text, provider, ownerId, query))
        .orElse(null);
  }

  private static WebhookMessageEditAction<Message> withButtons(
      WebhookMessageEditAction<Message> edit, @Nullable ActionRow row) {
    return row == null ? edit : edit.setComponents(row);
  }

  /**
   * Sends the answer. JDA itself waits out a 429 and retries a 502, 503 or 504 a few times, but
   * gives up at once on a 500 or a connection that failed: such an edit is sent again (an edit is
   * idempotent) after a pause, at most {@link #EDIT_ATTEMPTS} times in all. Any other refusal (the
   * interaction expired, say) is final. No thread waits: a retry is scheduled on JDA's scheduler.
   */
  private static void send(
      Supplier<RestAction<?>> edit, int attempt, CompletableFuture<Void> delivered) {
    Consumer<Throwable> failed =
        failure -> {
          if (attempt < EDIT_ATTEMPTS && Replies.worthRetrying(failure)) {
            LOG.info(
                "Discord did not take the /quota answer ({}); trying again",
                Replies.describe(failure));
            send(edit, attempt + 1, delivered);
          } else {
            LOG.warn(
                "Could not deliver the /quota answer after {} ({})",
                attempt == 1 ? "1 attempt" : attempt + " attempts",
                Replies.describe(failure));
            delivered.complete(null);
          }
        };
    try {
      RestAction<?> action = edit.get();
      if (attempt == 1) {
        action.queue(message -> delivered.complete(null), failed);
      } else {
        action.queueAfter(
            RETRY_PAUSE.toMillis() << (attempt - 2),
            TimeUnit.MILLISECONDS,
            message -> delivered.complete(null),
            failed);
      }
    } catch (RuntimeException editRefused) {
      LOG.error("Could not send the /quota answer: {}", editRefused.getClass().getName());
      delivered.complete(null);
    }
  }
}
