package dev.quotabot.quota.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ApiKey;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

final class EndpointAnswerTest {
  private static final ApiKey KEY = ApiKey.of("sk-endpoint-answer-test-key");

  private static EndpointAnswer answer(int status, String body) {
    return EndpointAnswer.of(
        UpstreamResponse.answered(status, Headers.of(), body.getBytes(StandardCharsets.UTF_8)),
        KEY);
  }

  @Test
  void aJsonErrorMessageIsTheProvidersWords() {
    EndpointAnswer answer = answer(401, "{\"error\":{\"message\":\"Invalid token\"}}");
    assertNotNull(answer.root());
    assertTrue(answer.refusesKey());
    assertEquals("Invalid token", answer.words());
    assertEquals(
        "Acme rejected the key (HTTP 401): Invalid token", answer.rejected("Acme").english());
  }

  @Test
  void aShortPlainTextErrorIsTheProvidersWordsButAPageIsNot() {
    assertEquals("Invalid token", answer(403, "Invalid token\n").words());
    assertNull(answer(502, "<html><body>Bad gateway</body></html>").words());
    assertNull(answer(500, "x".repeat(1025)).words());
  }

  @Test
  void aPlainText200SaysNothing() {
    EndpointAnswer answer = answer(200, "ok");
    assertNull(answer.root());
    assertNull(answer.words());
    assertFalse(answer.refusesKey());
    assertEquals(".", answer.said().english());
  }

  @Test
  void theKeyIsCleanedOutOfTheWords() {
    EndpointAnswer answer = answer(401, "{\"error\":\"bad key sk-endpoint-answer-test-key\"}");
    assertNotNull(answer.words());
    assertFalse(answer.words().contains("sk-endpoint-answer-test-key"));
    assertEquals(
        "Acme rejected the key (HTTP 401)" + answer.said().english(),
        answer.rejected("Acme").english());
  }
}
