package dev.quotabot.quota.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.support.SocketReads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One probe's life with an upstream that never answers (a bare socket, so the test sees exactly
 * when the client hangs up): the asker going away closes the call, and the time limit ends it as a
 * timeout; either way the call was made once, never again.
 */
final class HeaderProbeTest {
  private static final String KEY = "gsk_PROBEKEY0123456789abcdefghijklmnopqrstuvwxyz";

  @AutoClose private final HeaderHarness harness = new HeaderHarness();

  @Test
  void cancellingAProbeClosesItsConnectionAtOnce() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      // GIVEN a probe whose request reached an upstream that does not answer
      CompletableFuture<ModelQuota> row = probe(silent, Duration.ofSeconds(30));
      silent.setSoTimeout(10_000);
      try (Socket upstream = silent.accept()) {
        String request = SocketReads.head(upstream);
        assertTrue(request.startsWith("POST /openai/v1/chat/completions"), request);

        // WHEN the asker goes away
        long cancelled = System.nanoTime();
        row.cancel(true);

        // THEN the connection is closed promptly (generous bound)
        assertEquals(-1, SocketReads.untilClosed(upstream));
        long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelled);
        assertTrue(closedAfterMs < 3_000, "closed " + closedAfterMs + " ms after cancel");
      }
    }
  }

  @Test
  void anUnansweredProbeIsATimeoutWithoutARetry() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      // GIVEN an upstream that takes the request and never answers
      CompletableFuture<ModelQuota> row = probe(silent, Duration.ofMillis(500));
      silent.setSoTimeout(10_000);
      try (Socket upstream = silent.accept()) {
        SocketReads.head(upstream);

        // WHEN the time limit passes
        ModelQuota answer = row.get(10, TimeUnit.SECONDS);

        // THEN a timeout row without numbers, and no second connection was opened
        assertEquals(ProbeStatus.TIMEOUT, answer.status());
        assertEquals(List.of(), answer.windows());
        silent.setSoTimeout(1_000);
        assertTrue(noSecondConnection(silent), "the probe was sent again");
      }
    }
  }

  /** Groq's probe against the silent socket. */
  private CompletableFuture<ModelQuota> probe(ServerSocket upstream, Duration timeout) {
    URI base = URI.create("http://127.0.0.1:" + upstream.getLocalPort() + "/openai");
    HeaderProbe probe =
        new HeaderProbe(
            harness.http(),
            "Groq",
            new OpenAiChat(base),
            new RateWindowReader(GroqProvider.WINDOWS),
            HeaderHarness.CLOCK);
    return probe.probe(ApiKey.of(KEY), "llama-3.1-8b-instant", timeout);
  }

  /** True when no other connection arrives within the socket's timeout. */
  private static boolean noSecondConnection(ServerSocket upstream) throws IOException {
    try (Socket second = upstream.accept()) {
      return false;
    } catch (SocketTimeoutException none) {
      return true;
    }
  }
}
