package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.dv8tion.jda.api.components.buttons.Button;
import org.junit.jupiter.api.Test;

final class WatchButtonsTest {

  @Test
  void readsBackTheCustomIdItMakes() {
    for (WatchButtons.Action action : WatchButtons.Action.values()) {
      String id = WatchButtons.customId(action, 123_456_789_012L);

      assertEquals(
          new WatchButtons.Click(action, 123_456_789_012L), WatchButtons.parse(id).orElseThrow());
      assertTrue(id.length() <= 100, id);
      assertTrue(WatchButtons.owns(id), id);
    }
  }

  @Test
  void refusesACustomIdItNeverMade() {
    for (String id :
        List.of(
            "",
            "watches",
            "watches:check",
            "watches:check:",
            "watches:check:0",
            "watches:check:-1",
            "watches:check:01",
            "watches:check:1x",
            "watches:check:99999999999999999999",
            "watches:CHECK:1",
            "watches:explode:1",
            "quota:again:AbCdEfGh12345678")) {
      assertTrue(WatchButtons.parse(id).isEmpty(), id);
    }
  }

  @Test
  void leavesAnswerButtonsToTheirOwnHandler() {
    assertFalse(WatchButtons.owns("quota:again:AbCdEfGh12345678"));
    assertFalse(WatchButtons.owns(null));
  }

  @Test
  void namesTheRowByItsFingerprintInADisabledButton() {
    Button name =
        WatchButtons.row(WatchFixtures.watch(5, "sk-…a1b2"), WatchesText.of(BotText.EN))
            .getButtons()
            .get(0);

    assertEquals("sk-…a1b2", name.getLabel());
    assertTrue(name.isDisabled());
  }
}
