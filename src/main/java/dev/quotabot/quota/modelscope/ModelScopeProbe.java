package dev.quotabot.quota.modelscope;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ChatBody;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one model with the cheapest possible chat call (1 token, streamed) and reads the quota
 * headers as soon as they arrive; the stream is closed right after, so no answer is waited for.
 */
final class ModelScopeProbe {
  private static final Logger LOG = LoggerFactory.getLogger(ModelScopeProbe.class);

  /** The most of an error answer that is read: its message is all that is needed. */
  static final int MAX_ERROR_BODY_BYTES = 8 * 1024;

  private final UpstreamHttp http;
  private final URI chatCompletions;
  private final Clock clock;

  /**
   * @param http trusted, reading at most {@link #MAX_ERROR_BODY_BYTES}
   * @param apiBaseUrl API-Inference base, e.g. {@code https://api-inference.modelscope.cn/v1}
   * @param clock when an answer came, for the daily windows' reset
   */
  ModelScopeProbe(UpstreamHttp http, URI apiBaseUrl, Clock clock) {
    this.http = http;
    this.chatCompletions = Urls.resolve(apiBaseUrl, "chat/completions");
    this.clock = clock;
  }

  /** Always completes normally; cancelling it closes the call. */
  CompletableFuture<ModelQuota> probe(ApiKey key, String model, Duration timeout) {
    long started = System.nanoTime();
    CompletableFuture<UpstreamResponse> call =
        http.probe(
            chatCompletions,
            Map.of("Authorization", "Bearer " + key.reveal(), "Accept", "text/event-stream"),
            cheapestChat(model),
            timeout,
            "ModelScope");
    CompletableFuture<ModelQuota> row =
        call.thenApply(
            answer -> {
              long latencyMs = (System.nanoTime() - started) / 1_000_000;
              if (answer.answered()) {
                return ProbeClassifier.classify(model, answer, key, latencyMs, clock.instant());
              }
              ProbeStatus failure = Objects.requireNonNull(answer.failure());
              Text why =
                  Objects.requireNonNullElse(
                      answer.failureText(),
                      Text.of("modelscope.no_answer", "failure", failure.wireName()));
              // the status only: the failure text names hosts, never the key, but need not be
              // logged
              LOG.debug("probe of {} failed: {}", model, failure.wireName());
              return ModelQuota.failed(model, failure, why, latencyMs);
            });
    // the asker went away (the run cancels the row): close the upstream call at once
    row.whenComplete(
        (done, failure) -> {
          if (row.isCancelled()) {
            call.cancel(true);
          }
        });
    return row;
  }

  static String cheapestChat(String model) {
    return ChatBody.oneToken(model, "max_tokens");
  }
}
