package dev.quotabot;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigException;
import dev.quotabot.quota.watch.vault.VaultException;
import dev.quotabot.store.StoreException;
import java.net.BindException;

/** Turns a start-up exception into one line a person can act on. */
final class StartupFailure {
  private StartupFailure() {}

  static String describe(Throwable failure, AppConfig config) {
    if (failure instanceof ConfigException invalid) {
      // already one line naming the key
      return invalid.getMessage();
    }
    if (failure instanceof StoreException && !config.watch().enabled()) {
      // PostgreSQL opened for the replicas' shared limits, watches off
      return "database: " + failure.getMessage();
    }
    if (failure instanceof StoreException || failure instanceof VaultException) {
      // one sentence naming the database (without its password) or the key's problem
      return "watches: " + failure.getMessage();
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return "cannot listen on "
            + config.web().host()
            + ":"
            + config.web().port()
            + " ("
            + cause.getMessage()
            + "). Set web.port or PORT to a free port.";
      }
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
