package dev.quotabot.discord;

import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a checked query: cooldown first, then a deferred ephemeral reply (Discord's 3-second
 * window), and only once Discord has acknowledged it the probes run; the report then replaces the
 * "thinking…" message. No thread waits on the upstream: everything continues from futures.
 */
final class QuotaReply {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaReply.class);

  private final QuotaService service;
  private final Cooldown cooldown;
  private final PendingReplies pending;
  private final ProviderNames names;

  QuotaReply(QuotaService service, Cooldown cooldown, PendingReplies pending, ProviderNames names) {
    this.service = service;
    this.cooldown = cooldown;
    this.pending = pending;
    this.names = names;
  }

  /**
   * Answers what the user typed: runs a ready query, explains unusable input privately, or calls
   * {@code withoutKey} when no key was given.
   */
  void answer(IReplyCallback event, QuotaOptions.Parsed parsed, BotText text, Runnable withoutKey) {
    if (parsed instanceof QuotaOptions.Ready ready) {
      answer(event, ready, text);
    } else if (parsed instanceof QuotaOptions.Invalid invalid) {
      Replies.ephemeral(event, text.invalid(invalid.problem()));
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
            hook -> run(hook, ready, text, delivered),
            failure -> {
              LOG.warn(
                  "/quota was not acknowledged ({}); nothing was probed",
                  Replies.describe(failure));
              delivered.complete(null);
            });
  }

  private void run(
      InteractionHook hook,
      QuotaOptions.Ready ready,
      BotText text,
      CompletableFuture<Void> delivered) {
    CompletableFuture<QuotaReport> report;
    try {
      report = service.query(ready.query());
    } catch (RuntimeException failed) {
      report = CompletableFuture.failedFuture(failed);
    }
    report.whenComplete((done, failure) -> deliver(hook, done, failure, ready, text, delivered));
  }

  private void deliver(
      InteractionHook hook,
      QuotaReport report,
      Throwable failure,
      QuotaOptions.Ready ready,
      BotText text,
      CompletableFuture<Void> delivered) {
    MessageEmbed embed = null;
    if (failure == null) {
      try {
        QuotaQuery query = ready.query();
        embed =
            query.isModelScope()
                ? QuotaEmbed.render(report, text, ready.modelsIgnored())
                : QuotaEmbed.renderProvider(
                    report, text, ready.modelsIgnored(), names.of(query.provider()));
      } catch (RuntimeException renderFailed) {
        failure = renderFailed;
      }
    }
    if (failure != null) {
      LOG.error("/quota failed unexpectedly: {}", failure.getClass().getName());
    }
    try {
      var edit =
          embed != null
              ? hook.editOriginalEmbeds(embed)
              : hook.editOriginal(text.failedUnexpectedly());
      edit.queue(
          message -> delivered.complete(null),
          editFailed -> {
            LOG.warn("Could not deliver the /quota answer ({})", Replies.describe(editFailed));
            delivered.complete(null);
          });
    } catch (RuntimeException editRefused) {
      LOG.error("Could not send the /quota answer: {}", editRefused.getClass().getName());
      delivered.complete(null);
    }
  }
}
