package dev.quotabot;

import dev.quotabot.quota.TimeoutScheduler;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Tests only: the upstream HTTP client built by {@link Application#upstreamClient} (so with
 * production's settings) on an executor of its own, and one {@link TimeoutScheduler}; closing it
 * releases both. It lives here, not in {@code support}, to reach the package-visible factory.
 */
public final class UpstreamClient implements AutoCloseable {
  /** The body cap production gives the relay client. */
  public static final int RELAY_MAX_BODY_BYTES = Application.RELAY_MAX_BODY_BYTES;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final TimeoutScheduler timeouts = new TimeoutScheduler();
  private final HttpClient http;

  public UpstreamClient() {
    http = Application.upstreamClient(executor).build();
  }

  /** The same client, trusting {@code tls} instead of the JDK's default trust store. */
  public UpstreamClient(SSLContext tls) {
    http = Application.upstreamClient(executor).sslContext(tls).build();
  }

  public HttpClient http() {
    return http;
  }

  /** The executor the client runs on: production's upstream-http pool in the tests. */
  public ExecutorService executor() {
    return executor;
  }

  public TimeoutScheduler timeouts() {
    return timeouts;
  }

  @Override
  public void close() {
    timeouts.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
