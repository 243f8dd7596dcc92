package dev.quotabot.store;

import dev.quotabot.config.DatabaseConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns why a database did not open into one sentence an operator can act on. */
final class OpenFailure {
  /** PostgreSQL's SQL states for a refused login. */
  private static final Set<String> BAD_LOGIN = Set.of("28000", "28P01");

  private static final String MISSING_DATABASE = "3D000";

  private OpenFailure() {}

  static StoreException of(Throwable failure, DatabaseConfig config, String maskedUrl) {
    String check = "Check database.url.";
    String reason = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        reason = "connection refused";
      } else if (cause instanceof UnknownHostException) {
        reason = "unknown host " + cause.getMessage();
      } else if (cause instanceof SocketTimeoutException
          || cause instanceof NoRouteToHostException) {
        reason = "the server does not answer";
      } else if (cause instanceof SQLException sql && BAD_LOGIN.contains(sql.getSQLState())) {
        reason = "the server refused the user or password";
        check = "Check database.user and database.password.";
      } else if (cause instanceof SQLException sql && MISSING_DATABASE.equals(sql.getSQLState())) {
        reason = "the database does not exist";
      }
      if (reason != null) {
        break;
      }
    }
    if (reason == null) {
      reason = firstLine(failure.getMessage(), config);
    }
    return new StoreException(
        "Cannot open the watch database at " + maskedUrl + ": " + reason + ". " + check);
  }

  /** The first line of a driver's message, without a trailing period or the password. */
  static String firstLine(@Nullable String message, DatabaseConfig config) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse("").strip();
    if (!config.password().isEmpty()) {
      line = line.replace(config.password(), "(hidden)");
    }
    line = DatabaseUrl.masked(line);
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
