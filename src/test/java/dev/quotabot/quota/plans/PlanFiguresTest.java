package dev.quotabot.quota.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The figures and period names the plans share. */
final class PlanFiguresTest {

  @ParameterizedTest
  @CsvSource({
    "300, 5h",
    "60, 1h",
    "1440, daily",
    "2880, 2d",
    "10080, weekly",
    "20160, 2w",
    "30, 30min"
  })
  void namesAPeriodByItsLength(long minutes, String name) {
    assertEquals(name, PlanFigures.period(minutes));
  }

  @Test
  void noLengthIsNoPeriod() {
    assertNull(PlanFigures.period(0));
    assertEquals("mcp", PlanFigures.windowName("mcp", null));
    assertEquals("tokens_5h", PlanFigures.windowName("tokens", "5h"));
  }

  @Test
  void aCountIsWholeAndNotNegativeWhetherANumberOrAString() {
    JsonObject object =
        JsonParser.parseString(
                "{\"n\":300,\"s\":\" 42 \",\"f\":1.5,\"neg\":-1,\"word\":\"lots\",\"big\":1e40}")
            .getAsJsonObject();

    assertEquals(300L, PlanFigures.count(object, "n"));
    assertEquals(42L, PlanFigures.count(object, "s"));
    assertNull(PlanFigures.count(object, "f"));
    assertNull(PlanFigures.count(object, "neg"));
    assertNull(PlanFigures.count(object, "word"));
    assertNull(PlanFigures.count(object, "big"));
    assertNull(PlanFigures.count(object, "absent"));
  }

  @Test
  void anEpochTimeIsReadInMillisecondsOrSecondsAndZeroIsNone() {
    JsonObject object =
        JsonParser.parseString("{\"ms\":1798718400000,\"s\":1798718400,\"zero\":0}")
            .getAsJsonObject();

    assertEquals(Instant.parse("2026-12-31T12:00:00Z"), PlanFigures.epoch(object, "ms"));
    assertEquals(Instant.parse("2026-12-31T12:00:00Z"), PlanFigures.epoch(object, "s"));
    assertNull(PlanFigures.epoch(object, "zero"));
  }

  @Test
  void aShareIsKeptAsSentAndANegativeOneIsUnknown() {
    JsonObject object =
        JsonParser.parseString("{\"p\":\"12.5\",\"over\":130,\"neg\":-3}").getAsJsonObject();

    assertEquals(new BigDecimal("12.5"), PlanFigures.percent(object, "p"));
    assertEquals(new BigDecimal("130"), PlanFigures.percent(object, "over"));
    assertNull(PlanFigures.percent(object, "neg"));
  }

  @Test
  void onlyPlainWordsMayBeQuotedInANote() {
    assertEquals("Token Plan Plus", PlanFigures.words(" Token Plan Plus "));
    assertNull(PlanFigures.words("Plus 2"));
    assertNull(PlanFigures.words("<b>pro</b>"));
    assertEquals("MiniMax-M2.7", PlanFigures.label("MiniMax-M2.7"));
    assertNull(PlanFigures.label("a name with spaces"));
  }
}
