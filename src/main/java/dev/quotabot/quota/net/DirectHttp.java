package dev.quotabot.quota.net;

import dev.quotabot.quota.BoundedBody;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.Urls;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link UpstreamHttp} on the shared JDK client, for upstreams the operator configured (trusted):
 * redirects are not followed, bodies are capped, the whole call is bounded by its timeout.
 */
public final class DirectHttp implements UpstreamHttp {
  private final HttpClient http;
  private final TimeoutScheduler timeouts;
  private final int maxBodyBytes;

  public DirectHttp(HttpClient http, TimeoutScheduler timeouts, int maxBodyBytes) {
    this.http = http;
    this.timeouts = timeouts;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public CompletableFuture<UpstreamResponse> get(
      URI url, Map<String, String> headers, Duration timeout, String upstreamName) {
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      HttpRequest.Builder request = Urls.request(url, timeout).header("Accept", "application/json");
      headers.forEach(request::header);
      exchange =
          http.sendAsync(request.GET().build(), new BoundedBody(maxBodyBytes, status -> true));
    } catch (RuntimeException unusable) {
      return CompletableFuture.completedFuture(
          UpstreamResponse.failed(
              ProbeStatus.NETWORK_ERROR,
              "The request to " + upstreamName + " could not be built."));
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    Future<?> timer =
        timeouts.after(
            timeout,
            () -> {
              timedOut.set(true);
              exchange.cancel(true);
            });
    return exchange.handle(
        (response, failure) -> {
          timer.cancel(false);
          // Cancelling at the deadline also ends the body with what had come, and that sometimes
          // completes the exchange before the cancellation does: half a body is no answer.
          if (failure == null && !timedOut.get()) {
            return new UpstreamResponse(response.statusCode(), response.body(), null, null);
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (timedOut.get() || cause instanceof HttpTimeoutException) {
            return UpstreamResponse.failed(
                ProbeStatus.TIMEOUT,
                upstreamName + " did not answer within " + timeout.toMillis() + " ms.");
          }
          if (cause instanceof ConnectException) {
            return UpstreamResponse.failed(
                ProbeStatus.NETWORK_ERROR, "Could not connect to " + upstreamName + ".");
          }
          if (cause instanceof ProtocolException) {
            return UpstreamResponse.failed(
                ProbeStatus.NETWORK_ERROR, Urls.malformedAnswer(upstreamName, cause));
          }
          return UpstreamResponse.failed(
              ProbeStatus.NETWORK_ERROR,
              "The connection to "
                  + upstreamName
                  + " failed ("
                  + cause.getClass().getSimpleName()
                  + ").");
        });
  }
}
