package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
