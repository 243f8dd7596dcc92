package dev.quotabot.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class StartingIndicatorTest {
  private final StartingIndicator discord = new StartingIndicator("discord");

  @Test
  void isNotReadyUntilThePartAnswersForItself() {
    HealthState before = discord.check();

    discord.started(part(HealthState.ready("connected", Map.of("shards_total", 1))));

    assertFalse(before.ready());
    assertEquals("starting", before.status());
    assertTrue(discord.check().ready());
    assertEquals("connected", discord.check().status());
    assertEquals("discord", discord.name());
  }

  @Test
  void aPartThatCouldNotBeSetUpStaysNotReady() {
    discord.failed();

    assertFalse(discord.check().ready());
    assertEquals("not_started", discord.check().status());
  }

  private static HealthIndicator part(HealthState state) {
    return new HealthIndicator() {
      @Override
      public String name() {
        return "discord";
      }

      @Override
      public HealthState check() {
        return state;
      }
    };
  }
}
