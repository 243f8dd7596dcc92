package dev.quotabot.discord;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.AlertSink;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as Discord direct messages: opens the owner's DM channel and sends the worded alert
 * ({@link AlertMessage}). Unavailable until the bot has logged in and after it stopped. An owner
 * who closed their DMs (Discord's 50007) or for whom Discord answers a spurious 50001 (seen with
 * user-installed apps) refused it: the engine keeps that alert for {@code /watches}. Never throws,
 * and logs nothing a user typed (only the alert's kind and Discord's error code).
 */
public final class DiscordAlerts implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordAlerts.class);

  /** A shard in one of these states sends nothing more. */
  private static final Set<JDA.Status> STOPPED =
      EnumSet.of(JDA.Status.SHUTTING_DOWN, JDA.Status.SHUTDOWN, JDA.Status.FAILED_TO_LOGIN);

  private final AlertMessage message;
  private volatile @Nullable ShardManager shards;

  public DiscordAlerts(AlertMessage message) {
    this.message = message;
  }

  /** The bot logged in: alerts can go out. */
  void connected(ShardManager loggedIn) {
    this.shards = loggedIn;
  }

  /** The bot is stopping: alerts wait (the engine keeps them). */
  void disconnected() {
    this.shards = null;
  }

  /**
   * A shard of this process to send through: a DM is plain REST, which any shard can send, so a
   * connected one if there is one, else any that is not stopping.
   */
  private static @Nullable JDA sender(@Nullable ShardManager manager) {
    if (manager == null) {
      return null;
    }
    List<JDA> running = manager.getShards();
    return running.stream()
        .filter(shard -> shard.getStatus() == JDA.Status.CONNECTED)
        .findFirst()
        .or(
            () ->
                running.stream().filter(shard -> !STOPPED.contains(shard.getStatus())).findFirst())
        .orElse(null);
  }

  @Override
  public CompletableFuture<Delivery> deliver(Alert alert) {
    JDA current = sender(shards);
    if (current == null) {
      return CompletableFuture.completedFuture(Delivery.UNAVAILABLE);
    }
    CompletableFuture<Delivery> delivery = new CompletableFuture<>();
    try {
      long owner = Long.parseUnsignedLong(alert.ownerId());
      String content = message.render(alert);
      current
          .openPrivateChannelById(owner)
          .flatMap(channel -> channel.sendMessage(content).setAllowedMentions(Replies.NO_MENTIONS))
          .queue(
              sent -> delivery.complete(Delivery.DELIVERED),
              failure -> delivery.complete(failed(alert, failure)));
    } catch (NumberFormatException notAUser) {
      // no Discord user has such an id: it can never be delivered, so it is kept
      delivery.complete(Delivery.REFUSED);
    } catch (RuntimeException failed) {
      // JDA shutting down refuses new requests: that is the door being unavailable
      LOG.warn("Could not send a {} alert ({})", alert.kind(), Replies.describe(failed));
      delivery.complete(Delivery.UNAVAILABLE);
    }
    return delivery;
  }

  private static Delivery failed(Alert alert, Throwable failure) {
    Delivery delivery = classify(failure);
    if (delivery == Delivery.REFUSED) {
      LOG.info("A {} alert was not delivered: the owner's DMs are closed", alert.kind());
    } else {
      LOG.warn("Could not send a {} alert ({})", alert.kind(), Replies.describe(failure));
    }
    return delivery;
  }

  /** Discord's "cannot send to this user" and the spurious "missing access" are refusals. */
  static Delivery classify(Throwable failure) {
    if (failure instanceof ErrorResponseException error) {
      ErrorResponse response = error.getErrorResponse();
      if (response == ErrorResponse.CANNOT_SEND_TO_USER
          || response == ErrorResponse.MISSING_ACCESS) {
        return Delivery.REFUSED;
      }
    }
    return Delivery.UNAVAILABLE;
  }
}
