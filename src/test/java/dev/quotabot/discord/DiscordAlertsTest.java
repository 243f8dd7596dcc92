package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.AlertSink.Delivery;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class DiscordAlertsTest {

  @Test
  void beforeTheBotHasLoggedInAnAlertIsUnavailableNotLost() throws Exception {
    DiscordAlerts alerts = new DiscordAlerts(new AlertMessage(id -> id));
    Alert alert =
        new Alert(
            0,
            1,
            "42",
            Alert.Kind.KEY_REJECTED,
            "sk-…a1b2",
            "deepseek",
            "en-US",
            null,
            null,
            null,
            Instant.EPOCH);

    assertEquals(Delivery.UNAVAILABLE, alerts.deliver(alert).get(1, TimeUnit.SECONDS));
  }

  @Test
  void aFailureThatIsNotDiscordsRefusalIsUnavailable() {
    assertEquals(Delivery.UNAVAILABLE, DiscordAlerts.classify(new java.io.IOException("reset")));
  }
}
