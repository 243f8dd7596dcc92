package dev.quotabot.quota.net;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Every upstream call, on OkHttp: a GET of a small JSON answer, or the probe (a POST answered as
 * soon as its status and headers are in). The futures never complete exceptionally: a failure is an
 * {@link UpstreamResponse} saying why ({@link UpstreamFailures}, the one mapping), and failure
 * texts never hold a header (so never a key). They complete on the clients' own threads, never on
 * the JDK's single timer thread, so what follows a call cannot hold up other deadlines.
 *
 * <p>Each call is bounded by its timeout as a whole, name lookup included: at the deadline the
 * future answers {@code TIMEOUT} and the call is cancelled, which closes its connection (or resets
 * its HTTP/2 stream). Cancelling the returned future does the same. At most {@code maxBodyBytes} of
 * a body are read; at the cap reading stops and the connection is closed.
 *
 * <p>A GET whose connection breaks before the answer is sent again on a new connection (OkHttp's
 * recovery; the common case is a kept-alive connection the upstream dropped while it sat idle in
 * the pool). A probe never is: the upstream may already have counted it against the quota.
 */
public final class UpstreamHttp {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final byte[] NOTHING = new byte[0];

  private final OkHttpClient probes;
  private final OkHttpClient gets;
  private final int maxBodyBytes;
  private final Duration connectTimeout;

  /**
   * @param client one of {@link UpstreamClients}' clients (it must not retry)
   * @param maxBodyBytes the most body bytes read
   */
  public UpstreamHttp(OkHttpClient client, int maxBodyBytes) {
    this.probes = client;
    this.gets = client.newBuilder().retryOnConnectionFailure(true).build();
    this.maxBodyBytes = maxBodyBytes;
    this.connectTimeout = Duration.ofMillis(client.connectTimeoutMillis());
  }

  /**
   * GETs {@code url}. A body cut short by the deadline is no answer ({@code TIMEOUT}); one cut
   * short by the connection is returned as far as it came.
   *
   * @param headers request headers (credentials included: they are never logged)
   * @param upstreamName how the upstream is named in failure texts ("DeepSeek")
   */
  public CompletableFuture<UpstreamResponse> get(
      URI url, Map<String, String> headers, Duration timeout, String upstreamName) {
    return send(gets, new Request.Builder().get(), url, headers, timeout, upstreamName, false);
  }

  /**
   * POSTs {@code json} and answers with the status and headers as soon as they are in. A 2xx answer
   * is not read at all (a streamed chat answer is never waited for or paid for beyond its headers);
   * the call is closed at once. Another status's body is read up to the cap; at the deadline what
   * came of the answer (status and headers) is still the answer.
   */
  public CompletableFuture<UpstreamResponse> probe(
      URI url, Map<String, String> headers, String json, Duration timeout, String upstreamName) {
    return send(
        probes,
        new Request.Builder().post(RequestBody.create(json, JSON)),
        url,
        headers,
        timeout,
        upstreamName,
        true);
  }

  private CompletableFuture<UpstreamResponse> send(
      OkHttpClient client,
      Request.Builder builder,
      URI url,
      Map<String, String> headers,
      Duration timeout,
      String upstreamName,
      boolean headersSuffice) {
    HttpUrl target = HttpUrl.parse(url.toString());
    if (target == null) {
      return CompletableFuture.completedFuture(UpstreamFailures.unsendableAddress(upstreamName));
    }
    builder.url(target).header("Accept", "application/json").header("User-Agent", "quota-bot");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      try {
        builder.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException unsendable) {
        // OkHttp's message quotes the value (a key): never passed on
        return CompletableFuture.completedFuture(
            UpstreamFailures.unsendableHeader(upstreamName, header.getKey(), header.getValue()));
      }
    }
    Exchange exchange =
        new Exchange(client, builder.build(), upstreamName, timeout, headersSuffice);
    return exchange.start();
  }

  /** One call: OkHttp's callback on one side, the deadline and the caller's cancel on the other. */
  private final class Exchange implements Callback {
    private final Call call;
    private final Executor threads;
    private final String upstreamName;
    private final Duration timeout;
    private final boolean headersSuffice;
    private final CompletableFuture<UpstreamResponse> answer = new CompletableFuture<>();
    private final CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
    private volatile @Nullable Response head;

    Exchange(
        OkHttpClient client,
        Request request,
        String upstreamName,
        Duration timeout,
        boolean headersSuffice) {
      this.call = client.newCall(request);
      this.threads = client.dispatcher().executorService();
      this.upstreamName = upstreamName;
      this.timeout = timeout;
      this.headersSuffice = headersSuffice;
    }

    CompletableFuture<UpstreamResponse> start() {
      // the one deadline: the JDK's timer fails the answer; the call is then cancelled
      answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
      answer.whenComplete(
          (response, deadlinePassed) -> {
            if (response != null) {
              result.complete(response);
              return;
            }
            call.cancel();
            // the timer thread only cancels; what follows the call runs on the clients' threads
            try {
              threads.execute(() -> result.complete(atDeadline()));
            } catch (RejectedExecutionException closing) {
              result.complete(atDeadline());
            }
          });
      // the caller gave up: close the connection wherever the call is
      result.whenComplete(
          (response, cancelled) -> {
            if (cancelled != null) {
              call.cancel();
            }
          });
      call.enqueue(this);
      return result;
    }

    /** What had come when the deadline passed: a probe's status and headers, else nothing. */
    private UpstreamResponse atDeadline() {
      Response arrived = head;
      if (headersSuffice && arrived != null) {
        return UpstreamResponse.answered(arrived.code(), arrived.headers(), NOTHING);
      }
      return UpstreamFailures.timedOut(upstreamName, timeout);
    }

    @Override
    public void onFailure(Call failed, IOException failure) {
      answer.complete(
          UpstreamFailures.of(
              failure, upstreamName, failed.request().url().host(), connectTimeout));
    }

    @Override
    public void onResponse(Call done, Response response) {
      try (response) {
        head = response;
        // the connection is closed before the answer is handed on: what follows may take a while
        if (headersSuffice && response.isSuccessful()) {
          call.cancel();
          answer.complete(UpstreamResponse.answered(response.code(), response.headers(), NOTHING));
          return;
        }
        Body body = read(response.body());
        if (body.capped) {
          call.cancel();
        }
        answer.complete(UpstreamResponse.answered(response.code(), response.headers(), body.bytes));
      }
    }
  }

  /** A body as far as it was read, and whether the cap stopped the reading. */
  private record Body(byte[] bytes, boolean capped) {}

  /**
   * Reads up to the cap. A body that ends early (the connection closes or breaks) is returned as
   * far as it came; the deadline is the caller's business.
   */
  private Body read(ResponseBody body) {
    Buffer buffer = new Buffer();
    BufferedSource source = body.source();
    try {
      while (buffer.size() < maxBodyBytes) {
        if (source.read(buffer, maxBodyBytes - buffer.size()) == -1) {
          return new Body(buffer.readByteArray(), false);
        }
      }
    } catch (IOException cutShort) {
      return new Body(buffer.readByteArray(), false);
    }
    return new Body(buffer.readByteArray(), true);
  }
}
