package dev.quotabot.quota.modelscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.QueryListener;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RunningQuery;
import dev.quotabot.support.SocketReads;
import dev.quotabot.support.UpstreamProbes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RunningQuery#cancel()} with the real probe: the upstream connection of a probe in flight
 * is closed, so ModelScope stops working (and charging) for an asker who went away. The upstream is
 * a bare socket that never answers, so the test sees exactly when the client hangs up.
 */
final class ModelScopeProbeCancelTest {

  @Test
  void cancellingAQueryClosesTheConnectionOfItsProbeInFlight() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        UpstreamProbes probes =
            UpstreamProbes.against("http://127.0.0.1:" + silent.getLocalPort() + "/v1")) {
      // GIVEN a probe whose request reached an upstream that does not answer
      RunningQuery running =
          probes
              .service(UpstreamProbes.settings(5, Duration.ofSeconds(30), Duration.ofSeconds(60)))
              .start(
                  new QuotaQuery(
                      ApiKey.of(UpstreamProbes.KEY),
                      List.of("Qwen/Qwen3-32B"),
                      ModelScopeProvider.ID,
                      null,
                      null),
                  QueryListener.NONE);
      silent.setSoTimeout(10_000);
      try (Socket upstream = silent.accept()) {
        String request = SocketReads.head(upstream);
        assertTrue(request.startsWith("POST /v1/chat/completions"), request);

        // WHEN the query is cancelled
        long cancelled = System.nanoTime();
        running.cancel();

        // THEN the client closes the connection promptly (generous bound) and the report is done
        int next = SocketReads.untilClosed(upstream);
        long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelled);
        assertEquals(-1, next);
        assertTrue(
            closedAfterMs < 3_000, "connection closed " + closedAfterMs + " ms after cancel");
        QuotaReport report = running.report().get(5, TimeUnit.SECONDS);
        assertTrue(report.models().get(0).error().contains("Cancelled"));
      }
    }
  }
}
