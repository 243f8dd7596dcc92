package dev.quotabot.quota.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.InvalidQueryException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ThresholdsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private static Threshold percent(String value) {
    return new Threshold(Threshold.Kind.PERCENT, new BigDecimal(value));
  }

  private static Threshold amount(String value) {
    return new Threshold(Threshold.Kind.AMOUNT, new BigDecimal(value));
  }

  private static Reading reading(String available, String total) {
    return new Reading(
        NOW, new BigDecimal(available), total == null ? null : new BigDecimal(total), "魔粒");
  }

  private static InvalidQueryException refused(String raw) {
    return assertThrows(InvalidQueryException.class, () -> Thresholds.parse(raw));
  }

  @Test
  void readsPercentsSeparatedByACommaAndASpace() {
    assertEquals(List.of(percent("20"), percent("5")), Thresholds.parse("20%, 5%").levels());
  }

  @Test
  void readsOneAmount() {
    assertEquals(List.of(amount("5")), Thresholds.parse("5").levels());
  }

  @Test
  void readsAmountsSeparatedBySpacesAndSortsThemHighestFirst() {
    assertEquals(
        List.of(amount("10"), amount("5"), amount("1")), Thresholds.parse("1 10  5").levels());
  }

  @Test
  void readsFullWidthCommasDigitsAndPercentSigns() {
    assertEquals(List.of(percent("20"), percent("5")), Thresholds.parse("５％，２０％").levels());
  }

  @Test
  void readsAPercentSignAfterASpaceAsPartOfItsNumber() {
    assertEquals(List.of(percent("20"), percent("5")), Thresholds.parse("20 %, 5 %").levels());
  }

  @Test
  void readsDecimalAmountsWrittenAsTheUserLikes() {
    assertEquals(List.of(amount("2"), amount("0.5")), Thresholds.parse("0.50, 2.0").levels());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", ", ,"})
  void nothingTypedIsTheDefault(String raw) {
    assertEquals(Thresholds.parse(Thresholds.DEFAULT), Thresholds.parse(raw));
    assertEquals("20%, 5%", Thresholds.parse(raw).toString());
  }

  @Test
  void showsItselfAsTheUserTypesIt() {
    assertEquals("10, 2.5", Thresholds.parse("2.5 10").toString());
  }

  @Test
  void refusesPercentsMixedWithAmounts() {
    assertEquals("watch.thresholds_mixed", refused("20%, 5").text().code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"150%", "0%", "-5%", "100.5%"})
  void refusesAPercentOutsideZeroToHundred(String raw) {
    InvalidQueryException refused = refused(raw);

    assertEquals("watch.thresholds_percent_range", refused.text().code());
    assertTrue(refused.getMessage().startsWith(raw + " "), refused.getMessage());
  }

  @Test
  void acceptsAHundredPercent() {
    assertEquals(List.of(percent("100")), Thresholds.parse("100%").levels());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "0.0"})
  void refusesAnAmountThatIsNotAboveZero(String raw) {
    assertEquals("watch.thresholds_amount_positive", refused(raw).text().code());
  }

  @Test
  void refusesARepeatedLevelEvenWrittenDifferently() {
    InvalidQueryException refused = refused("20%, 5%, 20.0%");

    assertEquals("watch.thresholds_repeated", refused.text().code());
    assertTrue(refused.getMessage().startsWith("20% "), refused.getMessage());
  }

  @Test
  void refusesMoreThanFiveLevels() {
    InvalidQueryException refused = refused("60% 50% 40% 30% 20% 10%");

    assertEquals("watch.thresholds_too_many", refused.text().code());
    assertEquals("6 levels are too many: give at most 5.", refused.getMessage());
  }

  @Test
  void acceptsFiveLevels() {
    assertEquals(5, Thresholds.parse("50% 40% 30% 20% 10%").levels().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "20%%", "5$", "1e3", "%"})
  void refusesWhatIsNotANumberQuotingIt(String raw) {
    InvalidQueryException refused = refused("10, " + raw);

    assertEquals("watch.thresholds_not_a_number", refused.text().code());
    assertTrue(refused.getMessage().startsWith("\"" + raw + "\""), refused.getMessage());
  }

  @Test
  void quotesAtMostTwentyCharactersOfALongPiece() {
    String pasted = "sk-" + "x".repeat(60);

    String message = refused(pasted).getMessage();

    assertFalse(message.contains("x".repeat(18)), message);
    assertTrue(message.startsWith("\"" + pasted.substring(0, 20) + "…\""), message);
  }

  @Test
  void itsErrorsAreWordedInEveryLanguage() {
    InvalidQueryException refused = refused("20%, 5");

    assertFalse(refused.text().in(Locale.JAPANESE).equals(refused.getMessage()));
    assertFalse(refused.text().in(Locale.KOREAN).equals(refused.getMessage()));
  }

  @Test
  void percentsApplyOnlyToAReadingWithATotal() {
    Thresholds percents = Thresholds.parse("20%");

    assertTrue(percents.appliesTo(reading("50", "100")));
    assertFalse(percents.appliesTo(reading("50", null)));
    assertFalse(percents.appliesTo(reading("50", "0")));
  }

  @Test
  void amountsApplyToAnyReading() {
    assertTrue(Thresholds.parse("5").appliesTo(reading("50", null)));
  }

  @Test
  void nothingIsCrossedAboveTheHighestLevel() {
    assertEquals(-1, Thresholds.parse("20%, 5%").deepestCrossed(reading("21", "100")));
  }

  @Test
  void aReadingAtALevelHasCrossedIt() {
    assertEquals(0, Thresholds.parse("20%, 5%").deepestCrossed(reading("20", "100")));
  }

  @Test
  void aReadingBelowTwoLevelsNamesTheDeepest() {
    assertEquals(1, Thresholds.parse("20%, 5%").deepestCrossed(reading("4", "100")));
  }

  @Test
  void amountsCompareWhatIsLeft() {
    Thresholds amounts = Thresholds.parse("10 5 1");

    assertEquals(-1, amounts.deepestCrossed(reading("10.01", null)));
    assertEquals(1, amounts.deepestCrossed(reading("3", "1000")));
    assertEquals(2, amounts.deepestCrossed(reading("-2", null)));
  }

  @Test
  void percentsCrossNothingOnAReadingWithoutATotal() {
    assertEquals(-1, Thresholds.parse("20%").deepestCrossed(reading("0", null)));
  }
}
