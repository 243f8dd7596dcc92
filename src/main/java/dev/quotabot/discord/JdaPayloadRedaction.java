package dev.quotabot.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Keeps gateway payloads out of the logs. JDA writes whole payloads into some WARN and ERROR lines
 * (for example "Got an unexpected error … INTERACTION_CREATE -> {…}" when it cannot handle an
 * event), and its parsing exceptions carry the JSON object they choked on in their message. An
 * interaction payload holds what the user typed: option values, modal values, an API key.
 *
 * <p>This filter re-logs such a line from a {@code net.dv8tion} logger with every payload argument
 * replaced by a placeholder and every exception whose message holds JSON replaced by a copy without
 * that message (same type name and stack trace), so the line stays useful and the payload goes.
 *
 * <p>Installed from {@code logback-discord.xml}, which also keeps JDA's DEBUG and TRACE loggers
 * (which dump every payload and request URL) off.
 */
public final class JdaPayloadRedaction extends TurboFilter {
  static final String WITHHELD = "(payload withheld: it may hold what a user typed)";
  private static final String JDA_LOGGERS = "net.dv8tion.";
  private static final String FQCN = JdaPayloadRedaction.class.getName();

  @Override
  public FilterReply decide(
      @Nullable Marker marker,
      Logger logger,
      Level level,
      @Nullable String format,
      Object @Nullable [] params,
      @Nullable Throwable t) {
    if (format == null
        || !logger.getName().startsWith(JDA_LOGGERS)
        || !logger.isEnabledFor(level)) {
      return FilterReply.NEUTRAL;
    }
    boolean changed = false;
    Object @Nullable [] cleaned = params == null ? null : params.clone();
    if (cleaned != null) {
      for (int i = 0; i < cleaned.length; i++) {
        Object safe = redact(cleaned[i]);
        changed |= safe != cleaned[i];
        cleaned[i] = safe;
      }
    }
    Throwable safeThrowable = redact(t);
    changed |= safeThrowable != t;
    if (!changed) {
      return FilterReply.NEUTRAL;
    }
    logger.log(
        marker, FQCN, Level.toLocationAwareLoggerInteger(level), format, cleaned, safeThrowable);
    return FilterReply.DENY;
  }

  private static @Nullable Object redact(@Nullable Object argument) {
    if (argument instanceof DataObject || argument instanceof DataArray) {
      return WITHHELD;
    }
    if (argument instanceof CharSequence text && holdsJson(text.toString())) {
      return WITHHELD;
    }
    if (argument instanceof Throwable failure) {
      return redact(failure);
    }
    return argument;
  }

  /**
   * The same throwable if no message in its chain holds JSON, else a copy without those messages.
   */
  static @Nullable Throwable redact(@Nullable Throwable failure) {
    if (failure == null || !chainHoldsJson(failure)) {
      return failure;
    }
    String message = failure.getMessage();
    String shown =
        message == null || !holdsJson(message)
            ? failure.getClass().getName() + (message == null ? "" : ": " + message)
            : failure.getClass().getName() + ": " + WITHHELD;
    Throwable copy = new Withheld(shown, redact(failure.getCause()));
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  private static boolean chainHoldsJson(Throwable failure) {
    for (Throwable each = failure; each != null; each = each.getCause()) {
      if (each.getMessage() != null && holdsJson(each.getMessage())) {
        return true;
      }
      if (each.getCause() == each) {
        return false;
      }
    }
    return false;
  }

  /** A JSON document, or text with a JSON object in it ({@code …\n{"name":…}}). */
  static boolean holdsJson(String text) {
    String stripped = text.strip();
    return stripped.startsWith("{") || stripped.startsWith("[") || text.contains("{\"");
  }

  /** Stands in for an exception whose message was withheld; its message names the original type. */
  private static final class Withheld extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Withheld(String message, @Nullable Throwable cause) {
      super(message, cause, false, true);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
