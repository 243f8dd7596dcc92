package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class RechecksTest {
  private static final Recheck ANSWER =
      new Recheck(42L, "modelscope", null, "Qwen/Qwen3-32B", false);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Rechecks rechecks = new Rechecks(nanos::get);

  @Test
  void findsAnAnswerByItsToken() {
    // GIVEN an answer remembered
    String token = rechecks.remember(ANSWER);

    // WHEN its token is looked up
    // THEN it is found
    assertEquals(ANSWER, rechecks.find(token).orElseThrow());
  }

  @Test
  void forgetsAnAnswerAfter24Hours() {
    // GIVEN an answer remembered
    String token = rechecks.remember(ANSWER);

    // WHEN a day has passed
    advance(Rechecks.KEPT_FOR.minusSeconds(1));
    boolean foundBefore = rechecks.find(token).isPresent();
    advance(Duration.ofSeconds(2));

    // THEN it is forgotten, but not before
    assertTrue(foundBefore);
    assertTrue(rechecks.find(token).isEmpty());
  }

  @Test
  void makesRandomBase62TokensOf16Characters() {
    // GIVEN many answers remembered
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      tokens.add(rechecks.remember(ANSWER));
    }

    // THEN every token is new and has the shape a button id checks
    assertEquals(1_000, tokens.size());
    for (String token : tokens) {
      assertTrue(token.matches("[0-9A-Za-z]{16}"), token);
      assertTrue(Rechecks.isToken(token));
    }
    assertFalse(Rechecks.isToken("AbCdEfGh1234567!"));
  }

  @Test
  void keepsNoMoreThanItsBoundOfLargeEntries() {
    // GIVEN answers that each fill the form's models field
    Recheck large = new Recheck(42L, "modelscope", null, "m".repeat(4_000), false);

    // WHEN more of them are remembered than the bound allows by weight
    for (int i = 0; i < Rechecks.MAX_ENTRIES / 4; i++) {
      rechecks.remember(large);
    }

    // THEN far fewer are kept than entries of the usual size would be
    assertTrue(rechecks.size() <= Rechecks.MAX_ENTRIES / 8, "kept " + rechecks.size());
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }
}
