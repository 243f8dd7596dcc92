package dev.quotabot.quota.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP the providers get in production (the trusted client with {@link
 * OfficialProviders#MAX_BODY_BYTES}, see {@link UpstreamClient}), and the checks every provider
 * test shares.
 */
final class ProviderHarness implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final UpstreamClient client = new UpstreamClient();
  private final UpstreamHttp http = client.clients().trusted(OfficialProviders.MAX_BODY_BYTES);

  UpstreamHttp http() {
    return http;
  }

  /** Production's clients, as {@link OfficialProviders#create} is given them. */
  UpstreamClients clients() {
    return client.clients();
  }

  /** Checks the key; the future must complete normally, with no per-model rows. */
  static ProviderResult check(Provider provider, String key, Duration timeout) {
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

  static Account account(Provider provider, String key) {
    return check(provider, key, TIMEOUT).account();
  }

  /** A failed account: no amount, no name, no note, an error text without markup. */
  static void assertFailedWithoutNumbers(Account account) {
    assertTrue(account.balances().isEmpty(), "no balance: " + account.balances());
    assertNull(account.user(), "user");
    assertNull(account.note(), "note");
    assertFalse(account.isKnown());
    assertTrue(account.error() != null && !account.error().isBlank(), "an error text");
    assertFalse(account.error().contains("<"), account.error());
  }

  @Override
  public void close() {
    client.close();
  }
}
