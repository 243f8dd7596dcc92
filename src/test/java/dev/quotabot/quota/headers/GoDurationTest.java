package dev.quotabot.quota.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as Go prints them, the way OpenAI and Groq write their resets. */
final class GoDurationTest {

  @Test
  void readsTheDurationsProvidersSend() {
    // the docs' examples (Groq: 2m59.56s, 7.66s; OpenAI: 1s, 6m0s), a forum's 12ms, and Go's
    // longer and smaller forms
    assertEquals(Duration.ofMinutes(6), GoDuration.parse("6m0s"));
    assertEquals(Duration.ofMillis(2_500), GoDuration.parse("2.5s"));
    assertEquals(Duration.ofMillis(120), GoDuration.parse("120ms"));
    assertEquals(Duration.ofMillis(179_560), GoDuration.parse("2m59.56s"));
    assertEquals(Duration.ofMillis(7_660), GoDuration.parse("7.66s"));
    assertEquals(Duration.ofSeconds(1), GoDuration.parse("1s"));
    assertEquals(Duration.ofMillis(3_723_500), GoDuration.parse("1h2m3.5s"));
    assertEquals(Duration.ofMinutes(1), GoDuration.parse("1m"));
    assertEquals(Duration.ZERO, GoDuration.parse("0s"));
    assertEquals(Duration.ofNanos(1_500), GoDuration.parse("1.5µs"));
    assertEquals(Duration.ofNanos(1_500), GoDuration.parse("1.5us"));
    assertEquals(Duration.ofNanos(42), GoDuration.parse("42ns"));
    assertEquals(Duration.ofMillis(500), GoDuration.parse(" .5s "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "6",
        "33011.38",
        "6m0",
        "s",
        "-1s",
        "1d",
        "6m 0s",
        "6m0s!",
        "soon",
        "2026-11-24T01:30:00Z",
        "999999999999h",
        "401d"
      })
  void anythingElseIsUnknown(String garbage) {
    assertNull(GoDuration.parse(garbage));
  }

  @Test
  void nothingIsUnknown() {
    assertNull(GoDuration.parse(null));
  }
}
