package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reading a key's account straight from a {@link Provider}, and the checks every provider test
 * makes of what it read: shared by the official providers', the coding plans' and the key-check
 * providers' tests.
 */
public final class AccountChecks {
  /** The timeout a check is given unless a test is about timeouts. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private AccountChecks() {}

  /** Checks the key; the future must complete normally, with no per-model rows. */
  public static ProviderResult check(Provider provider, String key, Duration timeout) {
    try {
      ProviderResult result =
          provider
              .readAccount(new ProviderRequest(ApiKey.of(key), List.of(), null, null, timeout))
              .get(10, TimeUnit.SECONDS);
      assertTrue(result.models().isEmpty(), "no per-model rows: " + result.models());
      return result;
    } catch (Exception failed) {
      throw new AssertionError("the check completed exceptionally or not at all", failed);
    }
  }

  /** The account read for {@code key} within {@link #TIMEOUT}. */
  public static Account account(Provider provider, String key) {
    return check(provider, key, TIMEOUT).account();
  }

  /** A failed account: no amount, no name, no note, an error text without markup. */
  public static void assertFailedWithoutNumbers(Account account) {
    assertTrue(account.balances().isEmpty(), "no balance: " + account.balances());
    assertNull(account.user(), "user");
    assertNull(account.note(), "note");
    assertFalse(account.isKnown());
    assertTrue(account.error() != null && !account.error().isBlank(), "an error text");
    assertFalse(account.error().contains("<"), account.error());
  }
}
