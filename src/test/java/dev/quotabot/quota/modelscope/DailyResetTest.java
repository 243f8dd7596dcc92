package dev.quotabot.quota.modelscope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The next daily reset: 00:00 in Asia/Shanghai, strictly after now. */
final class DailyResetTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // one second before Shanghai midnight: the reset is that midnight
    "2026-11-24T15:59:59Z,           2026-11-25T00:00+08:00",
    "2026-11-24T15:59:59.999999999Z, 2026-11-25T00:00+08:00",
    // Shanghai midnight exactly: that reset has happened, the next is a day later
    "2026-11-24T16:00:00Z,           2026-11-26T00:00+08:00",
    "2026-11-24T16:00:00.000000001Z, 2026-11-26T00:00+08:00",
    // the middle of a Shanghai day, and UTC midnight (08:00 in Shanghai)
    "2026-11-24T04:00:00Z,           2026-11-25T00:00+08:00",
    "2026-11-25T00:00:00Z,           2026-11-26T00:00+08:00",
    // across the end of a year and of February in a leap year
    "2026-12-31T15:00:00Z,           2027-01-01T00:00+08:00",
    "2026-12-31T16:00:00Z,           2027-01-02T00:00+08:00",
    "2028-02-28T17:00:00Z,           2028-03-01T00:00+08:00",
  })
  void isTheNextShanghaiMidnightStrictlyAfterNow(String now, String expected) {
    // WHEN the next reset is asked for at this instant
    OffsetDateTime reset = DailyReset.after(Instant.parse(now));

    // THEN it is the expected Shanghai midnight, with the +08:00 offset
    assertEquals(OffsetDateTime.parse(expected), reset);
    assertEquals(ZoneOffset.ofHours(8), reset.getOffset());
  }

  @Test
  void agreesWithTheAsiaShanghaiZoneAllYearRound() {
    // GIVEN every hour of a year
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int hour = 0; hour < 366 * 24; hour++) {
      Instant now = start.plusSeconds(hour * 3600L + 1);

      // WHEN the next reset is asked for
      OffsetDateTime reset = DailyReset.after(now);

      // THEN it is the start of the next day in Asia/Shanghai
      Instant expected =
          now.atZone(shanghai).toLocalDate().plusDays(1).atStartOfDay(shanghai).toInstant();
      assertEquals(expected, reset.toInstant(), now.toString());
    }
  }
}
