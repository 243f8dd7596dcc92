package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

/**
 * What an account tells beyond its balances, as the embed shows it: the site, the account's own
 * quota windows, and the recent spend by model.
 */
final class AccountDetailsTest {
  private static final Instant RESET = Instant.parse("2031-01-01T05:00:00Z");
  private static final Instant SINCE = Instant.parse("2030-12-31T00:00:00Z");

  // ------------------------------------------------------------ the site

  @Test
  void namesTheSiteAndTheSoftwareItRuns() {
    Site site = new Site("new-api", "v0.6.10", "My Relay");

    assertEquals(
        "🌐 Site: **My Relay** · runs new-api v0.6.10", AccountDetails.siteLine(site, BotText.EN));
    assertEquals(
        "🌐 站点：**My Relay** · 程序 new-api v0.6.10", AccountDetails.siteLine(site, BotText.ZH));
  }

  @Test
  void saysOnlyWhatIsKnownOfTheSite() {
    assertEquals(
        "🌐 Site runs one-api",
        AccountDetails.siteLine(new Site("one-api", null, null), BotText.EN));
    assertEquals(
        "🌐 Site: **Relay**", AccountDetails.siteLine(new Site(null, "1.0", "Relay"), BotText.EN));
    assertNull(AccountDetails.siteLine(new Site(null, "1.0", " "), BotText.EN));
    assertNull(AccountDetails.siteLine(null, BotText.EN));
  }

  @Test
  void showsTheSitesNameAsTextNeverAsFormattingOrALink() {
    String line =
        AccountDetails.siteLine(
            new Site(null, null, "**[free](https://evil.example)**" + "x".repeat(200)), BotText.EN);

    assertTrue(line.startsWith("🌐 Site: **\\*\\*\\[free\\](https://evil.example)"), line);
    assertTrue(line.length() < 120, line);
  }

  // ------------------------------------------------------------ the account's windows

  @Test
  void showsAWindowReportedAsAPercentWithABarAndItsReset() {
    RateWindow fiveHours =
        new RateWindow("tokens_per_5_hours", null, null, RESET, new BigDecimal("37.5"));

    assertEquals(
        List.of("⏱️ tokens/5 hours: ▰▰▱▱▱ 37% used · resets <t:" + RESET.getEpochSecond() + ":R>"),
        AccountDetails.limitLines(List.of(fiveHours), BotText.EN));
    assertEquals(
        List.of("⏱️ Token/5 小时：▰▰▱▱▱ 已用 37% · <t:" + RESET.getEpochSecond() + ":R> 重置"),
        AccountDetails.limitLines(List.of(fiveHours), BotText.ZH));
  }

  @Test
  void showsAWindowReportedInCountsAsUsedAndLeft() {
    RateWindow week = new RateWindow("requests_per_week", 100L, 60L, null);

    assertEquals(
        List.of("⏱️ requests/week: ▰▰▱▱▱ 40% used (60 / 100 left)"),
        AccountDetails.limitLines(List.of(week), BotText.EN));
    assertEquals(
        List.of("⏱️ 请求/周：▰▰▱▱▱ 已用 40%（剩余 60 / 100）"),
        AccountDetails.limitLines(List.of(week), BotText.ZH));
  }

  @Test
  void namesTheWindowsCodingPlansAndRelaysReport() {
    List<String> en = new ArrayList<>();
    List<String> zh = new ArrayList<>();
    for (String wire :
        List.of(
            "tokens_5h",
            "tokens_weekly",
            "mcp_monthly",
            "credits_daily",
            "tokens_30min",
            "tokens_2d",
            "usd_per_5_hours",
            "usd_per_day",
            "tokens")) {
      en.add(BotText.EN.windowName(wire));
      zh.add(BotText.ZH.windowName(wire));
    }

    assertEquals(
        List.of(
            "tokens/5 hours",
            "tokens/week",
            "MCP calls/month",
            "credits/day",
            "tokens/30 minutes",
            "tokens/2 days",
            "USD/5 hours",
            "USD/day",
            "tokens"),
        en);
    assertEquals(
        List.of(
            "Token/5 小时",
            "Token/周",
            "MCP 调用/月",
            "积分/天",
            "Token/30 分钟",
            "Token/2 天",
            "USD/5 小时",
            "USD/天",
            "Token"),
        zh);
  }

  @Test
  void callsUnknownNumbersUnknownNeverZeroAndLeavesEmptyWindowsOut() {
    List<String> lines =
        AccountDetails.limitLines(
            List.of(
                new RateWindow("monthly", null, 7L, null),
                new RateWindow("weekly", 50L, null, null),
                new RateWindow("daily", null, null, RESET),
                new RateWindow("empty", null, null, null)),
            BotText.EN);

    assertEquals(
        List.of(
            "⏱️ monthly: 7 left (limit unknown)",
            "⏱️ weekly: limit 50, unknown left",
            "⏱️ daily: unknown · resets <t:" + RESET.getEpochSecond() + ":R>"),
        lines);
    assertFalse(String.join("\n", lines).contains("0%"));
  }

  @Test
  void showsAWindowUsedUpAsFullAndABarelyUsedOneAsLessThanOnePercent() {
    assertEquals(
        List.of("⏱️ daily: ▰▰▰▰▰ 100% used (0 / 10 left)"),
        AccountDetails.limitLines(List.of(new RateWindow("daily", 10L, 0L, null)), BotText.EN));
    assertEquals(
        List.of("⏱️ daily: ▱▱▱▱▱ <1% used"),
        AccountDetails.limitLines(
            List.of(new RateWindow("daily", null, null, null, new BigDecimal("0.2"))), BotText.EN));
    assertEquals(
        List.of("⏱️ daily: ▰▰▰▰▰ 99% used"),
        AccountDetails.limitLines(
            List.of(new RateWindow("daily", null, null, null, new BigDecimal("99.9"))),
            BotText.EN));
  }

