package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.quota.watch.CheckOutcome;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class WatchButtonClicksTest {
  private static final String KEY = "`sk-…a1b2`";

  private final WatchesText text = WatchesText.of(BotText.EN);
  private final WatchesMessage message = new WatchesMessage(WatchFixtures.PROVIDERS);

  @Test
  void aCheckNowSaysTheValueItRead() {
    Watch watch = WatchFixtures.watch(11, "sk-…a1b2");
    CheckOutcome outcome =
        new CheckOutcome(watch, null, Optional.of(watch.lastReading()), List.of());

    assertEquals(
        "🔄 Checked `sk-…a1b2`: Left: **4.20 CNY** of 10.00 CNY (42%)",
        WatchButtonClicks.found(outcome, KEY, text, message));
  }

  @Test
  void aCheckNowThatReadNothingSaysItsStatusAndAnAlertItRaised() {
    Watch rejected =
        WatchFixtures.withState(
            WatchFixtures.with(
                WatchFixtures.watch(11, "sk-…a1b2"),
                WatchFixtures.settings("deepseek", WatchFixtures.percents()),
                null,
                -1),
            WatchState.KEY_REJECTED);
    Watch withStatus =
        new Watch(
            rejected.id(),
            rejected.ownerId(),
            rejected.fingerprint(),
            rejected.settings(),
            rejected.state(),
            rejected.createdAt(),
            rejected.expiresAt(),
            rejected.nextCheckAt(),
            WatchFixtures.LAST_CHECK,
            null,
            "invalid_key",
            -1,
            1,
            false,
            null);
    CheckOutcome outcome =
        new CheckOutcome(
            withStatus,
            null,
            Optional.empty(),
            List.of(WatchFixtures.rejectedAlert(11, "sk-…a1b2")));

    assertEquals(
        "🔄 Checked `sk-…a1b2`: Invalid key 🔔 This check raised an alert.",
        WatchButtonClicks.found(outcome, KEY, text, message));
  }

  @Test
  void aWatchGoneBeforeItsCheckSaysSo() {
    assertEquals(text.gone(), WatchButtonClicks.found(null, KEY, text, message));
  }
}
