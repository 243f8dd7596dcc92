package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class UpstreamTextTest {
  private static final String SECRET = "ms-TESTKEY-1234567890abcdef";
  private static final ApiKey KEY = ApiKey.of(SECRET);

  @Test
  void replacesTheKeyWithItsFingerprint() {
    // GIVEN an upstream message quoting the key
    // WHEN it is cleaned
    String cleaned = UpstreamText.clean("token " + SECRET + " is invalid", KEY);

    // THEN the key is gone
    assertEquals("token ms-…cdef is invalid", cleaned);
  }

  @Test
  void removesOtherCredentialsToo() {
    // GIVEN a message quoting another key and a bearer header
    String text =
        "Authorization: Bearer abc.def-ghi; also sk-OTHERKEY0123456789 and ms-ANOTHER0123456789";

    // WHEN it is cleaned
    String cleaned = UpstreamText.clean(text, KEY);

    // THEN none of them survive
    assertFalse(cleaned.contains("abc.def-ghi"), cleaned);
    assertFalse(cleaned.contains("OTHERKEY0123456789"), cleaned);
    assertFalse(cleaned.contains("ANOTHER0123456789"), cleaned);
  }

  @Test
  void turnsControlCharactersIntoSingleSpaces() {
    // GIVEN a message with line breaks, an escape sequence and line separators
    // WHEN it is cleaned
    // THEN it is one readable line
    assertEquals(
        "line one line two [31m red end",
        UpstreamText.clean("line one\r\n line two \u001b[31m red\u2028end", KEY));
  }

  @Test
  void cutsLongTextToAReadableLength() {
    // GIVEN a 5,000-character message
    // WHEN it is cleaned
    String cleaned = UpstreamText.clean("a".repeat(5_000), KEY);

    // THEN at most 300 characters and an ellipsis remain
    assertEquals(301, cleaned.length());
    assertTrue(cleaned.endsWith("…"));
  }

  @Test
  void neverCutsASurrogatePairInHalf() {
    // GIVEN a long message of emoji (two chars each), the cut landing between the halves of one
    String text = "a" + "😀".repeat(400);

    // WHEN it is cleaned
    String cleaned = UpstreamText.clean(text, KEY);

    // THEN the text ends on a whole character
    String beforeEllipsis = cleaned.substring(0, cleaned.length() - 1);
    assertFalse(Character.isHighSurrogate(beforeEllipsis.charAt(beforeEllipsis.length() - 1)));
  }

  @Test
  void cutKeepsWholeCharactersAndAddsNoMark() {
    // GIVEN texts shorter than, as long as and longer than the limit, one cut inside an emoji
    // WHEN cut to 5
    // THEN the short ones are unchanged, the long one keeps whole characters only
    assertNull(UpstreamText.cut(null, 5));
    assertEquals("abcde", UpstreamText.cut("abcde", 5));
    assertEquals("abcde", UpstreamText.cut("abcdef", 5));
    assertEquals("abcd", UpstreamText.cut("abcd\uD83D\uDE00", 5));
  }

  @Test
  void aNameIsCleanedAndCutTo100Characters() {
    // GIVEN an over-long account name that also quotes the key
    String raw = SECRET + " " + "n".repeat(200);

    // WHEN it is made a name
    String name = UpstreamText.name(raw, KEY);

    // THEN the key is gone and 100 characters remain, without a mark
    assertEquals(UpstreamText.MAX_NAME_LENGTH, name.length());
    assertTrue(name.startsWith("ms-…cdef nnn"), name);
    assertFalse(name.endsWith("…"), name);
  }

  @Test
  void nothingReadableIsNull() {
    // GIVEN nothing, or only whitespace and control characters
    // WHEN cleaned
    // THEN null, so the row shows its own explanation instead
    assertNull(UpstreamText.clean(null, KEY));
    assertNull(UpstreamText.clean(" \r\n\t ", KEY));
  }

  @Test
  void removesTheKeyInAnyLetterCase() {
    // GIVEN an upstream that upper-cases (or lower-cases) what it echoes
    // WHEN it is cleaned
    String upper = UpstreamText.clean("TOKEN " + SECRET.toUpperCase() + " INVALID", KEY);
    String lower = UpstreamText.clean("token " + SECRET.toLowerCase() + " invalid", KEY);

    // THEN the key is gone either way
    assertFalse(upper.toLowerCase().contains("1234567890abcdef"), upper);
    assertFalse(lower.contains("1234567890abcdef"), lower);
  }
}