  @Test
  void countsTheWindowsBeyondWhatTheDescriptionShows() {
    List<RateWindow> many = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      many.add(new RateWindow("w" + i, 10L, 5L, null));
    }

    List<String> lines = AccountDetails.limitLines(many, BotText.EN);

    assertEquals(AccountDetails.LIMITS_MAX, lines.size());
    assertEquals("+4 more limits", lines.get(lines.size() - 1));
  }

  @Test
  void showsAWindowsNameAsTextNeverAsFormatting() {
    String line =
        AccountDetails.limitLines(
                List.of(new RateWindow("**[x](https://evil.example)**", 1L, 1L, null)), BotText.EN)
            .get(0);

    assertTrue(line.startsWith("⏱️ \\*\\*\\[x\\](https://evil.example)\\*\\*: "), line);
  }

  @Test
  void takesTheSmallestShareLeftOfAnyWindowForTheColour() {
    assertEquals(
        0.25,
        AccountDetails.worstShareLeft(
            List.of(
                new RateWindow("a", 100L, 90L, null),
                new RateWindow("b", null, null, null, new BigDecimal("75")))),
        1e-9);
    assertTrue(Double.isNaN(AccountDetails.worstShareLeft(List.of())));
  }

  // ------------------------------------------------------------ the recent spend

  @Test
  void listsTheBiggestSpendersFirstWithAmountUnitAndCalls() {
    MessageEmbed.Field field =
        AccountDetails.spendField(
            List.of(
                spend("gpt-4o-mini", "0.25", 12),
                spend("claude-3-5-haiku", "1.5", 1),
                spend("o3", "0.25", 30)),
            BotText.EN,
            MessageEmbed.VALUE_MAX_LENGTH);

    assertEquals("Recent spend by model", field.getName());
    assertEquals(
        "`claude-3-5-haiku`: 1.50 USD · 1 call\n"
            + "`o3`: 0.25 USD · 30 calls\n"
            + "`gpt-4o-mini`: 0.25 USD · 12 calls",
        field.getValue());
  }

  @Test
  void saysInChineseThatTheSpendIsRecent() {
    MessageEmbed.Field field =
        AccountDetails.spendField(
            List.of(new ModelSpend("gpt-4o-mini", new BigDecimal("0.25"), "USD", 12, SINCE)),
            BotText.ZH,
            MessageEmbed.VALUE_MAX_LENGTH);

    assertEquals("近期各模型消耗", field.getName());
    assertEquals(
        "*来自此 Key 的近期日志，自 <t:"
            + SINCE.getEpochSecond()
            + ":f> 起*\n"
            + "`gpt-4o-mini`：0.25 USD · 12 次调用",
        field.getValue());
  }

  @Test
  void saysSinceWhenTheOldestLoggedCallCounted() {
    String value =
        AccountDetails.spendField(
                List.of(
                    new ModelSpend("a", BigDecimal.ONE, "USD", 1, SINCE.plusSeconds(60)),
                    new ModelSpend("b", BigDecimal.TEN, "USD", 1, SINCE)),
                BotText.EN,
                MessageEmbed.VALUE_MAX_LENGTH)
            .getValue();

    assertTrue(
        value.startsWith("*From the key's recent log, since <t:" + SINCE.getEpochSecond() + ":f>*"),
        value);
  }

  @Test
  void showsTheTopTenAndCountsTheRest() {
    List<ModelSpend> spend = new ArrayList<>();
    for (int i = 1; i <= 14; i++) {
      spend.add(spend("model-" + i, String.valueOf(i), i));
    }

    String value =
        AccountDetails.spendField(spend, BotText.EN, MessageEmbed.VALUE_MAX_LENGTH).getValue();

    List<String> lines = List.of(value.split("\n"));
    assertEquals(AccountDetails.SPEND_ROWS_MAX + 1, lines.size(), value);
    assertEquals("`model-14`: 14.00 USD · 14 calls", lines.get(0));
    assertEquals("and 4 more models", lines.get(lines.size() - 1));
  }

  @Test
  void staysWithinAFieldValueWhateverTheLogHolds() {
    List<ModelSpend> spend = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      spend.add(
          new ModelSpend(
              "`**m**`\n" + "x".repeat(300) + i,
              new BigDecimal("9".repeat(60)),
              "*" + "u".repeat(40),
              Long.MAX_VALUE,
              null));
    }

    String value =
        AccountDetails.spendField(spend, BotText.EN, MessageEmbed.VALUE_MAX_LENGTH).getValue();

    assertTrue(value.length() <= MessageEmbed.VALUE_MAX_LENGTH, value.length() + "");
    assertTrue(value.endsWith(" more models"), value);
    assertFalse(value.contains("`**m**`"), value);
    assertFalse(value.contains("\n" + "x".repeat(10)), "a model name spans no line");
  }

  @Test
  void fitsTheRoomLeftInTheEmbed() {
    List<ModelSpend> spend = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      spend.add(spend("model-" + i, "1", 1));
    }

    String value = AccountDetails.spendField(spend, BotText.EN, 120).getValue();

    assertTrue(value.length() <= 120, value);
    assertTrue(value.startsWith("`model-0`"), value);
    assertTrue(value.endsWith(" more models"), value);
    assertNull(AccountDetails.spendField(List.of(), BotText.EN, 1000));
  }

  private static ModelSpend spend(String model, String amount, long calls) {
    return new ModelSpend(model, new BigDecimal(amount), "USD", calls, null);
  }
}
