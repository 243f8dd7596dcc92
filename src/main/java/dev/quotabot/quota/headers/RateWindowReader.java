package dev.quotabot.quota.headers;

import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.net.UpstreamResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a provider's rate-limit headers into named windows, tolerantly: a header that is missing or
 * is not what the provider documents (a negative number, a word, a date where a duration was
 * promised) is unknown, never 0, and only windows with something known are kept. The headers are
 * read on any status: a 429 still says what is left and when it comes back.
 */
final class RateWindowReader {
  /** A count: digits only (a negative "-1", as some proxies send for "none", is unknown). */
  private static final Pattern COUNT = Pattern.compile("\\d{1,18}");

  private final List<WindowHeaders> windows;

  RateWindowReader(List<WindowHeaders> windows) {
    this.windows = List.copyOf(windows);
  }

  /**
   * @param receivedAt when the answer came, the start of a reset written as a duration
   */
  List<RateWindow> read(UpstreamResponse answer, Instant receivedAt) {
    List<RateWindow> read = new ArrayList<>();
    for (WindowHeaders headers : windows) {
      RateWindow window =
          new RateWindow(
              headers.name(),
              count(answer.header(headers.limitHeader())),
              count(answer.header(headers.remainingHeader())),
              headers.resetFormat().parse(answer.header(headers.resetHeader()), receivedAt));
      if (window.known()) {
        read.add(window);
      }
    }
    return read;
  }

  private static @Nullable Long count(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.strip();
    return COUNT.matcher(text).matches() ? Long.valueOf(text) : null;
  }
}
