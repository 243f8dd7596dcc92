package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An API key: how it is checked, trimmed, shown and kept out of texts. */
final class ApiKeyTest {
  private static final String KEY = "ms-TESTKEY-1234567890abcdef";

  @Test
  void fingerprintIsFirstThreeEllipsisLastFour() {
    // GIVEN a ModelScope-style key
    ApiKey key = ApiKey.of("ms-0f3c9a7e-5d1b-4c2a-9e8f-7a6b5c4da1b2");

    // WHEN it is fingerprinted
    // THEN only the first 3 and last 4 characters show
    assertEquals("ms-…a1b2", key.fingerprint());
  }

  @Test
  void toStringIsTheFingerprint() {
    // GIVEN a key
    ApiKey key = ApiKey.of(KEY);

    // WHEN it is turned into text by accident (concatenation, a record's toString)
    String concatenated = "key=" + key;
    String inQuery = new QuotaQuery(key, List.of("m"), "modelscope", null, null).toString();

    // THEN the secret never shows
    assertEquals("key=ms-…cdef", concatenated);
    assertFalse(inQuery.contains(KEY), inQuery);
  }

  @Test
  void revealsTheKeyWithoutSurroundingWhitespace() {
    // GIVEN a key pasted with spaces and a trailing newline
    // WHEN it is wrapped
    // THEN the secret itself is exact
    assertEquals(KEY, ApiKey.of("  " + KEY + "\n").reveal());
  }

  @Test
  void dropsTheInvisibleSpacesACopyFromAWebPageBrings() {
    // GIVEN a key copied with a no-break space, a zero-width space and a byte-order mark around it
    // WHEN it is wrapped
    // THEN the secret is exactly the key
    assertEquals(KEY, ApiKey.of("\uFEFF\u00A0" + KEY + "\u200B\u3000").reveal());
  }

  @Test
  void shortKeysShowLessThanFirstThreeAndLastFour() {
    // GIVEN a short key, where 3 + 4 characters would show most of it
    ApiKey key = ApiKey.of("abcdefgh");

    // WHEN it is fingerprinted
    // THEN at most its last 2 characters show
    assertEquals("…gh", key.fingerprint());
  }

  @Test
  void redactsItselfFromText() {
    // GIVEN a text that quotes the key twice
    ApiKey key = ApiKey.of(KEY);

    // WHEN the key is redacted from it
    String redacted = key.redactFrom("bad key " + KEY + " (" + KEY + ")");

    // THEN only fingerprints are left
    assertEquals("bad key ms-…cdef (ms-…cdef)", redacted);
  }

  @Test
  void redactsItselfInAnyLetterCaseAtEitherEndAndLeavesOtherTextAlone() {
    // GIVEN texts that quote the key in other letter cases, back to back, or not at all
    ApiKey key = ApiKey.of(KEY);

    // WHEN / THEN each quote becomes the fingerprint and nothing else changes
    assertEquals(
        "ms-…cdefms-…cdef: x",
        key.redactFrom(KEY.toLowerCase(Locale.ROOT) + KEY.toUpperCase(Locale.ROOT) + ": x"));
    assertEquals("x ms-…cdef", key.redactFrom("x " + KEY));
    assertEquals("no key here", key.redactFrom("no key here"));
    assertEquals("", key.redactFrom(""));
    assertNull(key.redactFrom(null));
  }

  @Test
  void equalsByValue() {
    // GIVEN two wraps of the same key and one of another
    // THEN equality follows the value
    assertEquals(ApiKey.of(KEY), ApiKey.of(" " + KEY));
    assertNotEquals(ApiKey.of(KEY), ApiKey.of(KEY + "x"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " \n", "\t\n", "\u200B", "\uFEFF\u200B", "\u00A0\u3000"})
  void aMissingKeyIsRefusedSayingWhereTheKeyGoes(String missing) {
    // GIVEN no key at all, or only whitespace and invisible characters (not an empty key)
    // WHEN it is wrapped
    InvalidQueryException refused =
        assertThrows(InvalidQueryException.class, () -> ApiKey.of(missing));

    // THEN it is refused as missing, with where the key goes; as another secret too
    assertEquals(
        "api_key is missing: send it as \"api_key\" in the JSON body or as"
            + " \"Authorization: Bearer <key>\".",
        refused.getMessage());
    assertEquals(
        "access_token is missing.",
        assertThrows(InvalidQueryException.class, () -> ApiKey.secret(missing, "access_token"))
            .getMessage());
    assertTrue(ApiKey.isAbsent(missing));
  }

  @Test
  void oneVisibleCharacterBesideInvisibleOnesIsNotAMissingKey() {
    assertFalse(ApiKey.isAbsent("\u200Bk"));
  }

  @Test
  void acceptsAKeyOf512Characters() {
    // GIVEN a key exactly at the limit
    String longest = "ms-" + "k".repeat(509);

    // WHEN / THEN it is accepted
    assertEquals(longest, ApiKey.of(longest).reveal());
  }

  @Test
  void refusesAKeyOver512CharactersWithoutEchoingIt() {
    // GIVEN a 513-character key
    String tooLong = "ms-" + "k".repeat(510);

    // WHEN it is wrapped
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> ApiKey.of(tooLong));

    // THEN the message names the limit, not the key
    assertEquals(
        "api_key is longer than 512 characters: paste only the key itself.", invalid.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\u0000", "\r\nX-Injected: 1", " "})
  void refusesAKeyWithLineBreaksNulOrSpacesInsideWithoutEchoingIt(String inside) {
    // GIVEN a key with a CR, LF, NUL or space in the middle (header injection, a bad paste)
    String raw = "ms-TESTKEY-123456" + inside + "7890abcdef";

    // WHEN it is wrapped
    InvalidQueryException invalid = assertThrows(InvalidQueryException.class, () -> ApiKey.of(raw));

    // THEN the message says what is wrong and holds no part of the key
    assertEquals(
        "api_key contains control characters or spaces (for example a line break): paste only"
            + " the key itself.",
        invalid.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ms-…cdef", "ms-TESTKEY-１２３４５６７８９０", "ms-TESTKEY-1234567890abcdé"})
  void refusesAKeyThatCannotGoIntoAnHttpHeaderWithoutEchoingIt(String raw) {
    // GIVEN a key with characters outside visible ASCII (a pasted fingerprint, full-width digits)
    // WHEN it is wrapped
    InvalidQueryException invalid = assertThrows(InvalidQueryException.class, () -> ApiKey.of(raw));

    // THEN it is refused up front with a message that says why, instead of every model failing
    assertTrue(
        invalid.getMessage().startsWith("api_key contains characters"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("TESTKEY"), invalid.getMessage());
  }

  @Test
  void namesTheFieldOfAnotherSecretInItsMessages() {
    // GIVEN a relay access token with a line break
    // WHEN it is wrapped as the access token
    InvalidQueryException invalid =
        assertThrows(
            InvalidQueryException.class,
            () -> ApiKey.secret("access-token-0123456789\nX: y", "access_token"));

    // THEN the message names that field, and not the token
    assertTrue(invalid.getMessage().startsWith("access_token contains"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("0123456789"), invalid.getMessage());
  }
}
