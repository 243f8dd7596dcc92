package dev.quotabot.discord;

import dev.quotabot.quota.watch.WatchService;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a user's {@code /watches} in a message already acknowledged (the deferred private reply, or
 * the message a button sat under): reads the list (which takes the kept alerts: shown this once),
 * renders it ({@link WatchesMessage}) and replaces the whole message with it. Shutdown waits for it
 * ({@link PendingReplies}).
 */
final class WatchesReply {
  private static final Logger LOG = LoggerFactory.getLogger(WatchesReply.class);

  private final WatchService watches;
  private final WatchesMessage message;
  private final PendingReplies pending;

  WatchesReply(WatchService watches, WatchesMessage message, PendingReplies pending) {
    this.watches = watches;
    this.message = message;
    this.pending = pending;
  }

  WatchesMessage message() {
    return message;
  }

  WatchService watches() {
    return watches;
  }

  /** A future for an answer being worked on, which shutdown waits for until it completes. */
  CompletableFuture<Void> track() {
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    pending.track(delivered);
    return delivered;
  }

  /**
   * Replaces the message with the owner's list.
   *
   * @param notice what was just done, worded; null for none
   * @param delivered completed once Discord took the edit, or refused it
   */
  void show(
      InteractionHook hook,
      String ownerId,
      BotText text,
      @Nullable String notice,
      CompletableFuture<Void> delivered) {
    WatchesMessage.Rendered rendered;
    try {
      rendered = message.render(watches.list(ownerId), text, watches.limits().maxPerUser(), notice);
    } catch (RuntimeException failed) {
      LOG.error("/watches failed: {}", failed.getClass().getName());
      hook.editOriginal(text.failedUnexpectedly())
          .setEmbeds()
          .setComponents()
          .setAllowedMentions(Replies.NO_MENTIONS)
          .queue(done -> delivered.complete(null), failure -> failedToSend(failure, delivered));
      return;
    }
    hook.editOriginal(rendered.edit())
        .queue(done -> delivered.complete(null), failure -> failedToSend(failure, delivered));
  }

  private static void failedToSend(Throwable failure, CompletableFuture<Void> delivered) {
    LOG.warn("Could not show /watches ({})", Replies.describe(failure));
    delivered.complete(null);
  }
}
