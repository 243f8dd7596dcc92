package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

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
    String inQuery = new QuotaQuery(key, List.of("m")).toString();

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

  @Test
  void rejectsAMissingKey() {
    // GIVEN no key at all
    // WHEN / THEN it is refused with a message saying where the key goes
    InvalidQueryException missing =
        assertThrows(InvalidQueryException.class, () -> ApiKey.of(null));
    assertEquals(true, missing.getMessage().contains("api_key"));
  }

  @Test
  void aKeyOfOnlyInvisibleCharactersIsMissingNotAnEmptyKey() {
    for (String invisible : new String[] {"", " \n", "\u200B", "\uFEFF\u200B", "\u00A0\u3000"}) {
      InvalidQueryException missing =
          assertThrows(InvalidQueryException.class, () -> ApiKey.of(invisible));
      assertEquals(true, missing.getMessage().startsWith("api_key is missing"));
      assertThrows(InvalidQueryException.class, () -> ApiKey.secret(invisible, "access_token"));
      assertEquals(true, ApiKey.isAbsent(invisible));
    }
    assertEquals(false, ApiKey.isAbsent("\u200Bk"));
  }
}
