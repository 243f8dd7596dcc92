package dev.quotabot.quota;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.IntPredicate;

/**
 * A body handler that reads at most a few KB, and nothing at all for statuses whose body is not
 * needed. Once it has what it wants it cancels the subscription, which closes the stream: a
 * streaming chat answer is never waited for or paid for beyond the headers.
 */
public final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {
  private final int maxBytes;
  private final IntPredicate bodyWanted;

  /**
   * @param maxBytes the most bytes kept
   * @param bodyWanted given the status code, whether to read the body at all
   */
  public BoundedBody(int maxBytes, IntPredicate bodyWanted) {
    this.maxBytes = maxBytes;
    this.bodyWanted = bodyWanted;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    return new Subscriber(bodyWanted.test(info.statusCode()) ? maxBytes : 0);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(int limit) {
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (limit == 0) {
        finish();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int take = Math.min(buffer.remaining(), limit - received.size());
        byte[] chunk = new byte[take];
        buffer.get(chunk);
        received.write(chunk, 0, take);
      }
      if (received.size() >= limit) {
        finish();
      } else {
        subscription.request(1);
      }
    }

    /** A body cut off midway still tells what it had: the status line is what matters. */
    @Override
    public void onError(Throwable failure) {
      body.complete(received.toByteArray());
    }

    @Override
    public void onComplete() {
      body.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    private void finish() {
      subscription.cancel();
      body.complete(received.toByteArray());
    }
  }
}
