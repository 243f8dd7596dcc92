package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ModelListTest {
  private static final int MAX = 50;

  @Test
  void splitsOneStringOnCommasFullWidthCommasWhitespaceAndNewlines() {
    // GIVEN one string typed by a person, with every kind of separator
    String typed = "Qwen/Qwen3-32B,deepseek-ai/DeepSeek-V3.1，ZhipuAI/GLM-4.6 a/b\tc/d\ne/f\r\ng/h";

    // WHEN it is parsed
    List<String> models = ModelList.parse(List.of(typed), MAX);

    // THEN each id stands alone
    assertEquals(
        List.of(
            "Qwen/Qwen3-32B",
            "deepseek-ai/DeepSeek-V3.1",
            "ZhipuAI/GLM-4.6",
            "a/b",
            "c/d",
            "e/f",
            "g/h"),
        models);
  }

  @Test
  void acceptsAnArrayWhoseItemsMayHoldSeveralModels() {
    // GIVEN an array of strings, one of which is itself a list
    List<String> pieces = List.of("Qwen/Qwen3-32B", "a/b, c/d", "e/f");

    // WHEN it is parsed
    // THEN the ids come out flat and in order
    assertEquals(List.of("Qwen/Qwen3-32B", "a/b", "c/d", "e/f"), ModelList.parse(pieces, MAX));
  }

  @Test
  void trimsDropsEmptiesAndRemovesDuplicatesKeepingTheFirst() {
    // GIVEN padding, empty items and repeats
    List<String> pieces = List.of("  b/2 ,, a/1 ", "", "   ", ",，,", "b/2", "c/3\n\na/1");

    // WHEN it is parsed
    // THEN each id appears once, where it first appeared
    assertEquals(List.of("b/2", "a/1", "c/3"), ModelList.parse(pieces, MAX));
  }

  @Test
  void nothingButSeparatorsIsAnEmptyList() {
    // GIVEN only separators
    // WHEN it is parsed
    // THEN no model (the factory decides what an empty list means)
    assertEquals(List.of(), ModelList.parse(List.of(" , \n，"), MAX));
    assertEquals(List.of(), ModelList.parse(List.of(), MAX));
  }

  @Test
  void acceptsExactlyTheMaximum() {
    // GIVEN exactly max distinct models
    String fifty =
        IntStream.rangeClosed(1, MAX).mapToObj(i -> "m" + i).collect(Collectors.joining(","));

    // WHEN it is parsed
    // THEN all are kept
    assertEquals(MAX, ModelList.parse(List.of(fifty), MAX).size());
  }

  @Test
  void countsModelsAfterRemovingDuplicates() {
    // GIVEN 60 items that are 10 distinct models
    List<String> pieces = IntStream.range(0, 60).mapToObj(i -> "m" + (i % 10)).toList();

    // WHEN it is parsed with a maximum of 10
    // THEN it is accepted
    assertEquals(10, ModelList.parse(pieces, 10).size());
  }

  @Test
  void rejectsMoreThanTheMaximumWithAClearMessage() {
    // GIVEN 51 models
    String many =
        IntStream.rangeClosed(1, MAX + 1).mapToObj(i -> "m" + i).collect(Collectors.joining(","));

    // WHEN it is parsed
    InvalidQueryException tooMany =
        assertThrows(InvalidQueryException.class, () -> ModelList.parse(List.of(many), MAX));

    // THEN the message gives the count and the limit
    assertTrue(tooMany.getMessage().contains("51"), tooMany.getMessage());
    assertTrue(tooMany.getMessage().contains("at most 50"), tooMany.getMessage());
  }

  @Test
  void acceptsANameOfExactly200Characters() {
    // GIVEN a 200-character model id
    String name = "Org/" + "x".repeat(196);

    // WHEN it is parsed
    // THEN it is kept
    assertEquals(List.of(name), ModelList.parse(List.of(name), MAX));
  }

  @Test
  void rejectsANameLongerThan200Characters() {
    // GIVEN a 201-character model id
    String name = "Org/" + "x".repeat(197);

    // WHEN it is parsed
    InvalidQueryException tooLong =
        assertThrows(InvalidQueryException.class, () -> ModelList.parse(List.of(name), MAX));

    // THEN the message names the limit
    assertTrue(tooLong.getMessage().contains("200"), tooLong.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Qwen/\u0000Qwen", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085x"})
  void rejectsNamesWithControlCharacters(String name) {
    // GIVEN a model id holding a control character
    // WHEN it is parsed
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> ModelList.parse(List.of(name), MAX));

    // THEN the message says what is wrong
    assertTrue(invalid.getMessage().contains("control characters"), invalid.getMessage());
  }

  @Test
  void splitsOnUnicodeSpacesToo() {
    // GIVEN ids separated by an ideographic space (Chinese input), a no-break space and a
    // zero-width space, with a byte-order mark in front
    String typed =
        "\uFEFFQwen/Qwen3-32B\u3000deepseek-ai/DeepSeek-V3.1\u00A0ZhipuAI/GLM-4.6\u200Ba/b";

    // WHEN it is parsed
    // THEN each id stands alone and nothing invisible is left in a name
    assertEquals(
        List.of("Qwen/Qwen3-32B", "deepseek-ai/DeepSeek-V3.1", "ZhipuAI/GLM-4.6", "a/b"),
        ModelList.parse(List.of(typed), MAX));
  }

  @Test
  void rejectsNamesWithInvisibleFormattingCharacters() {
    // GIVEN an id with a right-to-left override inside
    // WHEN it is parsed
    // THEN it is refused rather than sent upstream as a look-alike
    assertThrows(
        InvalidQueryException.class, () -> ModelList.parse(List.of("Qwen/\u202EQwen"), MAX));
  }

  @Test
  void aLongNameWithControlCharactersIsNotEchoedWithThem() {
    // GIVEN a 250-character id with an escape sequence near its start
    String name = "a\u001b[2J" + "x".repeat(246);

    // WHEN it is parsed
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> ModelList.parse(List.of(name), MAX));

    // THEN the message holds no control character
    assertTrue(
        invalid.getMessage().chars().noneMatch(Character::isISOControl), invalid.getMessage());
  }

  @Test
  void aLongNameIsQuotedWithoutSplittingACharacter() {
    // GIVEN a 301-char id made of a letter and emoji (surrogate pairs), so that a cut at an
    // even index falls inside a pair
    String name = "a" + "😀".repeat(150);

    // WHEN it is parsed
    InvalidQueryException invalid =
        assertThrows(InvalidQueryException.class, () -> ModelList.parse(List.of(name), MAX));

    // THEN the quoted start of the name is whole characters
    String message = invalid.getMessage();
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < message.length() && Character.isLowSurrogate(message.charAt(++i)));
      } else {
        assertFalse(Character.isLowSurrogate(c), message);
      }
    }
  }

  @Test
  void skipsNullPieces() {
    // GIVEN a collection with a null item, and no collection
    // WHEN it is parsed
    // THEN nulls are nothing, not a crash
    assertEquals(List.of("a/1"), ModelList.parse(java.util.Arrays.asList("a/1", null), MAX));
    assertEquals(List.of(), ModelList.parse(null, MAX));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ms-0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        "MS-0A1B2C3D-4E5F-6789-ABCD-EF0123456789",
        "sk-abcdefghij0123456789xyz",
        "Qwen/Qwen3-32B sk-abcdefghij0123456789xyz"
      })
  void refusesAPastedKeyWithoutQuotingIt(String typed) {
    InvalidQueryException refused =
        assertThrows(InvalidQueryException.class, () -> ModelList.parse(List.of(typed), MAX));

    assertTrue(refused.getMessage().contains("looks like an API key"), refused.getMessage());
    assertFalse(refused.getMessage().contains("0123456789"), refused.getMessage());
    assertTrue(ModelList.holdsKeyShapedItem(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-short", "owner/sk-abcdefghij0123456789xyz", "ms-swift", "Qwen/Qwen3"})
  void keepsModelIdsThatOnlyResembleAKey(String model) {
    assertEquals(List.of(model), ModelList.parse(List.of(model), MAX));
    assertFalse(ModelList.holdsKeyShapedItem(model));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Qwen/Qwen3-32B",
        "plain-id",
        "",
        "a b",
        "a,b",
        "a，b",
        "a\u3000b",
        "a\u00A0b",
        "a\u200Bb",
        "\uFEFFa",
        "Qwen/\u202EQwen",
        "bell\u0007",
        "sk-abcdefghij0123456789xyz",
        "ms-0a1b2c3d-4e5f-6789-abcd-ef0123456789"
      })
  void anIdIsAcceptableExactlyWhenAQueryWouldTakeItAsItIs(String id) {
    // GIVEN one id as an upstream might list it
    // WHEN a query is parsed from it alone
    boolean takenAsItIs;
    try {
      takenAsItIs = ModelList.parse(List.of(id), MAX).equals(List.of(id));
    } catch (InvalidQueryException refused) {
      takenAsItIs = false;
    }

    // THEN acceptable says the same
    assertEquals(takenAsItIs, ModelList.acceptable(id), id);
  }

  @Test
  void anIdOfExactlyTheLongestNameIsAcceptableAndOneMoreIsNot() {
    assertTrue(ModelList.acceptable("Org/" + "x".repeat(196)));
    assertFalse(ModelList.acceptable("Org/" + "x".repeat(197)));
  }
}
