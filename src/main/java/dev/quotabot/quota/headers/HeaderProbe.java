package dev.quotabot.quota.headers;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe of one model: the provider's cheapest call, answered as soon as its status and headers
 * are in (the connection is closed right after, so no answer is waited for or paid for), never
 * retried; then its rate-limit headers are read into windows and the answer into a row.
 */
final class HeaderProbe {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderProbe.class);

  /** The most of an error answer that is read: its message is all that is needed. */
  static final int MAX_ERROR_BODY_BYTES = 16 * 1024;

  private final UpstreamHttp http;
  private final String name;
  private final CallStyle style;
  private final RateWindowReader windows;
  private final Clock clock;

  /**
   * @param http trusted (the address is the operator's), reading at most {@link
   *     #MAX_ERROR_BODY_BYTES}
   * @param name how the provider is named in texts ({@code Groq})
   * @param clock when an answer came, the start of resets written as durations
   */
  HeaderProbe(
      UpstreamHttp http, String name, CallStyle style, RateWindowReader windows, Clock clock) {
    this.http = http;
    this.name = name;
    this.style = style;
    this.windows = windows;
    this.clock = clock;
  }

  /** Always completes normally; cancelling it closes the call. */
  CompletableFuture<ModelQuota> probe(ApiKey key, String model, Duration timeout) {
    long started = System.nanoTime();
    CheapCall call = style.call(key, model);
    CompletableFuture<UpstreamResponse> answer =
        http.probe(call.url(), call.headers(), call.json(), timeout, name);
    CompletableFuture<ModelQuota> row =
        answer.thenApply(
            response -> {
              long latencyMs = (System.nanoTime() - started) / 1_000_000;
              if (response.answered()) {
                List<RateWindow> read = windows.read(response, clock.instant());
                return ProbeClassifier.classify(name, model, response, read, key, latencyMs);
              }
              ProbeStatus failure = Objects.requireNonNull(response.failure());
              Text why =
                  Objects.requireNonNullElse(
                      response.failureText(),
                      Text.of("headers.no_answer", "failure", failure.wireName()));
              // the status only: the failure text names hosts, never the key, but need not be
              // logged
              LOG.debug("{} probe failed: {}", name, failure.wireName());
              return ModelQuota.failed(model, failure, why, latencyMs);
            });
    // the asker went away (the run cancels the row): close the upstream call at once
    row.whenComplete(
        (done, failure) -> {
          if (row.isCancelled()) {
            answer.cancel(true);
          }
        });
    return row;
  }
}
