package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials other than the query's own key, removed from text before it is shown or logged. */
final class RedactionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Authorization: Bearer abc.def-ghi; next            | Authorization: Bearer [redacted]; next
          (Authorization: bearer abc.def-ghi)                | (Authorization: Bearer [redacted])
          <p>Bearer abc.def-ghi</p>                          | <p>Bearer [redacted]</p>
          {"auth":"Bearer abc.def-ghi"}                      | {"auth":"Bearer [redacted]"}
          key sk-OTHERKEY0123456789, and ms-ANOTHER012345678 | key [redacted], and [redacted]
          sk-short and ms-                                   | sk-short and ms-
          """)
  void replacesBearerCredentialsAndKeyShapedTokensKeepingTheTextAround(
      String text, String expected) {
    // GIVEN a text quoting a bearer credential or a key-shaped token (or only something like one)
    // WHEN it is redacted
    // THEN the credential is replaced and the punctuation around it stays
    assertEquals(expected, Redaction.tokens(text));
  }
}
