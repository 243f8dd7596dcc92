package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of JDA's calls is an acknowledgement, read from its path alone. */
final class AckLatencyTest {

  @Test
  void readsTheInteractionIdOfACallback() {
    assertEquals(
        1_400_000_000_000_000_123L,
        AckLatency.interactionId(
            List.of("api", "v10", "interactions", "1400000000000000123", "tok.en", "callback")));
  }

  @Test
  void anEditOfTheAnswerIsNoAcknowledgement() {
    // the answer edited later (PATCH webhooks/{app}/{token}/messages/@original) is not timed
    assertEquals(
        0,
        AckLatency.interactionId(
            List.of("api", "v10", "webhooks", "42", "tok.en", "messages", "@original")));
  }

  @Test
  void aPathThatOnlyLooksLikeOneIsIgnored() {
    assertEquals(
        0, AckLatency.interactionId(List.of("interactions", "not-a-snowflake", "tok", "callback")));
    assertEquals(0, AckLatency.interactionId(List.of("callback")));
  }
}
