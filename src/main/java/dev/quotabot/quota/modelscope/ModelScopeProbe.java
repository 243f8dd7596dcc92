package dev.quotabot.quota.modelscope;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.BoundedBody;
import dev.quotabot.quota.ModelProbe;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.Urls;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one model with the cheapest possible chat call (1 token, streamed) and reads the quota
 * headers as soon as they arrive; the stream is closed right after, so no answer is waited for.
 */
public final class ModelScopeProbe implements ModelProbe {
  private static final Logger LOG = LoggerFactory.getLogger(ModelScopeProbe.class);
  private static final int MAX_ERROR_BODY_BYTES = 8 * 1024;

  private final HttpClient http;
  private final URI chatCompletions;
  private final TimeoutScheduler timeouts;

  /**
   * @param apiBaseUrl API-Inference base, e.g. {@code https://api-inference.modelscope.cn/v1}
   */
  public ModelScopeProbe(HttpClient http, URI apiBaseUrl, TimeoutScheduler timeouts) {
    this.http = http;
    this.chatCompletions = Urls.resolve(apiBaseUrl, "chat/completions");
    this.timeouts = timeouts;
  }

  @Override
  public CompletableFuture<ModelQuota> probe(ApiKey key, String model, Duration timeout) {
    long started = System.nanoTime();
    HttpRequest request =
        Urls.request(chatCompletions, timeout)
            .header("Authorization", "Bearer " + key.reveal())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(cheapestChat(model)))
            .build();
    BoundedBody errorBody = new BoundedBody(MAX_ERROR_BODY_BYTES, status -> status >= 300);
    AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
    CompletableFuture<ModelQuota> row = new CompletableFuture<>();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(
            request,
            info -> {
              head.set(info);
              return errorBody.apply(info);
            });
    Future<?> timer =
        timeouts.after(
            timeout,
            () -> {
              row.complete(cutShort(model, head.get(), key, timeout, elapsedMs(started)));
              exchange.cancel(true);
            });
    // The asker went away (RunningQuery.cancel): close the upstream call at once.
    row.whenComplete(
        (done, failure) -> {
          if (row.isCancelled()) {
            timer.cancel(false);
            exchange.cancel(true);
          }
        });
    exchange.whenComplete(
        (response, failure) -> {
          timer.cancel(false);
          long latencyMs = elapsedMs(started);
          if (failure == null) {
            row.complete(
                ProbeClassifier.classify(
                    model,
                    response.statusCode(),
                    response.headers(),
                    response.body(),
                    key,
                    latencyMs));
          } else if (head.get() != null) {
            row.complete(cutShort(model, head.get(), key, timeout, latencyMs));
          } else {
            row.complete(fromFailure(model, failure, timeout, latencyMs));
          }
        });
    return row;
  }

  /**
   * The probe ran out of time or was cut off. If the status line and headers had arrived (only an
   * error body was still coming) they are the answer; otherwise it is a timeout.
   */
  private static ModelQuota cutShort(
      String model, HttpResponse.ResponseInfo head, ApiKey key, Duration timeout, long latencyMs) {
    if (head != null) {
      return ProbeClassifier.classify(
          model, head.statusCode(), head.headers(), null, key, latencyMs);
    }
    return ModelQuota.failed(
        model,
        ProbeStatus.TIMEOUT,
        "No answer from ModelScope within " + timeout.toMillis() + " ms.",
        latencyMs);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  static String cheapestChat(String model) {
    JsonObject message = new JsonObject();
    message.addProperty("role", "user");
    message.addProperty("content", "hi");
    JsonArray messages = new JsonArray();
    messages.add(message);
    JsonObject body = new JsonObject();
    body.addProperty("model", model);
    body.add("messages", messages);
    body.addProperty("max_tokens", 1);
    body.addProperty("stream", true);
    return body.toString();
  }

  private static ModelQuota fromFailure(
      String model, Throwable failure, Duration timeout, long latencyMs) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      String what =
          cause instanceof HttpConnectTimeoutException
              ? "Could not connect to ModelScope within "
              : "No answer from ModelScope within ";
      return ModelQuota.failed(
          model, ProbeStatus.TIMEOUT, what + timeout.toMillis() + " ms.", latencyMs);
    }
    if (cause instanceof ConnectException) {
      return ModelQuota.failed(
          model, ProbeStatus.NETWORK_ERROR, "Could not connect to ModelScope.", latencyMs);
    }
    if (cause instanceof CancellationException) {
      return ModelQuota.failed(model, ProbeStatus.TIMEOUT, "The probe was cancelled.", latencyMs);
    }
    if (cause instanceof ProtocolException) {
      return ModelQuota.failed(
          model, ProbeStatus.NETWORK_ERROR, Urls.malformedAnswer("ModelScope", cause), latencyMs);
    }
    LOG.debug("probe of {} failed: {}", model, cause.getClass().getName());
    return ModelQuota.failed(
        model,
        ProbeStatus.NETWORK_ERROR,
        "The connection to ModelScope failed (" + cause.getClass().getSimpleName() + ").",
        latencyMs);
  }
}
