package dev.quotabot.discord;

import static dev.quotabot.discord.WatchFixtures.EXPIRES;
import static dev.quotabot.discord.WatchFixtures.LAST_CHECK;
import static dev.quotabot.discord.WatchFixtures.NEXT_CHECK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.watch.Alert;
import dev.quotabot.quota.watch.Trend;
import dev.quotabot.quota.watch.Watch;
import dev.quotabot.quota.watch.WatchList;
import dev.quotabot.quota.watch.WatchSettings;
import dev.quotabot.quota.watch.WatchState;
import dev.quotabot.quota.watch.WatchView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

final class WatchesMessageTest {
  private static final String FINGERPRINT = "sk-…a1b2";

  private final WatchesMessage message = new WatchesMessage(WatchFixtures.PROVIDERS);

  private WatchesMessage.Rendered render(List<WatchView> views, List<Alert> kept) {
    return message.render(new WatchList(views, kept), BotText.EN, 5, null);
  }

  private static String description(WatchesMessage.Rendered rendered, int index) {
    return rendered.embeds().get(index).getDescription();
  }

  @Test
  void withoutWatchesSaysHowToMakeOneAndThatNothingIsStored() {
    WatchesMessage.Rendered rendered = render(List.of(), List.of());

    assertTrue(rendered.content().contains("/watch "), rendered.content());
    assertTrue(rendered.content().contains("Nothing about you or your keys is stored"));
    assertEquals(List.of(), rendered.embeds());
    assertEquals(List.of(), rendered.rows());
  }

  @Test
  void showsOneEmbedAndOneRowOfButtonsPerWatchInOrder() {
    WatchesMessage.Rendered rendered =
        render(
            List.of(
                WatchFixtures.view(WatchFixtures.watch(11, "sk-…aaaa")),
                WatchFixtures.view(WatchFixtures.watch(12, "sk-…bbbb"))),
            List.of());

    assertEquals(2, rendered.embeds().size());
    assertEquals(2, rendered.rows().size());
    assertTrue(rendered.embeds().get(0).getTitle().contains("sk-…aaaa"));
    assertTrue(rendered.embeds().get(1).getTitle().contains("sk-…bbbb"));
    assertEquals(
        List.of(
            "watches:name:12",
            "watches:check:12",
            "watches:pause:12",
            "watches:renew:12",
            "watches:remove:12"),
        customIds(rendered.rows().get(1)));
    assertTrue(rendered.content().contains("Your watches: 2 of 5"), rendered.content());
  }

