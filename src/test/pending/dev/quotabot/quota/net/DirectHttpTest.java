package dev.quotabot.quota.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.support.ScriptedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DirectHttp}: the shared JDK client for the upstreams the operator configured. */
final class DirectHttpTest {
  private final TimeoutScheduler timeouts = new TimeoutScheduler();

  @AfterEach
  void close() {
    timeouts.close();
  }

  /**
   * At the deadline the exchange is cancelled, which also ends the body with what had come: that
   * must not pass for a whole answer (it raced the cancellation, and sometimes won).
   */
  @RepeatedTest(25)
  void aBodyStillComingAtTheTimeoutIsATimeout() throws Exception {
    // GIVEN an upstream that sends its status line and headers, a few body bytes, then nothing
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              ScriptedServer.send(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 1000\r\n\r\n{\"success\":true,");
              ScriptedServer.awaitClose(socket);
            })) {
      DirectHttp http = new DirectHttp(HttpClient.newBuilder().build(), timeouts, 64 * 1024);

      // WHEN it is called with a 200 ms timeout
      UpstreamResponse response =
          http.get(
                  URI.create("http://127.0.0.1:" + server.port() + "/balance"),
                  Map.of(),
                  Duration.ofMillis(200),
                  "the upstream")
              .get(5, TimeUnit.SECONDS);

      // THEN it is a timeout, not a 200 with half a body
      assertEquals(ProbeStatus.TIMEOUT, response.failure(), "HTTP " + response.status());
      assertEquals("the upstream did not answer within 200 ms.", response.failureText());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1 abc %s\r\n\r\n", "SSH-2.0-OpenSSH_9.6 %s\r\n"})
  void anAnswerThatIsNotHttpIsAMalformedResponseThatQuotesNothing(String answer) throws Exception {
    // GIVEN an upstream that answers something else than HTTP, quoting what it was sent
    try (ScriptedServer server =
        new ScriptedServer(
            (socket, request) ->
                ScriptedServer.send(
                    socket, String.format(answer, request.header("Authorization"))))) {
      DirectHttp http = new DirectHttp(HttpClient.newBuilder().build(), timeouts, 64 * 1024);

      // WHEN it is called with a key
      UpstreamResponse response =
          http.get(
                  URI.create("http://127.0.0.1:" + server.port() + "/balance"),
                  Map.of("Authorization", "Bearer ms-DIRECTHTTP-0123456789"),
                  Duration.ofSeconds(2),
                  "the upstream")
              .get(5, TimeUnit.SECONDS);

      // THEN a network error that says so in its own words, never the upstream's
      assertEquals(ProbeStatus.NETWORK_ERROR, response.failure());
      assertEquals(
          "the upstream sent a malformed HTTP response (not a valid status line or headers).",
          response.failureText());
    }
  }
}
