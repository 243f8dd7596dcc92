package dev.quotabot.quota.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a window is full again, from each way providers write it; unreadable is unknown. */
final class ResetFormatTest {
  private static final Instant NOW = Instant.parse("2026-11-24T01:30:00Z");

  @Test
  void aGoDurationCountsFromWhenTheAnswerCame() {
    assertEquals(Instant.parse("2026-11-24T01:36:00Z"), ResetFormat.GO_DURATION.parse("6m0s", NOW));
    assertEquals(
        Instant.parse("2026-11-24T01:30:00.120Z"), ResetFormat.GO_DURATION.parse("120ms", NOW));
    assertNull(ResetFormat.GO_DURATION.parse("33011.38", NOW));
  }

  @Test
  void secondsCountFromWhenTheAnswerCameFractionsIncluded() {
    // Cerebras' documented example
    assertEquals(
        NOW.plusSeconds(33_011).plusNanos(382_867_097),
        ResetFormat.SECONDS_FROM_NOW.parse("33011.382867097855", NOW));
    assertEquals(NOW.plusSeconds(60), ResetFormat.SECONDS_FROM_NOW.parse("60", NOW));
    assertNull(ResetFormat.SECONDS_FROM_NOW.parse("-1.5", NOW));
    assertNull(ResetFormat.SECONDS_FROM_NOW.parse("1e6", NOW));
    assertNull(ResetFormat.SECONDS_FROM_NOW.parse("9h10m", NOW));
    assertNull(ResetFormat.SECONDS_FROM_NOW.parse("99999999999", NOW));
  }

  @Test
  void anRfc3339TimeIsTakenAsItIs() {
    assertEquals(
        Instant.parse("2025-08-21T12:40:59Z"),
        ResetFormat.RFC_3339.parse("2025-08-21T12:40:59Z", NOW));
    assertEquals(
        Instant.parse("2026-11-24T01:30:20Z"),
        ResetFormat.RFC_3339.parse("2026-11-24T09:30:20+08:00", NOW));
    assertEquals(
        Instant.parse("2026-11-24T01:30:01.5Z"),
        ResetFormat.RFC_3339.parse("2026-11-24t01:30:01.5z", NOW));
    assertEquals(
        Instant.parse("2026-11-24T01:30:01Z"),
        ResetFormat.RFC_3339.parse("2026-11-24 01:30:01Z", NOW));
    assertNull(ResetFormat.RFC_3339.parse("2026-11-24T01:31:00", NOW));
    assertNull(ResetFormat.RFC_3339.parse("59s", NOW));
    assertNull(ResetFormat.RFC_3339.parse("1791326400", NOW));
  }

  @Test
  void unixSecondsAreATimeOnlyWithinThisCentury() {
    assertEquals(
        Instant.ofEpochSecond(1_791_326_400L), ResetFormat.UNIX_SECONDS.parse("1791326400", NOW));
    assertEquals(
        Instant.ofEpochSecond(1_791_326_400L, 500_000_000),
        ResetFormat.UNIX_SECONDS.parse("1791326400.5", NOW));
    // a relative number of seconds, or a value in milliseconds, is no unix time
    assertNull(ResetFormat.UNIX_SECONDS.parse("3600", NOW));
    assertNull(ResetFormat.UNIX_SECONDS.parse("1791326400000", NOW));
    assertNull(ResetFormat.UNIX_SECONDS.parse("2026-11-24T01:30:00Z", NOW));
  }

  @Test
  void aMissingOrBlankHeaderIsUnknownInEveryFormat() {
    for (ResetFormat format : ResetFormat.values()) {
      assertNull(format.parse(null, NOW), format.name());
      assertNull(format.parse(" ", NOW), format.name());
    }
  }
}
