package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.net.BaseUrlRules;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class QuotaQueryFactoryTest {
  private static final String KEY = "ms-TESTKEY-1234567890abcdef";
  private static final QuotaQueryFactory FACTORY =
      new QuotaQueryFactory(
          new QuotaSettings(
              List.of("Qwen/Qwen3-32B"), 3, Duration.ofSeconds(10), Duration.ofSeconds(20), 50),
          new ProviderRegistry(List.of()),
          new BaseUrlRules(false));

  @Test
  void buildsAQueryFromAKeyAndModelPieces() {
    // GIVEN a key with whitespace around it and a comma-separated list
    // WHEN a query is created
    QuotaQuery query = create(" " + KEY + " ", List.of("a/1, b/2", "a/1"));

    // THEN the key is exact and the models are clean
    assertEquals(KEY, query.key().reveal());
    assertEquals(List.of("a/1", "b/2"), query.models());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", ",,，", "\n"})
  void treatsAnEmptyModelListAsTheFreeBalanceOnlyCheck(String pieces) {
    // GIVEN no model
    // WHEN a query is created
    QuotaQuery query = create(KEY, List.of(pieces));

    // THEN it asks for the balance only
    assertTrue(query.models().isEmpty());
  }

  @Test
  void treatsAnEmptyCollectionAsBalanceOnly() {
    // GIVEN no pieces at all
    // WHEN / THEN the query names no model
    assertTrue(create(KEY, List.of()).models().isEmpty());
  }

  @Test
  void stillNeedsAKeyForTheBalanceOnlyCheck() {
    assertThrows(InvalidQueryException.class, () -> create(" ", List.of()));
  }

  @Test
  void enforcesTheConfiguredMaximum() {
    // GIVEN a maximum of 3 and 4 models
    // WHEN a query is created
    InvalidQueryException tooMany =
        assertThrows(InvalidQueryException.class, () -> create(KEY, List.of("a b c d")));

    // THEN the message names the limit
    assertTrue(tooMany.getMessage().contains("at most 3"), tooMany.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void rejectsABlankKey(String blank) {
    // GIVEN a blank key
    // WHEN a query is created
    InvalidQueryException missing =
        assertThrows(InvalidQueryException.class, () -> create(blank, List.of("a/1")));

    // THEN the message says the key is missing and where to put it
    assertTrue(missing.getMessage().contains("api_key is missing"), missing.getMessage());
  }

  @Test
  void rejectsAMissingKey() {
    // GIVEN no key
    // WHEN / THEN the message says it is missing
    InvalidQueryException missing =
        assertThrows(InvalidQueryException.class, () -> create(null, List.of("a/1")));
    assertTrue(missing.getMessage().contains("api_key is missing"), missing.getMessage());
  }

  @Test
  void acceptsAKeyOf512Characters() {
    // GIVEN a key exactly at the limit
    String longest = "ms-" + "k".repeat(509);

    // WHEN / THEN it is accepted
    assertEquals(longest, create(longest, List.of("a/1")).key().reveal());
  }

  @Test
  void rejectsAKeyOver512CharactersWithoutEchoingIt() {
    // GIVEN a 513-character key
    String tooLong = "ms-" + "k".repeat(510);

    // WHEN a query is created
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> create(tooLong, List.of("a/1")));

    // THEN the message names the limit, not the key
    assertTrue(invalid.getMessage().contains("512"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("kkkkkkkk"), invalid.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\u0000", "\r\nX-Injected: 1"})
  void rejectsAKeyWithLineBreaksOrNulWithoutEchoingIt(String inside) {
    // GIVEN a key with a CR, LF or NUL in the middle (header injection, a bad paste)
    String raw = "ms-TESTKEY-123456" + inside + "7890abcdef";

    // WHEN a query is created
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> create(raw, List.of("a/1")));

    // THEN the message says what is wrong and holds no part of the key
    assertTrue(invalid.getMessage().contains("control characters"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("TESTKEY"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("7890abcdef"), invalid.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ms-…cdef", "ms-TESTKEY-１２３４５６７８９０", "ms-TESTKEY-1234567890abcdé"})
  void rejectsAKeyThatCannotGoIntoAnHttpHeaderWithoutEchoingIt(String raw) {
    // GIVEN a key with characters outside visible ASCII (a pasted fingerprint, full-width digits)
    // WHEN a query is created
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> create(raw, List.of("a/1")));

    // THEN it is refused up front with a message that says why, instead of every model failing
    assertTrue(invalid.getMessage().contains("api_key"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("TESTKEY"), invalid.getMessage());
  }

  @Test
  void rejectsTheKeyPastedAsAModelWithoutEchoingIt() {
    // GIVEN the key typed into the models field as well
    // WHEN a query is created
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> create(KEY, List.of("a/1, " + KEY)));

    // THEN it is refused (the model name would be shown and sent upstream) without the key
    assertTrue(invalid.getMessage().contains("models"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains(KEY), invalid.getMessage());
  }

  @Test
  void rejectsTheKeyInsideATooLongModelNameWithoutEchoingIt() {
    // GIVEN the key pasted into the models field, glued to more text past the name limit
    String glued = KEY + "-".repeat(ModelList.MAX_NAME_LENGTH);

    // WHEN a query is created
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> create(KEY, List.of(glued)));

    // THEN the message says where the key went instead of quoting the name's start (the key)
    assertTrue(invalid.getMessage().contains("api_key"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("TESTKEY"), invalid.getMessage());
  }

  @Test
  void treatsMissingModelPiecesAsNoModels() {
    // GIVEN a door that passes no collection, or one with a null item
    // WHEN a query is created
    // THEN the null is not a crash: it asks for the balance only, null items are skipped
    assertTrue(create(KEY, null).models().isEmpty());
    assertEquals(List.of("a/1"), create(KEY, java.util.Arrays.asList(null, "a/1")).models());
  }

  /** A ModelScope query as the doors ask for one: no provider, base URL or admin fields. */
  private static QuotaQuery create(String rawKey, Collection<String> modelPieces) {
    return FACTORY.create(new QueryInput(rawKey, modelPieces, null, null, null, null));
  }
}