  @Test
  void namesTheKeyAndProviderAndShowsTheLastValueChecksLevelsAndExpiry() {
    WatchesMessage.Rendered rendered =
        render(List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT))), List.of());

    MessageEmbed embed = rendered.embeds().get(0);
    assertEquals("sk-…a1b2 · DeepSeek", embed.getTitle());
    String description = embed.getDescription();
    assertTrue(description.contains("▶️ Active: checked every 1 h"), description);
    assertTrue(description.contains("Left: **4.20 CNY** of 10.00 CNY (42%)"), description);
    assertTrue(
        description.contains("Last check <t:" + LAST_CHECK.getEpochSecond() + ":R>: OK"),
        description);
    assertTrue(
        description.contains("Next check <t:" + NEXT_CHECK.getEpochSecond() + ":R>"), description);
    assertTrue(description.contains("Alert levels: 20%, 5%"), description);
    assertTrue(
        description.contains("Kept until <t:" + EXPIRES.getEpochSecond() + ":D>"), description);
    assertFalse(description.contains("DMs failed"), description);
    assertEquals(QuotaEmbed.GREEN, embed.getColorRaw());
  }

  @Test
  void aValueWithoutTotalShowsNoPercentAndAmountLevelsCarryTheUnit() {
    Watch watch =
        WatchFixtures.with(
            WatchFixtures.watch(11, FINGERPRINT),
            WatchFixtures.settings("deepseek", WatchFixtures.amounts()),
            WatchFixtures.reading("3.5", null, "CNY"),
            0);

    String description = description(render(List.of(WatchFixtures.view(watch)), List.of()), 0);

    assertTrue(description.contains("Left: **3.50 CNY**\n"), description);
    assertFalse(description.contains("%"), description);
    assertTrue(
        description.contains("Alert levels: 5.00 CNY, 1.00 CNY (alerted at 5.00 CNY;"),
        description);
  }

  @Test
  void aWatchNotCheckedYetSaysSo() {
    WatchesMessage.Rendered rendered =
        render(List.of(WatchFixtures.view(WatchFixtures.unchecked(11, FINGERPRINT))), List.of());

    String description = description(rendered, 0);
    assertTrue(description.contains("No value read yet"), description);
    assertTrue(description.contains("Not checked yet"), description);
    assertEquals(QuotaEmbed.BLUE, rendered.embeds().get(0).getColorRaw());
  }

  @Test
  void aPausedWatchOffersResumeAndHasNoNextCheck() {
    Watch paused = WatchFixtures.withState(WatchFixtures.watch(11, FINGERPRINT), WatchState.PAUSED);

    WatchesMessage.Rendered rendered = render(List.of(WatchFixtures.view(paused)), List.of());

    String description = description(rendered, 0);
    assertTrue(description.contains("⏸️ Paused"), description);
    assertFalse(description.contains("Next check"), description);
    assertTrue(customIds(rendered.rows().get(0)).contains("watches:resume:11"));
    assertFalse(customIds(rendered.rows().get(0)).contains("watches:pause:11"));
    assertEquals(QuotaEmbed.GREY, rendered.embeds().get(0).getColorRaw());
  }

  @Test
  void aRejectedKeySaysTheWatchIsPausedAndOffersResume() {
    Watch rejected =
        WatchFixtures.withState(WatchFixtures.watch(11, FINGERPRINT), WatchState.KEY_REJECTED);

    WatchesMessage.Rendered rendered = render(List.of(WatchFixtures.view(rejected)), List.of());

    assertTrue(description(rendered, 0).contains("⛔ DeepSeek rejected the key: paused."));
    assertTrue(customIds(rendered.rows().get(0)).contains("watches:resume:11"));
    assertEquals(QuotaEmbed.RED, rendered.embeds().get(0).getColorRaw());
  }

  @Test
  void warnsWhenDmsFailed() {
    Watch failed = WatchFixtures.withDmFailed(WatchFixtures.watch(11, FINGERPRINT));

    String description = description(render(List.of(WatchFixtures.view(failed)), List.of()), 0);

    assertTrue(
        description.contains("⚠️ DMs failed: open your DMs from this server or app"), description);
  }

  @Test
  void showsNoTrendWithFewerThanThreePoints() {
    Trend two =
        new Trend(WatchFixtures.falling(2, "10", "1", "CNY"), new BigDecimal("24"), BigDecimal.ONE);

    String description =
        description(
            render(
                List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT), two)), List.of()),
            0);

    assertFalse(description.contains("📉"), description);
    assertFalse(description.contains("📈"), description);
  }

  @Test
  void showsTheSparklineTheBurnRateAndWhenItRunsOutFromThreePoints() {
    Trend trend = Trend.of(WatchFixtures.falling(4, "10", "0.1", "CNY"));

    String description =
        description(
            render(
                List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT), trend)),
                List.of()),
            0);

    // 0.1 an hour is 2.4 a day; 9.7 left lasts about 4 days
    assertTrue(
        description.contains(
            "📉 " + trend.sparkline() + " spends 2.40 CNY a day: runs out in ≈ 4 days"),
        description);
  }

  @Test
  void saysWhenItRunsOutWithinADayAndWhenItIsNotFalling() {
    WatchesText text = WatchesText.of(BotText.EN);
    Trend fast =
        new Trend(
            WatchFixtures.falling(3, "3", "1", "CNY"), new BigDecimal("24"), new BigDecimal("0.1"));
    Trend flat = new Trend(WatchFixtures.falling(3, "3", "0", "CNY"), null, null);

    assertTrue(
        WatchesMessage.trend(fast, WatchFixtures.reading("1", null, "CNY"), text)
            .endsWith("spends 24.00 CNY a day: runs out in less than a day"));
    assertTrue(
        WatchesMessage.trend(flat, WatchFixtures.reading("3", null, "CNY"), text)
            .endsWith("not falling"));
  }

  @Test
  void showsKeptAlertsOnTopWithoutTheDmFooter() {
    WatchesMessage.Rendered rendered =
        render(
            List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT))),
            List.of(
                WatchFixtures.thresholdAlert(11, FINGERPRINT),
                WatchFixtures.rejectedAlert(11, FINGERPRINT)));

    String content = rendered.content();
    assertTrue(content.startsWith("📭 **While your DMs were closed:**\n• ⚠️ `sk-…a1b2`"), content);
    assertTrue(content.contains("\n• ⛔ DeepSeek rejects `sk-…a1b2`"), content);
    assertTrue(content.indexOf("While your DMs") < content.indexOf("Your watches"), content);
    assertFalse(content.contains("/forget-me"), content);
  }

  @Test
  void wordsKeptAlertsInTheReadersLanguage() {
    // GIVEN an alert kept for a watch made in English
    WatchList list =
        new WatchList(
            List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT))),
            List.of(WatchFixtures.rejectedAlert(11, FINGERPRINT)));

    // WHEN the owner lists their watches in Chinese
    String content = message.render(list, BotText.ZH, 5, null).content();

    // THEN the alert is in Chinese too
    String chinese =
        new AlertMessage(id -> "DeepSeek")
            .render(
                new Alert(
                    8,
                    11,
                    WatchFixtures.OWNER,
                    Alert.Kind.KEY_REJECTED,
                    FINGERPRINT,
                    "deepseek",
                    "zh-CN",
                    null,
                    null,
                    null,
                    WatchFixtures.NOW));
    assertTrue(content.contains(chinese.substring(0, chinese.indexOf('\n'))), content);
  }

  @Test
  void putsTheNoticeFirst() {
    WatchesMessage.Rendered rendered =
        message.render(
            new WatchList(
                List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT))),
                List.of(WatchFixtures.thresholdAlert(11, FINGERPRINT))),
            BotText.EN,
            5,
            "🗑️ Removed");

    assertTrue(rendered.content().startsWith("🗑️ Removed\n📭"), rendered.content());
  }

  @Test
  void countsTheKeptAlertsThatDoNotFit() {
    List<Alert> kept = Collections.nCopies(60, WatchFixtures.thresholdAlert(11, FINGERPRINT));

    String content =
        render(List.of(WatchFixtures.view(WatchFixtures.watch(11, FINGERPRINT))), kept).content();

    assertTrue(content.length() <= Message.MAX_CONTENT_LENGTH, String.valueOf(content.length()));
    assertTrue(content.matches("(?s).*…and \\d+ more alerts\n.*"), content);
    assertTrue(content.endsWith("**Your watches: 1 of 5**"), content);
  }

  @Test
  void fitsDiscordsLimitsWithMoreWatchesThanOneMessageHolds() {
    // GIVEN twelve watches with long model lists, an operator allowing twelve
    List<WatchView> views = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      Watch watch = WatchFixtures.watch(i, "sk-…" + (1000 + i));
      WatchSettings settings =
          new WatchSettings(
              "deepseek",
              Collections.nCopies(40, "some-very-long-model-name-" + i),
              WatchFixtures.percents(),
              Duration.ofMinutes(90),
              true,
              "en-US");
      views.add(
          WatchFixtures.view(
              WatchFixtures.withDmFailed(
                  WatchFixtures.with(watch, settings, watch.lastReading(), 0))));
    }

    // WHEN the list is rendered
    WatchesMessage.Rendered rendered =
        message.render(new WatchList(views, List.of()), BotText.EN, 12, null);

    // THEN it stays inside every limit and says what it left out
    assertTrue(rendered.embeds().size() <= Message.MAX_EMBED_COUNT);
    int total = rendered.embeds().stream().mapToInt(MessageEmbed::getLength).sum();
    assertTrue(total <= MessageEmbed.EMBED_MAX_LENGTH_BOT, String.valueOf(total));
    assertEquals(Message.MAX_COMPONENT_COUNT, rendered.rows().size());
    assertTrue(rendered.content().length() <= Message.MAX_CONTENT_LENGTH);
    int left = views.size() - rendered.embeds().size();
    assertTrue(rendered.content().contains("+" + left + " more watches"), rendered.content());
    assertTrue(rendered.content().contains("Buttons are shown for the first 5 watches"));
    // the first watch is shown in full, a later one at least with its state and value
    assertTrue(description(rendered, 0).contains("every 1 h 30 min"));
    assertTrue(description(rendered, 0).contains("Probed at each check"));
    String last = description(rendered, rendered.embeds().size() - 1);
    assertTrue(last.contains("Left: **4.20 CNY**"), last);
    assertFalse(last.contains("Probed at each check"), last);
    rendered.edit();
  }

  @Test
  void speaksEveryLanguage() {
    Watch paused = WatchFixtures.withState(WatchFixtures.watch(11, FINGERPRINT), WatchState.PAUSED);
    WatchList list =
        new WatchList(
            List.of(WatchFixtures.view(paused)),
            List.of(WatchFixtures.thresholdAlert(11, FINGERPRINT)));
    String english = message.render(list, BotText.EN, 5, null).embeds().get(0).getDescription();

    for (BotText text : BotText.values()) {
      WatchesMessage.Rendered rendered = message.render(list, text, 5, null);
      String description = rendered.embeds().get(0).getDescription();
      if (text != BotText.EN) {
        assertNotEquals(english, description, text.toString());
        assertFalse(description.contains("Paused"), text + ": " + description);
      }
      Button resume = rendered.rows().get(0).getButtons().get(2);
      assertEquals(WatchesText.of(text).resumeButton(), resume.getLabel().substring(3));
    }
  }

  @Test
  void noCustomIdHoldsMoreThanTheActionAndTheWatchNumber() {
    WatchesMessage.Rendered rendered =
        render(
            List.of(
                WatchFixtures.view(WatchFixtures.watch(11, "sk-…a1b2")),
                WatchFixtures.view(
                    WatchFixtures.withState(
                        WatchFixtures.watch(12, "ms-…c3d4"), WatchState.PAUSED))),
            List.of());

    for (ActionRow row : rendered.rows()) {
      for (String id : customIds(row)) {
        assertTrue(id.matches("watches:[a-z]+:1[12]"), id);
      }
    }
  }

  private static List<String> customIds(ActionRow row) {
    return row.getButtons().stream().map(Button::getCustomId).toList();
  }
}
