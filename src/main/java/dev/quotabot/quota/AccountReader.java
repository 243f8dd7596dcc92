package dev.quotabot.quota;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Reads an account's balance. Free: it never spends quota. */
public interface AccountReader {

  /**
   * The returned future always completes normally within {@code timeout} (plus scheduling jitter);
   * failures become an {@link AccountBalance} with a failure status.
   */
  CompletableFuture<AccountBalance> read(ApiKey key, Duration timeout);
}
