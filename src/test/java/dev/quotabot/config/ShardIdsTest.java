package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Shard ids as operators write them, and as the product writes them back. */
final class ShardIdsTest {

  @Test
  void readsARange() {
    assertEquals(List.of(0, 1, 2, 3), ShardIds.parse("0-3"));
  }

  @Test
  void readsAListOfIds() {
    assertEquals(List.of(0, 2, 5), ShardIds.parse("0,2,5"));
  }

  @Test
  void readsRangesAndIdsTogetherInAscendingOrderWithSpaces() {
    assertEquals(List.of(0, 1, 4, 7), ShardIds.parse("4, 0-1 ,7"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "1-",
        "-1",
        "1--2",
        "1,,2",
        "1 2",
        "0x1",
        "1.5",
        "1-2-3",
        "100000",
        "0-100000"
      })
  void refusesWhatIsNotIdsOrRanges(String text) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> ShardIds.parse(text));

    assertTrue(refused.getMessage().contains("is not a shard id"), refused.getMessage());
  }

  @Test
  void refusesARangeThatEndsBeforeItStarts() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> ShardIds.parse("3-1"));

    assertTrue(refused.getMessage().contains("3-1 ends before it starts"), refused.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"1,1", "0-3,2", "0-2,2-4"})
  void refusesAnIdListedTwice(String text) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> ShardIds.parse(text));

    assertTrue(refused.getMessage().contains("listed twice"), refused.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"0;0", "0,1;0-1", "0,1,2,4;0-2,4", "1,3,5;1,3,5"})
  void writesIdsBackCompactly(String ids, String written) {
    assertEquals(written, ShardIds.describe(ShardIds.parse(ids)));
  }
}
