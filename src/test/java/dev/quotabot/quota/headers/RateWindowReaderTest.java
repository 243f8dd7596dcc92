package dev.quotabot.quota.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.net.UpstreamResponse;
import java.time.Instant;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Rate-limit headers into named windows: what is known is read, the rest is null, never 0. */
final class RateWindowReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-24T01:30:00Z");
  private static final RateWindowReader READER =
      new RateWindowReader(
          List.of(
              new WindowHeaders("requests_per_day", "l-r", "r-r", "t-r", ResetFormat.GO_DURATION),
              new WindowHeaders(
                  "tokens_per_minute", "l-t", "r-t", "t-t", ResetFormat.GO_DURATION)));

  @Test
  void readsEachWindowInTheDeclaredOrder() {
    List<RateWindow> windows =
        READER.read(
            answer("t-t", "7.66s", "l-t", "18000", "r-t", "17997", "l-r", "14400", "r-r", "0"),
            NOW);

    assertEquals(
        List.of(
            new RateWindow("requests_per_day", 14_400L, 0L, null),
            new RateWindow("tokens_per_minute", 18_000L, 17_997L, NOW.plusMillis(7_660))),
        windows);
  }

  @Test
  void keepsOnlyTheWindowsWithSomethingKnown() {
    assertEquals(
        List.of(new RateWindow("tokens_per_minute", null, null, NOW.plusSeconds(1))),
        READER.read(answer("t-t", "1s"), NOW));
    assertEquals(List.of(), READER.read(answer("x-other", "5"), NOW));
  }

  @Test
  void aCountThatIsNotACountIsUnknownNeverZero() {
    List<RateWindow> windows =
        READER.read(
            answer(
                "l-r",
                "-1",
                "r-r",
                "lots",
                "t-r",
                "soon",
                "l-t",
                " 18000 ",
                "r-t",
                "17997.5",
                "t-t",
                "99999999999999999999"),
            NOW);

    assertEquals(List.of(new RateWindow("tokens_per_minute", 18_000L, null, null)), windows);
  }

  @Test
  void aCountTooLargeForALongOrInOtherDigitsIsUnknown() {
    Headers headers =
        new Headers.Builder()
            .add("l-r", "99999999999999999999")
            .addUnsafeNonAscii("r-r", "١٢٣")
            .build();

    assertEquals(
        List.of(), READER.read(new UpstreamResponse(200, headers, new byte[0], null, null), NOW));
  }

  private static UpstreamResponse answer(String... namesAndValues) {
    return new UpstreamResponse(429, Headers.of(namesAndValues), new byte[0], null, null);
  }
}
