package dev.quotabot.discord;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Short ephemeral answers (cooldown, bad input) and failure descriptions safe to log. */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  /**
   * The mentions any message of the bot may ping: none. An answer can quote what a user typed (a
   * model name full of {@code @everyone}, say); it is private, and still pings nobody.
   */
  static final Set<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

  /** At most this much of a problem's text is shown; the core's messages are far shorter. */
  private static final int PROBLEM_MAX = 900;

  private Replies() {}

  /** Replies with text only the caller sees. */
  static void ephemeral(IReplyCallback event, String content) {
    event
        .reply(content)
        .setEphemeral(true)
        .setAllowedMentions(NO_MENTIONS)
        .queue(null, failure -> LOG.warn("Could not answer /quota ({})", describe(failure)));
  }

  /**
   * The answer to values that cannot be used. The problem may quote what was typed (the start of a
   * too-long model name), so it is shown inert: no Markdown, no link.
   */
  static String refusal(BotText text, String problem) {
    return text.invalid(QuotaEmbed.plain(problem, PROBLEM_MAX));
  }

  /**
   * Runs an interaction handler. A failure it did not expect is logged by its type only (never a
   * value the user typed) and, if nothing was answered yet, answered privately.
   */
  static void guarded(IReplyCallback event, BotText text, String what, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException failed) {
      LOG.error("{} failed: {}", what, failed.getClass().getName());
      if (!event.isAcknowledged()) {
        ephemeral(event, text.failedUnexpectedly());
      }
    }
  }

  /**
   * The kind of failure for a log line: Discord's error code, or the underlying I/O failure with
   * its message (which names a host at most). Never a payload, and never a URL path (interaction
   * URLs carry a token).
   */
  static String describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        String message = cause.getMessage();
        String shown = message == null ? "" : ": " + message.replaceAll("(?i)https?://\\S*", "…");
        return cause.getClass().getSimpleName() + shown;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (failure instanceof ErrorResponseException response) {
      int status = response.getResponse() == null ? 0 : response.getResponse().code;
      return "Discord error "
          + response.getErrorCode()
          + " "
          + response.getErrorResponse()
          + (status > 0 ? ", HTTP " + status : "");
    }
    return failure.getClass().getSimpleName();
  }

  /**
   * Whether a failed request may well succeed when sent again: Discord answered with a server error
   * (5xx), or the connection failed. Not for a refusal (4xx): the same request would be refused
   * again.
   */
  static boolean worthRetrying(Throwable failure) {
    if (!(failure instanceof ErrorResponseException error) || error.getResponse() == null) {
      return false;
    }
    return error.getResponse().code >= 500 || error.getResponse().getException() != null;
  }
}
