package dev.quotabot.quota.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.InvalidQueryException;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a user-supplied relay address must look like, and how pasted forms are normalized. */
final class BaseUrlRulesTest {
  private static final BaseUrlRules HTTPS_ONLY = new BaseUrlRules(false);
  private static final BaseUrlRules HTTP_ALLOWED = new BaseUrlRules(true);

  @ParameterizedTest
  @CsvSource({
    "https://relay.example, https://relay.example",
    "https://relay.example/, https://relay.example",
    "https://relay.example/v1, https://relay.example",
    "https://relay.example/v1/, https://relay.example",
    "https://Relay.Example:3000/V1, https://relay.example:3000",
    "https://relay.example/api-proxy/v1, https://relay.example/api-proxy",
    "'  https://relay.example/v1  ', https://relay.example"
  })
  void normalizesWhatPeoplePaste(String pasted, String normalized) {
    assertEquals(normalized, HTTPS_ONLY.normalize(pasted).toString());
  }

  @ParameterizedTest
  @CsvSource({
    "http://relay.example, https://",
    "ftp://relay.example, https://",
    "relay.example, https://",
    "https://user:pass@relay.example, user name or password",
    "https://relay.example/?key=x, query",
    "https://relay.example/#top, fragment",
    "https:///v1, host",
    "'https://relay.example/a b', without spaces",
    "'', missing"
  })
  void refusesAddressesThatBreakARule(String pasted, String rule) {
    InvalidQueryException refused =
        assertThrows(InvalidQueryException.class, () -> HTTPS_ONLY.normalize(pasted));

    assertTrue(
        refused.getMessage().toLowerCase(Locale.ROOT).contains(rule.toLowerCase(Locale.ROOT)),
        refused.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"http://relay.example:3000/v1, http://relay.example:3000"})
  void allowsPlainHttpOnlyWhenConfigured(String pasted, String normalized) {
    assertEquals(normalized, HTTP_ALLOWED.normalize(pasted).toString());
  }
}
