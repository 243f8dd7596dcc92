package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.Await;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.HangingUpstream;
import dev.quotabot.support.RunningApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that leaves a live stream takes its upstream probes with it, within 2 seconds. */
final class StreamDisconnectTest {
  private static final int MODELS = 3;

  @Test
  void closesOutstandingProbesWhenTheClientGoesAway() throws Exception {
    // GIVEN an upstream that accepts probes and never answers (probe timeout 20 s)
    try (HangingUpstream upstream = new HangingUpstream();
        FakeModelScope openApi = FakeModelScope.start(0);
        RunningApp app =
            RunningApp.start(
                Map.of(
                    "modelscope.api_base_url",
                    upstream.apiBaseUrl(),
                    "modelscope.openapi_base_url",
                    openApi.openApiBaseUrl(),
                    "quota.probe_timeout_ms",
                    "20000",
                    "quota.query_deadline_ms",
                    "30000"))) {
      long goneAt;
      try (Socket client = new Socket("127.0.0.1", app.port())) {
        // WHEN a client starts a stream of three models
        String body = "{\"models\":\"a/1,b/2,c/3\",\"api_key\":\"ms-disconnect-0123456789\"}";
        OutputStream out = client.getOutputStream();
        out.write(
            ("POST /api/balance/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
          line = in.readLine();
        } while (line != null && !line.contains("\"type\":\"account\""));
        assertTrue(line != null, "the stream started with the account line");
        Await.until(
            "every probe to be sent", Duration.ofSeconds(5), () -> upstream.openPosts() == MODELS);

        // and goes away while every probe is still waiting
        goneAt = System.nanoTime();
      }

      // THEN every upstream probe connection is closed within 2 s
      Await.until(
          "the probes to close", Duration.ofSeconds(5), () -> upstream.closedPosts() == MODELS);
      long closedAfterMs = (upstream.lastClosedAt() - goneAt) / 1_000_000;
      System.out.println("Upstream probes closed " + closedAfterMs + " ms after the client left");
      assertEquals(0, upstream.openPosts());
      assertTrue(closedAfterMs <= 2000, "probes closed after " + closedAfterMs + " ms");
    }
  }
}
