package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.CallEstimate;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Site;
import dev.quotabot.quota.Text;
import dev.quotabot.support.CoreDoubles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

/**
 * The one renderer, driven by what the provider declares and what the report holds: a provider that
 * probes models (like ModelScope), one that lists the key's models (a relay), one that reads
 * balances only (like DeepSeek) and one that probes models for their rate-limit windows but reads
 * no balance (like Groq).
 */
final class QuotaEmbedTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant NEXT_MIDNIGHT_UTC8 = Instant.parse("2025-03-01T16:00:00Z");
  private static final OffsetDateTime RESET = OffsetDateTime.parse("2025-03-02T00:00+08:00");

  private static final ProviderInfo PROBER =
      new ProviderInfo("modelscope", "ModelScope", CoreDoubles.PROBING, "魔粒", List.of(), "ms-…");
  private static final ProviderInfo RELAY = relay("New API");
  private static final ProviderInfo BALANCE_ONLY =
      new ProviderInfo(
          "deepseek", "DeepSeek", EnumSet.of(Capability.BALANCES), null, List.of(), "sk-…");

  /** The same prober, declaring that a probe spends up to 2 魔粒. */
  private static final ProviderInfo SPENDING_PROBER = PROBER.withProbeCost(TestProviders.SPENDS);

  /** Probes models for their rate-limit windows; no balance, a console page. */
  private static final ProviderInfo HEADER_PROBER = TestProviders.headerProber();

  private static final Instant DAY_RESET = NOW.plusSeconds(6 * 3600);

  /** A DeepSeek account with a CNY and a USD balance, each split into granted and topped up. */
  private static final Account DEEPSEEK =
      Account.read(
          "deepseek",
          List.of(
              Balance.of(Balance.Scope.ACCOUNT, "CNY")
                  .available(new BigDecimal("110.00"))
                  .part("granted", new BigDecimal("10.00"))
                  .part("topped_up", new BigDecimal("100.00"))
                  .build(),
              Balance.of(Balance.Scope.ACCOUNT, "USD")
                  .available(new BigDecimal("5.5"))
                  .part("granted", BigDecimal.ZERO)
                  .part("topped_up", new BigDecimal("5.5"))
                  .build()),
          null,
          (Text) null);

  @Test
  void namesTheKeyByItsFingerprintAndTellsWhenTheDailyQuotaResets() {
    QuotaReport report = report(ok("Qwen/Qwen3-32B", 2000, 1200, 500, 100));

    MessageEmbed embed = QuotaEmbed.render(report, BotText.EN, false);

    assertEquals("ModelScope quota", embed.getTitle());
    assertTrue(embed.getDescription().contains("Key `ms-…a1b2`"), embed.getDescription());
    assertTrue(
        embed.getDescription().contains("<t:" + NEXT_MIDNIGHT_UTC8.getEpochSecond() + ":R>"),
        embed.getDescription());
    assertTrue(embed.getFooter().getText().contains("00:00 UTC+8"));
    assertTrue(embed.getFooter().getText().contains("1-token call"));
    assertEquals(NOW.minusSeconds(1), embed.getTimestamp().toInstant());
  }

  @Test
  void showsRemainingAndLimitWithABarForAccountAndModel() {
    MessageEmbed embed =
        QuotaEmbed.render(report(ok("Qwen/Qwen3-32B", 2000, 1200, 500, 100)), BotText.EN, false);

    MessageEmbed.Field field = embed.getFields().get(0);
    assertEquals("✅ Qwen/Qwen3-32B", field.getName());
    assertEquals("Account: 1200 / 2000 ▰▰▰▱▱ 60%\nModel: 100 / 500 ▰▱▱▱▱ 20%", field.getValue());
  }

  @Test
  void showsModelNamesAsTypedNeverAsFormattingOrLinks() {
    MessageEmbed embed =
        QuotaEmbed.render(
            report(
                ok("**bold**", 2000, 1200, 500, 100),
                ModelQuota.failed("||x||", ProbeStatus.MODEL_UNAVAILABLE, Text.upstream("no"), 9),
                ok("\\[a\\](https://evil.example)", 2000, 1200, 500, 100)),
            BotText.EN,
            false);

    assertEquals("✅ \\*\\*bold\\*\\*", embed.getFields().get(0).getName());
    assertEquals("❌ \\|\\|x\\|\\|", embed.getFields().get(1).getName());
    assertEquals("✅ \\\\\\[a\\\\\\](https://evil.example)", embed.getFields().get(2).getName());
  }

  @Test
  void showsUnknownNumbersAsUnknownNeverAsZero() {
    ModelQuota unknown =
        new ModelQuota(
            "deepseek-ai/DeepSeek-V3.1",
            RateLimits.UNKNOWN,
            ProbeStatus.NO_QUOTA_HEADERS,
            null,
            Text.upstream("not reported"),
            120);
    ModelQuota partial =
        new ModelQuota(
            "ZhipuAI/GLM-4.6",
            new RateLimits(2000L, null, null, 7L),
            ProbeStatus.NO_QUOTA_HEADERS,
            null,
            Text.upstream("not reported"),
            120);

    MessageEmbed embed = QuotaEmbed.render(report(unknown, partial), BotText.EN, false);

    String first = embed.getFields().get(0).getValue();
    assertTrue(first.startsWith("Account: unknown\nModel: unknown\n"), first);
    assertTrue(first.contains("unknown, not zero"), first);
    String second = embed.getFields().get(1).getValue();
    assertTrue(second.contains("Account: unknown / 2000"), second);
    assertTrue(second.contains("Model: 7 (limit unknown)"), second);
    assertFalse((first + second).contains(" 0 /"));
    assertFalse((first + second).contains("0%"));
    assertEquals(QuotaEmbed.GREY, embed.getColorRaw());
  }

  @Test
  void showsTheStatusAndTheHumanErrorForAFailedModel() {
    ModelQuota rejected =
        ModelQuota.failed(
            "Qwen/Qwen3-32B",
            ProbeStatus.INVALID_KEY,
            Text.upstream("ModelScope rejected the key (HTTP 401)."),
            30);

    MessageEmbed embed = QuotaEmbed.render(report(rejected), BotText.EN, false);

    MessageEmbed.Field field = embed.getFields().get(0);
    assertEquals("❌ Qwen/Qwen3-32B", field.getName());
    assertEquals("**Invalid key** — ModelScope rejected the key (HTTP 401).", field.getValue());
    assertEquals(QuotaEmbed.GREY, embed.getColorRaw());
  }

  @Test
  void showsAnUpstreamErrorAsTextNeverAsALinkForModelScopeAndRelaysAlike() {
    String error = "see \\[docs\\](https://evil.example) *now";
    ModelQuota failed =
        ModelQuota.failed("a/b", ProbeStatus.MODEL_UNAVAILABLE, Text.upstream(error), 0);

    String modelScope =
        QuotaEmbed.render(report(failed), BotText.EN, false).getFields().get(0).getValue();
    String relay =
        QuotaEmbed.render(report(RELAY, CoreDoubles.BALANCE, List.of(failed)), BotText.EN, false)
            .getFields()
            .get(0)
            .getValue();

    String shown = " — see \\\\\\[docs\\\\\\](https://evil.example) \\*now";
    assertEquals("**Model unavailable**" + shown, modelScope);
    assertEquals("**Model unavailable**" + shown, relay);
  }

  @Test
  void keepsTheNumbersAFailedProbeStillReported() {
    ModelQuota exhausted =
        new ModelQuota(
            "moonshotai/Kimi-K2-Instruct",
            new RateLimits(2000L, 1500L, 500L, 0L),
            ProbeStatus.LIMIT_REACHED,
            Text.upstream("Rate or daily limit reached (HTTP 429)."),
            null,
            40);

    MessageEmbed embed = QuotaEmbed.render(report(exhausted), BotText.EN, false);

    String value = embed.getFields().get(0).getValue();
    assertTrue(value.startsWith("**Limit reached**"), value);
    assertTrue(value.contains("Model: 0 / 500 ▱▱▱▱▱ 0%"), value);
    assertEquals(QuotaEmbed.RED, embed.getColorRaw());
  }

  @Test
  void keepsUpstreamTextFromFormattingTheEmbed() {
    ModelQuota odd =
        ModelQuota.failed(
            "m/x", ProbeStatus.UPSTREAM_ERROR, Text.upstream("**loud** _slanted_ `code`"), 1);

    String value = QuotaEmbed.render(report(odd), BotText.EN, false).getFields().get(0).getValue();

    assertTrue(value.endsWith("\\*\\*loud\\*\\* \\_slanted\\_ \\`code\\`"), value);
  }

  @Test
  void coloursByTheWorstRemainingShare() {
    assertEquals(QuotaEmbed.GREEN, colour(ok("a/a", 100, 50, 100, 90)));
    assertEquals(QuotaEmbed.AMBER, colour(ok("a/a", 100, 90, 100, 49), ok("b/b", 10, 10, 10, 10)));
    assertEquals(QuotaEmbed.AMBER, colour(ok("a/a", 100, 20, 100, 100)));
    assertEquals(QuotaEmbed.RED, colour(ok("a/a", 100, 19, 100, 100), ok("b/b", 1, 1, 1, 1)));
    assertEquals(
        QuotaEmbed.RED,
        colour(
            ok("a/a", 100, 100, 100, 100),
            ModelQuota.failed("b/b", ProbeStatus.LIMIT_REACHED, Text.upstream("limit"), 1)));
    assertEquals(
        QuotaEmbed.GREY,
        colour(ModelQuota.failed("a/a", ProbeStatus.TIMEOUT, Text.upstream("slow"), 1)));
  }

  @Test
  void drawsTheBarFromExactIntegerShares() {
    assertEquals("▰▰▰▰▰ 100%", QuotaEmbed.bar(2000, 2000));
    assertEquals("▱▱▱▱▱ 0%", QuotaEmbed.bar(0, 2000));
    assertEquals("▱▱▱▱▱ <1%", QuotaEmbed.bar(1, 2000));
    assertEquals("▰▱▱▱▱ 29%", QuotaEmbed.bar(29, 100));
    assertEquals("▰▰▱▱▱ 30%", QuotaEmbed.bar(30, 100));
    assertEquals("▰▰▰▰▰ 100%", QuotaEmbed.bar(700, 500));
    assertEquals("▱▱▱▱▱ 0%", QuotaEmbed.bar(0, 0));
  }

  @Test
  void speaksChineseToChineseUsers() {
    MessageEmbed embed =
        QuotaEmbed.render(report(ok("Qwen/Qwen3-32B", 2000, 1200, 500, 100)), BotText.ZH, false);

    assertEquals("ModelScope 额度", embed.getTitle());
    assertTrue(embed.getDescription().contains("密钥 `ms-…a1b2`"));
    assertTrue(embed.getDescription().contains("共查询 1 个模型：成功 1 个，失败 0 个"));
    assertEquals(
        "账户: 1200 / 2000 ▰▰▰▱▱ 60%\n模型: 100 / 500 ▰▱▱▱▱ 20%", embed.getFields().get(0).getValue());
  }

  @Test
  void summarizesModelsBeyondTwentyFiveFieldsHonestly() {
    List<ModelQuota> rows = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      rows.add(
          i % 5 == 4
              ? ModelQuota.failed(
                  "org/failing-" + i, ProbeStatus.TIMEOUT, Text.upstream("No answer."), 1)
              : ok("org/model-" + i, 2000, 1000, 500, 400));
    }

    MessageEmbed embed = QuotaEmbed.render(report(rows), BotText.EN, false);

    assertEquals(MessageEmbed.MAX_FIELD_AMOUNT, embed.getFields().size());
    MessageEmbed.Field summary = embed.getFields().get(24);
    assertEquals("+13 more", summary.getName());
    long okInRest = rows.subList(24, 37).stream().filter(ModelQuota::isSuccess).count();
    assertTrue(
        summary.getValue().startsWith(okInRest + " ok, " + (13 - okInRest) + " failed"),
        summary.getValue());
    assertTrue(summary.getValue().contains("`org/model-25`"), summary.getValue());
    assertTrue(embed.isSendable());
  }

  @Test
  void staysWithinSixThousandCharactersAndCountsEveryModel() {
    List<ModelQuota> rows = new ArrayList<>();
    String longError = "The upstream said something long. ".repeat(9);
    for (int i = 0; i < 25; i++) {
      String model = "organisation-with-a-long-name/" + "model-name-".repeat(15) + i;
      rows.add(ModelQuota.failed(model, ProbeStatus.UPSTREAM_ERROR, Text.upstream(longError), 1));
    }

    MessageEmbed embed = QuotaEmbed.render(report(rows), BotText.EN, false);

    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "" + embed.getLength());
    assertTrue(embed.isSendable());
    MessageEmbed.Field last = embed.getFields().get(embed.getFields().size() - 1);
    Matcher more = Pattern.compile("\\+(\\d+) more").matcher(last.getName());
    assertTrue(more.matches(), last.getName());
    int summarized = Integer.parseInt(more.group(1));
    assertEquals(25, embed.getFields().size() - 1 + summarized);
    assertTrue(last.getValue().startsWith("0 ok, " + summarized + " failed"), last.getValue());
  }

  @Test
  void cutsAnOverlongFieldValueToDiscordsLimit() {
    ModelQuota verbose =
        ModelQuota.failed("m/x", ProbeStatus.UPSTREAM_ERROR, Text.upstream("x".repeat(3000)), 1);

    MessageEmbed.Field field =
        QuotaEmbed.render(report(verbose), BotText.EN, false).getFields().get(0);

    assertEquals(MessageEmbed.VALUE_MAX_LENGTH, field.getValue().length());
    assertTrue(field.getValue().endsWith("…"));
  }

  @Test
  void showsTheBalanceInTheDescriptionAboveTheModelRows() {
    MessageEmbed embed =
        QuotaEmbed.render(report(ok("Qwen/Qwen3-32B", 2000, 1200, 500, 100)), BotText.EN, false);

    List<String> lines = List.of(embed.getDescription().split("\n"));
    assertEquals("Key `ms-…a1b2`", lines.get(0));
    assertEquals(
        "💰 魔粒 balance: **250** available (total 250, frozen 0) · name tester", lines.get(1));
    assertEquals("1 model checked: 1 ok, 0 failed", lines.get(2));
    assertEquals(1, embed.getFields().size());
  }

  @Test
  void showsTheBalanceInChinese() {
    String description =
        QuotaEmbed.render(report(ok("a/a", 10, 10, 10, 10)), BotText.ZH, false).getDescription();

    assertTrue(description.contains("💰 魔粒余额：可用 **250**（总额 250，冻结 0） · 名称 tester"), description);
  }

  @Test
  void leavesUnknownAmountsOutOrCallsThemUnknownNeverZero() {
    Balance partial =
        Balance.of(Balance.Scope.ACCOUNT, "魔粒").total(new BigDecimal("80.50")).build();

    String line = QuotaEmbed.balanceLine(partial, BotText.EN, null);

    assertEquals("💰 魔粒 balance: **unknown** available (total 80.5)", line);
    assertFalse(line.contains("0 "), line);
    assertFalse(line.contains("frozen"), line);
    assertFalse(line.contains("name"), line);
  }

  @Test
  void callsTheBalanceOfAnAccountReadWithoutAnyEntryUnknownNeverZero() {
    Account empty = Account.read("deepseek", List.of(), null, (Text) null);

    String line = lines(BALANCE_ONLY, empty, BotText.EN).get(1);

    assertEquals("💰 Balance: **unknown** available", line);
  }

  @Test
  void showsWhyTheBalanceCouldNotBeRead() {
    Account rejected =
        Account.failed(
            "modelscope",
            "魔粒",
            ProbeStatus.INVALID_KEY,
            Text.upstream("ModelScope rejected the key for the balance (HTTP 401): **bad** token"));

    MessageEmbed embed =
        QuotaEmbed.render(
            report(PROBER, rejected, List.of(ok("a/a", 100, 90, 100, 90))), BotText.EN, false);
    MessageEmbed zh =
        QuotaEmbed.render(
            report(PROBER, rejected, List.of(ok("a/a", 100, 90, 100, 90))), BotText.ZH, false);

    String line = embed.getDescription().split("\n")[1];
    assertEquals(
        "⚠️ The 魔粒 balance could not be read: **Invalid key** — ModelScope rejected the key for"
            + " the balance (HTTP 401): \\*\\*bad\\*\\* token",
        line);
    assertEquals(QuotaEmbed.GREEN, embed.getColorRaw(), "the rows still decide the colour");
    assertTrue(
        zh.getDescription().split("\n")[1].startsWith("⚠️ 无法读取魔粒余额：**密钥无效**"), zh.getDescription());
  }

  @Test
  void showsAmountsReadablyAndBoundedWhateverTheUpstreamSent() {
    assertEquals("250", QuotaEmbed.amount(new BigDecimal("250.000")));
    assertEquals("0", QuotaEmbed.amount(new BigDecimal("0.00")));
    assertEquals("1200", QuotaEmbed.amount(new BigDecimal("1.2E+3")));
    assertEquals("0.5", QuotaEmbed.amount(new BigDecimal("0.50")));
    assertEquals("1E+999999999", QuotaEmbed.amount(new BigDecimal("1e999999999")));
    assertEquals("1.23457E+39", QuotaEmbed.amount(new BigDecimal("1234567" + "0".repeat(33))));
    assertEquals("1E-40", QuotaEmbed.amount(new BigDecimal("1e-40")));
  }

  @Test
  void writesCurrencyAmountsWithCentsAndOtherUnitsAsTheyAre() {
    assertEquals("110.00", QuotaEmbed.amount(new BigDecimal("110.00"), "CNY"));
    assertEquals("0.1234", QuotaEmbed.amount(new BigDecimal("0.1234"), "CNY"));
    assertEquals("0.50", QuotaEmbed.amount(new BigDecimal("0.5"), "USD"));
    assertEquals("4000000", QuotaEmbed.amount(new BigDecimal("4000000"), "tokens"));
    assertEquals("12", QuotaEmbed.amount(new BigDecimal("12.0"), ""));
    assertEquals("250", QuotaEmbed.amount(new BigDecimal("250.0"), "魔粒"));
    assertEquals(
        "💰 CNY 余额：可用 **110.00**（总额 110.00）",
        QuotaEmbed.balanceLine(
            Balance.of(Balance.Scope.ACCOUNT, "CNY")
                .available(new BigDecimal("110"))
                .total(new BigDecimal("110"))
                .build(),
            BotText.ZH,
            null));
  }

  @Test
  void rendersABalanceOnlyCheckAsAFreeCheckWithoutFields() {
    MessageEmbed embed = QuotaEmbed.render(report(List.of()), BotText.EN, false);

    assertEquals("ModelScope 魔粒 balance (free check)", embed.getTitle());
    assertTrue(embed.getFields().isEmpty());
    String description = embed.getDescription();
    assertTrue(description.contains("Key `ms-…a1b2`"), description);
    assertTrue(description.contains("**250** available"), description);
    assertTrue(description.contains("no model was called"), description);
    assertTrue(description.contains("no quota and no 魔粒"), description);
    assertFalse(description.contains("models checked"), description);
    assertFalse(description.contains("ignored"), description);
    assertFalse(description.contains("<t:"), description);
    assertFalse(embed.getFooter().getText().contains("1-token call"));
    assertEquals(QuotaEmbed.BLUE, embed.getColorRaw());
    assertEquals(NOW.minusSeconds(1), embed.getTimestamp().toInstant());
  }

  @Test
  void colorsAFailedBalanceOnlyCheckRedAndSaysWhy() {
    Account slow =
        Account.failed(
            "modelscope",
            "魔粒",
            ProbeStatus.TIMEOUT,
            Text.upstream("ModelScope did not answer within 10000 ms."));

    MessageEmbed embed = QuotaEmbed.render(report(PROBER, slow, List.of()), BotText.ZH, false);

    assertEquals("ModelScope 魔粒余额（免费查询）", embed.getTitle());
    assertTrue(embed.getDescription().contains("无法读取魔粒余额：**超时**"), embed.getDescription());
    assertEquals(QuotaEmbed.RED, embed.getColorRaw());
  }

  @Test
  void saysWhenTheModelsTypedWereIgnoredForTheBalanceOnly() {
    MessageEmbed embed = QuotaEmbed.render(report(List.of()), BotText.EN, true);

    assertTrue(
        embed
            .getDescription()
            .endsWith("The models you gave were ignored because balance_only was set."),
        embed.getDescription());
  }

  @Test
  void explainsMissingQuotaHeadersAndPointsAtTheBalance() {
    ModelQuota silent =
        new ModelQuota(
            "deepseek-ai/DeepSeek-V3.1",
            RateLimits.UNKNOWN,
            ProbeStatus.NO_QUOTA_HEADERS,
            null,
            Text.upstream("ModelScope did not report per-model quota for this call."),
            90);

    MessageEmbed.Field en = QuotaEmbed.render(report(silent), BotText.EN, false).getFields().get(0);
    MessageEmbed.Field zh = QuotaEmbed.render(report(silent), BotText.ZH, false).getFields().get(0);

    assertEquals("❔ deepseek-ai/DeepSeek-V3.1", en.getName());
    assertTrue(en.getValue().contains("ModelScope did not report per-model quota"), en.getValue());
    assertTrue(en.getValue().contains("魔粒 balance above"), en.getValue());
    assertTrue(zh.getValue().contains("上方的魔粒余额"), zh.getValue());
  }

  @Test
  void takesTheResetTimeAndItsClockFromTheReport() {
    OffsetDateTime resetsAt = OffsetDateTime.parse("2031-07-04T05:30+05:30");
    QuotaReport report =
        new QuotaReport(
            PROBER, "ms-…a1b2", CoreDoubles.BALANCE, List.of(ok("a/a", 1, 1, 1, 1)), NOW, resetsAt);

    MessageEmbed embed = QuotaEmbed.render(report, BotText.EN, false);

    assertTrue(
        embed
            .getDescription()
            .contains("resets <t:" + resetsAt.toEpochSecond() + ":R> (05:30 UTC+5:30)"),
        embed.getDescription());
    assertTrue(
        embed.getFooter().getText().contains("Resets daily at 05:30 UTC+5:30."),
        embed.getFooter().getText());
  }

  @Test
  void showsNoResetForAProviderWithoutADailyReset() {
    QuotaReport report =
        new QuotaReport(
            PROBER, "ms-…a1b2", CoreDoubles.BALANCE, List.of(ok("a/a", 1, 1, 1, 1)), NOW, null);

    MessageEmbed embed = QuotaEmbed.render(report, BotText.EN, false);

    assertFalse(embed.getDescription().contains("<t:"), embed.getDescription());
    assertFalse(embed.getFooter().getText().contains("Resets"), embed.getFooter().getText());
  }

  @Test
  void countsTheBalanceLineTowardsDiscordsLimits() {
    Account noisy =
        Account.failed(
            "modelscope",
            "魔粒".repeat(50),
            ProbeStatus.UPSTREAM_ERROR,
            Text.upstream("_*`".repeat(2000)));
    List<ModelQuota> rows = new ArrayList<>();
    String longError = "The upstream said something long. ".repeat(30);
    for (int i = 0; i < 40; i++) {
      String model = "organisation-with-a-long-name/" + "model-name-".repeat(15) + i;
      rows.add(ModelQuota.failed(model, ProbeStatus.UPSTREAM_ERROR, Text.upstream(longError), 1));
    }

    MessageEmbed embed = QuotaEmbed.render(report(PROBER, noisy, rows), BotText.EN, false);
    MessageEmbed alone = QuotaEmbed.render(report(PROBER, noisy, List.of()), BotText.ZH, true);

    assertTrue(embed.isSendable());
    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "" + embed.getLength());
    assertTrue(embed.getDescription().length() < 2_000, "" + embed.getDescription().length());
    MessageEmbed.Field last = embed.getFields().get(embed.getFields().size() - 1);
    Matcher more = Pattern.compile("\\+(\\d+) more").matcher(last.getName());
    assertTrue(more.matches(), last.getName());
    assertEquals(40, embed.getFields().size() - 1 + Integer.parseInt(more.group(1)));
    assertTrue(alone.isSendable());
  }

  @Test
  void boundsTheAccountNameAndKeepsItFromFormattingTheEmbed() {
    Account odd =
        Account.read(
            "modelscope",
            List.of(Balance.of(Balance.Scope.ACCOUNT, "魔粒").available(BigDecimal.TEN).build()),
            "**[site](https://example.com) " + "x".repeat(500),
            (Text) null);

    String line = lines(PROBER, odd, BotText.EN).get(1);

    assertTrue(line.contains("name \\*\\*\\[site\\](https://example.com) xxx"), line);
    assertTrue(line.length() < 200, line);
  }

  @Test
  void showsEachCurrencyOfAnAccountInALineOfItsOwnWithItsSplit() {
    List<String> en = lines(BALANCE_ONLY, DEEPSEEK, BotText.EN);
    List<String> zh = lines(BALANCE_ONLY, DEEPSEEK, BotText.ZH);

    assertEquals(
        List.of(
            "Key `sk-…9z9z`",
            "💰 CNY balance: **110.00** available (granted 10.00, topped up 100.00)",
            "💰 USD balance: **5.50** available (granted 0.00, topped up 5.50)"),
        en);
    assertEquals("💰 USD 余额：可用 **5.50**（赠送 0.00，充值 5.50）", zh.get(2));
  }

  @Test
  void showsARelayKeysQuotaAndTheAccountsWalletInALineEachWithTheRequestCount() {
    Account relay = CoreDoubles.RELAY_ACCOUNT;

    List<String> en = lines(RELAY, relay, BotText.EN);
    List<String> zh = lines(RELAY, relay, BotText.ZH);

    assertEquals(
        "💰 USD key quota: **8.00** available (total 10.00, used 2.00) · name my-token", en.get(1));
    assertEquals(
        "💰 USD wallet: **25.00** available (total 30.00, used 5.00, 321 requests)", en.get(2));
    assertEquals("💰 USD 钱包：可用 **25.00**（总额 30.00，已用 5.00，321 次请求）", zh.get(2));
  }

  @Test
  void showsAPartNoWordIsKnownForAsSentButInert() {
    Balance odd =
        Balance.of(Balance.Scope.ACCOUNT, "CNY")
            .available(BigDecimal.ONE)
            .part("promo_credit", BigDecimal.ONE)
            .part("*[x](https://evil.example)", BigDecimal.ONE)
            .build();

    String line = QuotaEmbed.balanceLine(odd, BotText.ZH, null);

    assertTrue(line.contains("promo credit 1.00"), line);
    assertTrue(line.contains("\\*\\[x\\](https://ev… 1.00"), line);
    DiscordInputCorpusTest.assertInert(line.substring(line.indexOf("（")));
  }

  @Test
  void countsTheEntriesBeyondWhatOneEmbedShowsAndStaysWithinDiscordsLimits() {
    List<Balance> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Balance.Builder entry =
          Balance.of(Balance.Scope.KEY, "u".repeat(40) + i)
              .available(new BigDecimal("1234567" + "0".repeat(40)))
              .total(new BigDecimal("-1e-30"))
              .used(BigDecimal.TEN)
              .frozen(BigDecimal.ONE)
              .expiresAt(NOW.plusSeconds(i))
              .requests(Long.MAX_VALUE);
      for (int part = 0; part < 10; part++) {
        entry.part("_*`".repeat(20) + part, new BigDecimal("9".repeat(60)));
      }
      many.add(entry.build());
    }
    Account account =
        Account.read("newapi", many, "n".repeat(500), Text.upstream("note ".repeat(300)));
    List<ModelQuota> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(relayRow("vendor/" + "long-model-name-".repeat(14) + i));
    }

    MessageEmbed embed = QuotaEmbed.render(report(RELAY, account, rows), BotText.EN, true);

    assertTrue(embed.isSendable());
    assertTrue(embed.getDescription().length() <= MessageEmbed.DESCRIPTION_MAX_LENGTH);
    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "" + embed.getLength());
    List<String> balanceLines =
        List.of(embed.getDescription().split("\n")).stream()
            .filter(line -> line.startsWith("💰"))
            .toList();
    String more = balanceLines.get(balanceLines.size() - 1);
    Matcher counted = Pattern.compile("💰 \\+(\\d+) more balances?").matcher(more);
    assertTrue(counted.matches(), more);
    assertEquals(12, balanceLines.size() - 1 + Integer.parseInt(counted.group(1)));
  }

  @Test
  void showsEveryBalanceEntryOfASixEntryReport() {
    // GIVEN an account with six entries (more than the four an answer used to show)
    List<Balance> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(
          Balance.of(Balance.Scope.ACCOUNT, "C" + (char) ('A' + i) + "Y")
              .available(new BigDecimal(i + 1))
              .build());
    }
    Account account = Account.read("deepseek", six, null, (Text) null);

    // WHEN it is rendered
    List<String> lines = lines(BALANCE_ONLY, account, BotText.EN);

    // THEN each entry has its line, and no line says some were left out
    for (int i = 0; i < 6; i++) {
      String unit = "C" + (char) ('A' + i) + "Y";
      assertTrue(
          lines.contains("💰 " + unit + " balance: **" + (i + 1) + ".00** available"), "" + lines);
    }
    assertFalse(String.join("\n", lines).contains("more balance"), "" + lines);
  }

  @Test
  void keepsWithinDiscordsLimitsWithFiftyBalanceEntriesAndCountsThoseLeftOut() {
    // GIVEN fifty entries, each with a split and an expiry, and sixty model rows
    List<Balance> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(
          Balance.of(Balance.Scope.KEY, "USD")
              .available(new BigDecimal("12.34"))
              .total(new BigDecimal("100"))
              .used(new BigDecimal("87.66"))
              .part("granted", BigDecimal.ONE)
              .expiresAt(NOW.plusSeconds(86_400L * (i + 2)))
              .build());
    }
    Account account = Account.read("newapi", fifty, "token", (Text) null);
    List<ModelQuota> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(relayRow("vendor/model-" + i));
    }

    // WHEN the report is rendered
    MessageEmbed embed = QuotaEmbed.render(report(RELAY, account, rows), BotText.EN, false);

    // THEN it is sendable, and the entries shown plus those counted are all fifty
    assertTrue(embed.isSendable());
    assertTrue(embed.getDescription().length() <= MessageEmbed.DESCRIPTION_MAX_LENGTH);
    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "" + embed.getLength());
    List<String> money =
        List.of(embed.getDescription().split("\n")).stream()
            .filter(line -> line.startsWith("💰"))
            .toList();
    Matcher counted =
        Pattern.compile("💰 \\+(\\d+) more balances?").matcher(money.get(money.size() - 1));
    assertTrue(counted.matches(), money.get(money.size() - 1));
    assertEquals(50, money.size() - 1 + Integer.parseInt(counted.group(1)));
    assertTrue(money.size() > 4, "" + money.size());
    String last = embed.getFields().get(embed.getFields().size() - 1).getValue();
    assertTrue(last.contains(" ok, "), last);
  }

  @Test
  void saysWhatExpiresTonightInTheReportsDailyResetZone() {
    // GIVEN a report checked at 17:59 UTC+8 whose daily reset is at midnight UTC+8, with an entry
    // expiring at 23:59 that evening and one expiring the day after
    Instant tonight = Instant.parse("2025-03-01T15:59:00Z");
    Instant later = Instant.parse("2025-03-02T15:59:00Z");
    Account account =
        Account.read(
            "modelscope",
            List.of(
                Balance.of(Balance.Scope.ACCOUNT, "魔粒")
                    .available(new BigDecimal("200"))
                    .expiresAt(tonight)
                    .build(),
                Balance.of(Balance.Scope.ACCOUNT, "魔粒")
                    .available(new BigDecimal("50"))
                    .expiresAt(later)
                    .build()),
            null,
            (Text) null);

    // WHEN it is rendered in English and Chinese
    List<String> en = lines(PROBER, account, BotText.EN);
    List<String> zh = lines(PROBER, account, BotText.ZH);

    // THEN the first says what expires tonight and when, the second only when it expires
    assertTrue(
        en.contains(
            "⏳ **200 魔粒** expire tonight at 23:59 UTC+8 (<t:" + tonight.getEpochSecond() + ":R>)"),
        "" + en);
    assertTrue(
        zh.contains("⏳ **200 魔粒** 将于今晚 23:59（UTC+8）过期（<t:" + tonight.getEpochSecond() + ":R>）"),
        "" + zh);
    assertTrue(en.contains("⏳ Expires <t:" + later.getEpochSecond() + ":R>"), "" + en);
  }

  @Test
  void neverSaysTonightWithoutADailyReset() {
    // GIVEN a provider without a daily reset and an entry expiring an hour after the check
    Instant soon = NOW.plusSeconds(3600);
    Account relay = keyAccount(CoreDoubles.relayKey().expiresAt(soon).build(), "t", null);

    // WHEN it is rendered THEN the expiry is a relative time only
    List<String> lines = lines(RELAY, relay, BotText.EN);
    assertTrue(lines.contains("⏳ Expires <t:" + soon.getEpochSecond() + ":R>"), "" + lines);
  }

  @Test
  void showsARelaysKeyQuotaWithTotalUsedTokenNameAndExpiry() {
    Instant expires = NOW.plusSeconds(86_400 * 30);
    Account relay = keyAccount(CoreDoubles.relayKey().expiresAt(expires).build(), "my-token", null);

    MessageEmbed embed = QuotaEmbed.render(report(RELAY, relay, List.of()), BotText.EN, false);

    assertEquals("New API balance", embed.getTitle());
    List<String> lines = List.of(embed.getDescription().split("\n"));
    assertEquals("Key `sk-…9z9z`", lines.get(0));
    assertEquals(
        "💰 USD key quota: **8.00** available (total 10.00, used 2.00) · name my-token",
        lines.get(1));
    assertEquals("⏳ Expires <t:" + expires.getEpochSecond() + ":R>", lines.get(2));
    assertFalse(embed.getDescription().contains("魔粒"), embed.getDescription());
    assertFalse(embed.getDescription().contains("resets"), embed.getDescription());
    assertFalse(embed.getFooter().getText().contains("UTC+8"));
    assertTrue(embed.getFields().isEmpty());
    assertEquals(QuotaEmbed.BLUE, embed.getColorRaw());
  }

  @Test
  void saysUnlimitedNeverAPlaceholderAmountAndShowsTheNote() {
    Account unlimited =
        keyAccount(
            Balance.of(Balance.Scope.KEY, "USD")
                .available(new BigDecimal("-12.5"))
                .total(new BigDecimal("100000000"))
                .used(new BigDecimal("3"))
                .unlimited(true)
                .build(),
            "free-for-all",
            "unlimited token: the wallet needs the admin access token");

    String description = description(RELAY, unlimited, BotText.EN);
    String zh = description(RELAY, unlimited, BotText.ZH);

    assertTrue(
        description.contains(
            "💰 USD key quota: **Unlimited** available (used 3.00) · name free-for-all"),
        description);
    assertTrue(
        description.contains("ℹ️ *unlimited token: the wallet needs the admin access token*"),
        description);
    assertFalse(description.contains("-12.5"), description);
    assertFalse(description.contains("100000000"), description);
    assertTrue(zh.contains("**无限额度**"), zh);
  }

  @Test
  void showsMoneyOwedAsTheNegativeNumberTheProviderReported() {
    Account owing =
        Account.read(
            "moonshot",
            List.of(
                Balance.of(Balance.Scope.ACCOUNT, "CNY")
                    .available(new BigDecimal("-1.5"))
                    .part("voucher", BigDecimal.ZERO)
                    .part("cash", new BigDecimal("-1.5"))
                    .build()),
            null,
            Text.upstream("the account owes money (its cash balance is negative)"));

    String description = description(BALANCE_ONLY, owing, BotText.EN);

    assertTrue(
        description.contains("💰 CNY balance: **-1.50** available (voucher 0.00, cash -1.50)"),
        description);
    assertTrue(description.contains("owes money"), description);
  }

  @Test
  void saysWhenTheKeyHasExpired() {
    Instant expired = NOW.minusSeconds(3_600);
    Account old =
        keyAccount(
            Balance.of(Balance.Scope.KEY, "USD")
                .available(BigDecimal.ONE)
                .expiresAt(expired)
                .build(),
            null,
            null);

    String description = description(RELAY, old, BotText.ZH);

    assertTrue(description.contains("⏳ 已于 <t:" + expired.getEpochSecond() + ":R> 过期"), description);
  }

  @Test
  void rendersABalanceOnlyProvidersCheckWithoutFieldsOrProbeLines() {
    MessageEmbed embed =
        QuotaEmbed.render(report(BALANCE_ONLY, DEEPSEEK, List.of()), BotText.ZH, true);

    assertEquals("DeepSeek 余额", embed.getTitle());
    String description = embed.getDescription();
    assertTrue(description.contains("💰 CNY 余额：可用 **110.00**"), description);
    assertTrue(description.contains("已设置 balance_only"), description);
    assertFalse(description.contains("<t:"), description);
    assertFalse(description.contains("魔粒"), description);
    assertFalse(description.contains("未调用任何模型，本次"), description);
    assertEquals("查询余额是免费的：未调用任何模型。", embed.getFooter().getText());
    assertTrue(embed.getFields().isEmpty());
    assertEquals(NOW, embed.getTimestamp().toInstant());
  }

  @Test
  void showsWhyAProvidersBalanceCouldNotBeReadNamingTheProvider() {
    Account failed =
        Account.failed(
            "deepseek",
            null,
            ProbeStatus.UPSTREAM_ERROR,
            Text.upstream("DeepSeek answered HTTP 500: **oops**"));

    MessageEmbed embed =
        QuotaEmbed.render(report(BALANCE_ONLY, failed, List.of()), BotText.EN, false);

    assertEquals(
        "⚠️ The balance could not be read: **DeepSeek error** — DeepSeek answered HTTP 500:"
            + " \\*\\*oops\\*\\*",
        embed.getDescription().split("\n")[1]);
    assertEquals(QuotaEmbed.RED, embed.getColorRaw());
  }

  @Test
  void listsTheModelsARelayKeyMayUseAsFields() {
    Account relay = keyAccount(CoreDoubles.relayKey().unlimited(false).build(), "my-token", null);
    List<ModelQuota> rows =
        List.of(
            relayRow("gpt-4o"),
            new ModelQuota("o3", RateLimits.UNKNOWN, ProbeStatus.OK, null, null, 0),
            ModelQuota.failed(
                "claude-3",
                ProbeStatus.MODEL_UNAVAILABLE,
                Text.upstream("Not in the relay's list."),
                0));

    MessageEmbed embed = QuotaEmbed.render(report(RELAY, relay, rows), BotText.EN, false);

    assertEquals("New API balance and models", embed.getTitle());
    assertTrue(
        embed.getDescription().contains("3 models: 2 usable with this key"),
        embed.getDescription());
    assertEquals("✅ gpt-4o", embed.getFields().get(0).getName());
    assertEquals("Listed by the relay for this key.", embed.getFields().get(0).getValue());
    assertEquals("Usable with this key", embed.getFields().get(1).getValue());
    assertEquals("❌ claude-3", embed.getFields().get(2).getName());
    assertEquals(
        "**Model unavailable** — Not in the relay's list.", embed.getFields().get(2).getValue());
    assertFalse(embed.getFields().get(0).getValue().contains("unknown"));
    assertEquals(QuotaEmbed.BLUE, embed.getColorRaw(), "the balance, not the rows, decides");
    assertEquals("Reading the balance is free: no model was called.", embed.getFooter().getText());
  }

  @Test
  void keepsAHundredRelayModelsWithinDiscordsLimits() {
    List<ModelQuota> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(relayRow("vendor/" + "long-model-name-".repeat(14) + i));
    }
    Account relay =
        keyAccount(
            CoreDoubles.relayKey().unlimited(false).expiresAt(NOW.plusSeconds(60)).build(),
            "n".repeat(500),
            "note ".repeat(300));

    MessageEmbed embed =
        QuotaEmbed.render(report(relay("A provider ".repeat(40)), relay, rows), BotText.EN, true);

    assertTrue(embed.isSendable());
    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT, "" + embed.getLength());
    MessageEmbed.Field last = embed.getFields().get(embed.getFields().size() - 1);
    Matcher more = Pattern.compile("\\+(\\d+) more").matcher(last.getName());
    assertTrue(more.matches(), last.getName());
    assertEquals(100, embed.getFields().size() - 1 + Integer.parseInt(more.group(1)));
  }

  // ------------------------------------------------------------ rate-limit windows

  @Test
  void showsEachRateLimitWindowInALineWithItsReset() {
    // GIVEN a row with a daily request window (with its reset) and a per-minute token window
    ModelQuota row =
        windowed(
            new RateWindow("requests_per_day", 14_400L, 14_370L, DAY_RESET),
            new RateWindow("tokens_per_minute", 6_000L, 5_990L, null));

    // WHEN it is rendered in English and in Chinese
    MessageEmbed en = QuotaEmbed.render(headerReport(row), BotText.EN, false);
    MessageEmbed zh = QuotaEmbed.render(headerReport(row), BotText.ZH, false);

    // THEN each window has its own line, its name made human, its reset where known
    long reset = DAY_RESET.getEpochSecond();
    assertEquals("✅ llama-3.1-8b-instant", en.getFields().get(0).getName());
    assertEquals(
        "requests/day: 14370 / 14400 ▰▰▰▰▰ 99% · resets <t:"
            + reset
            + ":R>\ntokens/minute: 5990 / 6000 ▰▰▰▰▰ 99%",
        en.getFields().get(0).getValue());
    assertEquals(
        "请求/天: 14370 / 14400 ▰▰▰▰▰ 99% · <t:" + reset + ":R> 重置\nToken/分钟: 5990 / 6000 ▰▰▰▰▰ 99%",
        zh.getFields().get(0).getValue());
    assertEquals("Groq quota", en.getTitle());
  }

  @Test
  void showsUnknownWindowNumbersAsUnknownNeverAsZeroAndLeavesEmptyWindowsOut() {
    // GIVEN windows with only a limit, only what remains, and nothing at all
    ModelQuota row =
        windowed(
            new RateWindow("requests_per_minute", 30L, null, null),
            new RateWindow("tokens_per_minute", null, 5_000L, null),
            new RateWindow("requests_per_day", null, null, null));

    // WHEN it is rendered
    String value =
        QuotaEmbed.render(headerReport(row), BotText.EN, false).getFields().get(0).getValue();

    // THEN unknown stays unknown, and the window without any number gets no line
    assertEquals("requests/minute: unknown / 30\ntokens/minute: 5000 (limit unknown)", value);
    assertFalse(value.contains("requests/day"), value);
  }

  @Test
  void showsAWindowsNameAsTextNeverAsFormatting() {
    ModelQuota row = windowed(new RateWindow("**loud**_[x](https://evil.example)", 1L, 1L, null));

    String value =
        QuotaEmbed.render(headerReport(row), BotText.EN, false).getFields().get(0).getValue();

    DiscordInputCorpusTest.assertInert(value.substring(0, value.indexOf(": ")));
  }

  @Test
  void countsTheWindowsBeyondWhatOneFieldShows() {
    List<RateWindow> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(new RateWindow("requests_per_" + i + "_minutes", 100L, 50L, DAY_RESET));
    }

    String value =
        QuotaEmbed.render(
                headerReport(windowed(many.toArray(RateWindow[]::new))), BotText.EN, false)
            .getFields()
            .get(0)
            .getValue();

    List<String> lines = List.of(value.split("\n"));
    assertEquals(QuotaEmbed.WINDOWS_MAX, lines.size());
    assertEquals("+5 more limits", lines.get(lines.size() - 1));
  }

  @Test
  void showsTheSeedsNumbersOnceWhenTheRowAlsoCarriesThemAsWindows() {
    // GIVEN a ModelScope row whose windows repeat its four numbers
    ModelQuota seed =
        new ModelQuota(
            "Qwen/Qwen3-32B",
            new RateLimits(2000L, 1200L, 500L, 100L),
            ProbeStatus.OK,
            null,
            null,
            100,
            List.of(
                new RateWindow("requests_per_day", 2000L, 1200L, null),
                new RateWindow("model_requests_per_day", 500L, 100L, null)));

    // WHEN it is rendered
    String value = QuotaEmbed.render(report(seed), BotText.EN, false).getFields().get(0).getValue();

    // THEN only the seed's lines show, exactly as before
    assertEquals("Account: 1200 / 2000 ▰▰▰▱▱ 60%\nModel: 100 / 500 ▰▱▱▱▱ 20%", value);
  }

  @Test
  void coloursByTheWorstShareOfAnyWindowToo() {
    assertEquals(
        QuotaEmbed.GREEN, colour(windowed(new RateWindow("requests_per_day", 100L, 90L, null))));
    assertEquals(
        QuotaEmbed.RED,
        colour(
            windowed(
                new RateWindow("requests_per_day", 100L, 90L, null),
                new RateWindow("tokens_per_minute", 6000L, 100L, null))));
    assertEquals(
        QuotaEmbed.AMBER,
        colour(ok("a/a", 100, 100, 100, 100), windowed(new RateWindow("r", 10L, 3L, null))));
    assertEquals(
        QuotaEmbed.GREY, colour(windowed(new RateWindow("requests_per_day", null, 5L, null))));
  }

  // ------------------------------------------------------------ a provider without balances

  @Test
  void saysAProviderWithoutBalancesCannotReadOneAndWhereToLookNeverUnknownAmounts() {
    // GIVEN a provider that reads no balance, its account read with no entry
    Account none = Account.read("groq", List.of(), null, (Text) null);
    ModelQuota silent =
        new ModelQuota(
            "llama-3.1-8b-instant",
            RateLimits.UNKNOWN,
            ProbeStatus.NO_QUOTA_HEADERS,
            null,
            Text.upstream("no headers"),
            50);

    // WHEN a probe of it is rendered
    MessageEmbed en =
        QuotaEmbed.render(report(HEADER_PROBER, none, List.of(silent)), BotText.EN, false);
    MessageEmbed zh =
        QuotaEmbed.render(report(HEADER_PROBER, none, List.of(silent)), BotText.ZH, false);

    // THEN it says where the balance is shown, and points at no balance above or balance_only
    String line = en.getDescription().split("\n")[1];
    assertEquals(
        "💰 The balance cannot be read with an API key: see " + TestProviders.GROQ_CONSOLE, line);
    assertEquals(
        "💰 无法用 API Key 读取余额，请在 " + TestProviders.GROQ_CONSOLE + " 查看",
        zh.getDescription().split("\n")[1]);
    assertFalse(en.getDescription().contains("**unknown** available"), en.getDescription());
    String value = en.getFields().get(0).getValue();
    assertTrue(value.contains("Groq did not report per-model quota"), value);
    assertFalse(value.contains("balance above"), value);
    assertFalse(en.getFooter().getText().contains("balance_only"), en.getFooter().getText());
    assertTrue(en.getFooter().getText().contains("1-token call"), en.getFooter().getText());
  }

  @Test
  void saysACallThatSpendsWorkedButItsCostIsUnknownWhenNoNumbersCame() {
    ModelQuota silent =
        new ModelQuota(
            "deepseek-ai/DeepSeek-V3.1",
            RateLimits.UNKNOWN,
            ProbeStatus.NO_QUOTA_HEADERS,
            null,
            Text.upstream("not reported"),
            90);

    String en =
        QuotaEmbed.render(
                report(SPENDING_PROBER, CoreDoubles.BALANCE, List.of(silent)), BotText.EN, false)
            .getFields()
            .get(0)
            .getValue();
    String zh =
        QuotaEmbed.render(
                report(SPENDING_PROBER, CoreDoubles.BALANCE, List.of(silent)), BotText.ZH, false)
            .getFields()
            .get(0)
            .getValue();

    assertTrue(en.contains("The call worked; what it cost is unknown (at most 2 魔粒)."), en);
    assertTrue(en.contains("魔粒 balance above"), en);
    assertTrue(zh.contains("调用成功，实际消耗未知（最多 2 魔粒）"), zh);
    assertFalse(en.contains(" 0 "), en);
  }

  // ------------------------------------------------------------ estimates and grant progress

  @Test
  void estimatesTheCallsLeftPerTierSayingItIsAnEstimateAndWhichPricesItUsed() {
    // GIVEN 250 魔粒 and the provider's estimate per tier
    Account account = CoreDoubles.BALANCE.withEstimatedCalls(TIERS);

    // WHEN it is rendered
    List<String> en = lines(SPENDING_PROBER, account, BotText.EN);
    List<String> zh = lines(SPENDING_PROBER, account, BotText.ZH);

    // THEN one line right under the balance gives the estimate and the prices
    assertTrue(en.get(1).startsWith("💰 魔粒 balance"), en.get(1));
    assertEquals(
        "≈ 500 light / 250 standard / 125 flagship calls (estimate at 0.5 / 1 / 2 魔粒 a call)",
        en.get(2));
    assertEquals("≈ 可调用 轻量 500 次 / 标准 250 次 / 旗舰 125 次（估算，按每次 0.5 / 1 / 2 魔粒 计）", zh.get(2));
  }

  @Test
  void showsNoEstimateWhenTheProviderGaveNoneAndATierNoWordIsKnownForAsSentButInert() {
    assertFalse(
        description(SPENDING_PROBER, CoreDoubles.BALANCE, BotText.EN).contains("≈"),
        "no estimate, no line");

    Account odd =
        CoreDoubles.BALANCE.withEstimatedCalls(
            List.of(new CallEstimate("*turbo_[x]*", new BigDecimal("0.25"), 1000)));
    String line = QuotaEmbed.estimateLine(odd, BotText.EN);

    assertTrue(line.startsWith("≈ 1000 \\*turbo \\[x\\]\\* calls (estimate at 0.25 魔粒"), line);
  }

  @Test
  void namesTodaysGrantProgressReadably() {
    Balance today =
        Balance.of(Balance.Scope.ACCOUNT, "魔粒")
            .available(new BigDecimal("250"))
            .part("earned_today", new BigDecimal("200"))
            .part("to_earn_today", new BigDecimal("50"))
            .build();

    assertEquals(
        "💰 魔粒 balance: **250** available (earned today 200, still to earn today 50)",
        QuotaEmbed.balanceLine(today, BotText.EN, null));
    assertEquals(
        "💰 魔粒余额：可用 **250**（今日已获得 200，今日还可获得 50）", QuotaEmbed.balanceLine(today, BotText.ZH, null));
  }

  @Test
  void namesLifetimeTotalsAsLifetimeNotAsWhatIsLeft() {
    // StepFun's lifetime top-ups and grants (see StepFunProvider) beside what is left
    Balance stepFun =
        Balance.of(Balance.Scope.ACCOUNT, "CNY")
            .available(new BigDecimal("150.00"))
            .part("lifetime_topped_up", new BigDecimal("200.00"))
            .part("lifetime_granted", new BigDecimal("50.00"))
            .build();

    assertEquals(
        "💰 CNY balance: **150.00** available (lifetime top-ups 200.00, lifetime grants 50.00)",
        QuotaEmbed.balanceLine(stepFun, BotText.EN, null));
    assertEquals(
        "💰 CNY 余额：可用 **150.00**（累计充值 200.00，累计赠送 50.00）",
        QuotaEmbed.balanceLine(stepFun, BotText.ZH, null));
  }

  // ------------------------------------------------------------ the provider from the key

  @Test
  void namesTheProviderTheKeysPrefixPickedBesideTheKey() {
    QuotaReport report =
        report(
            HEADER_PROBER, Account.read("groq", List.of(), null, (Text) null), List.of(windowed()));

    String picked = QuotaEmbed.render(report, BotText.EN, false, true).getDescription();
    String pickedZh = QuotaEmbed.render(report, BotText.ZH, false, true).getDescription();
    String chosen = QuotaEmbed.render(report, BotText.EN, false, false).getDescription();

    assertEquals("Key `sk-…9z9z` · Groq, recognised from the key's prefix", picked.split("\n")[0]);
    assertEquals("密钥 `sk-…9z9z` · 按 Key 前缀识别为 Groq", pickedZh.split("\n")[0]);
    assertEquals("Key `sk-…9z9z`", chosen.split("\n")[0]);
  }

  // ------------------------------------------------------------ limits, spend, site (issue 12)

  @Test
  void showsACodingPlansWindowsInsteadOfAnUnknownBalanceAndColoursByTheFullest() {
    // GIVEN a provider that reads with the key, whose account is two windows and no money
    Account plan =
        Account.read(PLAN.id(), List.of(), null, (Text) null)
            .withLimits(
                List.of(
                    new RateWindow(
                        "tokens_per_5_hours", null, null, DAY_RESET, new BigDecimal("85")),
                    new RateWindow("tokens_per_week", null, null, null, new BigDecimal("10"))));

    // WHEN it is rendered
    MessageEmbed embed = QuotaEmbed.render(report(PLAN, plan, List.of()), BotText.EN, false);

    // THEN the windows are the answer: no "unknown" balance, a title that says limits, red
    assertEquals("Coding Plan usage limits", embed.getTitle());
    List<String> lines = List.of(embed.getDescription().split("\n"));
    assertEquals(
        "⏱️ tokens/5 hours: ▰▰▰▰▱ 85% used · resets <t:" + DAY_RESET.getEpochSecond() + ":R>",
        lines.get(1));
    assertEquals("⏱️ tokens/week: ▰▱▱▱▱ 10% used", lines.get(2));
    assertFalse(embed.getDescription().contains("unknown"), embed.getDescription());
    assertEquals(QuotaEmbed.RED, embed.getColorRaw());
    assertEquals(
        "用量限额",
        QuotaEmbed.render(report(PLAN, plan, List.of()), BotText.ZH, false)
            .getTitle()
            .substring("Coding Plan ".length()));
  }

  @Test
  void keepsTheNameOfAnAccountDescribedByItsWindowsOnALineOfItsOwn() {
    Account plan =
        Account.read(PLAN.id(), List.of(), "*lite*", (Text) null)
            .withLimits(List.of(new RateWindow("tokens_5h", 10L, 9L, null)));

    List<String> lines = lines(PLAN, plan, BotText.EN);

    assertEquals(
        List.of(
            "Key `sk-…9z9z`",
            "👤 Name \\*lite\\*",
            "⏱️ tokens/5 hours: ▰▱▱▱▱ 10% used (9 / 10 left)"),
        lines);
  }

  @Test
  void namesTheRelaySiteAndItsSoftwareRightUnderTheKey() {
    Account account = CoreDoubles.RELAY_ACCOUNT.withSite(new Site("new-api", "0.6.10", "Juhe"));

    List<String> en = lines(RELAY, account, BotText.EN);
    List<String> zh = lines(RELAY, account, BotText.ZH);

    assertEquals("🌐 Site: **Juhe** · runs new-api v0.6.10", en.get(1));
    assertTrue(en.get(2).startsWith("💰 USD key quota"), en.get(2));
    assertEquals("🌐 站点：**Juhe** · 程序 new-api v0.6.10", zh.get(1));
  }

  @Test
  void showsTheRecentSpendByModelAsAFieldBeforeTheModels() {
    Account account =
        CoreDoubles.RELAY_ACCOUNT.withSpend(
            List.of(
                new ModelSpend("gpt-4o-mini", new BigDecimal("0.5"), "USD", 3, null),
                new ModelSpend("o3", new BigDecimal("2"), "USD", 1, null)));

    MessageEmbed embed =
        QuotaEmbed.render(
            report(RELAY, account, List.of(relayRow("gpt-4o-mini"))), BotText.EN, false);

    assertEquals("Recent spend by model", embed.getFields().get(0).getName());
    assertEquals(
        "`o3`: 2.00 USD · 1 call\n`gpt-4o-mini`: 0.50 USD · 3 calls",
        embed.getFields().get(0).getValue());
    assertEquals("✅ gpt-4o-mini", embed.getFields().get(1).getName());
  }

  @Test
  void keepsSpendAndAHundredModelsWithinDiscordsLimitsCountingEveryModel() {
    // GIVEN a long note, 60 models of spend with long names, and 100 listed models
    List<ModelSpend> spend = new ArrayList<>();
    List<ModelQuota> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i < 60) {
        spend.add(new ModelSpend("m".repeat(60) + i, BigDecimal.valueOf(i), "USD", i, null));
      }
      rows.add(relayRow("vendor/model-with-a-long-name-" + i));
    }
    Account account =
        CoreDoubles.RELAY_ACCOUNT
            .withSpend(spend)
            .withSite(new Site("new-api", "v1", "s".repeat(300)))
            .withNoteAdded(Text.upstream("n".repeat(1000)))
            .withLimits(List.of(new RateWindow("requests_per_day", 10L, 5L, DAY_RESET)));

    // WHEN it is rendered
    MessageEmbed embed = QuotaEmbed.render(report(RELAY, account, rows), BotText.EN, false);

    // THEN it fits, the spend says how many it left out, and the last field counts the models
    assertTrue(embed.isSendable(), "within Discord's limits");
    assertTrue(embed.getLength() <= MessageEmbed.EMBED_MAX_LENGTH_BOT);
    assertTrue(embed.getFields().size() <= MessageEmbed.MAX_FIELD_AMOUNT);
    String spent = embed.getFields().get(0).getValue();
    assertTrue(spent.endsWith(" more models"), spent);
    int shownModels = embed.getFields().size() - 2;
    MessageEmbed.Field last = embed.getFields().get(embed.getFields().size() - 1);
    assertEquals("+" + (100 - shownModels) + " more", last.getName());
  }

  @Test
  void answersAProviderWithoutAKeyReadableBalanceHonestlyWithItsLimitsAndConsole() {
    // GIVEN a provider that declares nothing it can do but a console page, answering a note and
    // one window
    Account account =
        Account.read(
                CONSOLE_ONLY.id(), List.of(), null, Text.upstream("Usage is shown in the console."))
            .withLimits(List.of(new RateWindow("requests_per_minute", 60L, 59L, null)));

    // WHEN it is rendered
    MessageEmbed en =
        QuotaEmbed.render(report(CONSOLE_ONLY, account, List.of()), BotText.EN, false);
    MessageEmbed zh =
        QuotaEmbed.render(report(CONSOLE_ONLY, account, List.of()), BotText.ZH, false);

    // THEN it says the balance cannot be read and where to look, shows the window and the note,
    // and states no amount at all
    assertEquals("Console Cloud account", en.getTitle());
    List<String> lines = List.of(en.getDescription().split("\n"));
    assertEquals(
        List.of(
            "Key `sk-…9z9z`",
            "💰 The balance cannot be read with an API key: see " + CONSOLE,
            "⏱️ requests/minute: ▱▱▱▱▱ 1% used (59 / 60 left)",
            "ℹ️ *Usage is shown in the console.*"),
        lines);
    assertEquals("No model was called: this check cost nothing.", en.getFooter().getText());
    assertTrue(zh.getDescription().contains("无法用 API Key 读取余额，请在 " + CONSOLE), zh.getDescription());
    assertEquals("未调用任何模型：本次查询不产生费用。", zh.getFooter().getText());
    assertTrue(en.getFields().isEmpty());
    assertFalse(en.getDescription().contains("available"), en.getDescription());
  }

  @Test
  void saysAKeyCheckFailedAndStillWhereTheBalanceIsForAProviderWithoutAKeyReadableBalance() {
    Account refused =
        Account.failed(
            CONSOLE_ONLY.id(),
            null,
            ProbeStatus.INVALID_KEY,
            Text.upstream("Console Cloud rejected the key."));

    MessageEmbed en =
        QuotaEmbed.render(report(CONSOLE_ONLY, refused, List.of()), BotText.EN, false);
    List<String> zh = lines(CONSOLE_ONLY, refused, BotText.ZH);

    assertEquals(
        List.of(
            "Key `sk-…9z9z`",
            "⚠️ The key could not be checked: **Invalid key** — Console Cloud rejected the key.",
            "💰 The balance cannot be read with an API key: see " + CONSOLE),
        List.of(en.getDescription().split("\n")));
    assertEquals("⚠️ 无法检查此 Key：**密钥无效** — Console Cloud rejected the key.", zh.get(1));
    assertEquals(QuotaEmbed.RED, en.getColorRaw());
  }

  @Test
  void answersAProviderWithoutAKeyReadableBalanceOrConsoleWithoutALink() {
    ProviderInfo bare =
        new ProviderInfo("bare", "Bare", EnumSet.noneOf(Capability.class), null, List.of(), "k-…");

    List<String> lines =
        lines(bare, Account.read("bare", List.of(), null, (Text) null), BotText.EN);

    assertEquals("💰 The balance cannot be read with an API key", lines.get(1));
  }

  @Test
  void namesTheNewBalancePartsReadablyAndAnyOtherAsSent() {
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, "USD")
            .available(new BigDecimal("12"))
            .part("cash", new BigDecimal("2"))
            .part("credit_limit", new BigDecimal("10"))
            .part("lifetime_topped_up", new BigDecimal("50"))
            .part("lifetime_granted", new BigDecimal("5"))
            .part("promo_pool", new BigDecimal("1"))
            .build();

    assertEquals(
        "💰 USD balance: **12.00** available (cash 2.00, credit limit 10.00, lifetime top-ups"
            + " 50.00, lifetime grants 5.00, promo pool 1.00)",
        QuotaEmbed.balanceLine(balance, BotText.EN, null));
    assertEquals(
        "💰 USD 余额：可用 **12.00**（现金 2.00，信用额度 10.00，累计充值 50.00，累计赠送 5.00，promo pool 1.00）",
        QuotaEmbed.balanceLine(balance, BotText.ZH, null));
  }

  private static final String CONSOLE = "https://console.example/usage";

  /** Reads with the key, but its account is quota windows rather than money (a coding plan). */
  private static final ProviderInfo PLAN =
      new ProviderInfo(
          "plan", "Coding Plan", EnumSet.of(Capability.BALANCES), null, List.of(), "pk-…");

  /** Declares nothing it can do, only where its console is. */
  private static final ProviderInfo CONSOLE_ONLY =
      new ProviderInfo(
              "console", "Console Cloud", EnumSet.noneOf(Capability.class), null, List.of(), "c-…")
          .withConsoleUrl(CONSOLE);

  private static final List<CallEstimate> TIERS =
      List.of(
          new CallEstimate("light", new BigDecimal("0.5"), 500),
          new CallEstimate("standard", BigDecimal.ONE, 250),
          new CallEstimate("flagship", new BigDecimal("2"), 125));

  /** An OK Groq-like row with these windows and no seed numbers. */
  private static ModelQuota windowed(RateWindow... windows) {
    return new ModelQuota(
        "llama-3.1-8b-instant",
        RateLimits.UNKNOWN,
        ProbeStatus.OK,
        null,
        null,
        80,
        List.of(windows));
  }

  private static QuotaReport headerReport(ModelQuota row) {
    return report(HEADER_PROBER, Account.read("groq", List.of(), null, (Text) null), List.of(row));
  }

  private static ProviderInfo relay(String name) {
    return new ProviderInfo("newapi", name, CoreDoubles.RELAY, null, List.of(), "sk-…");
  }

  private static ModelQuota relayRow(String model) {
    return new ModelQuota(
        model,
        RateLimits.UNKNOWN,
        ProbeStatus.OK,
        null,
        Text.upstream("Listed by the relay for this key."),
        0);
  }

  private static Account keyAccount(Balance key, String user, String note) {
    return Account.read("newapi", List.of(key), user, note == null ? null : Text.upstream(note));
  }

  /** The description of {@code account}'s report without model rows. */
  private static String description(ProviderInfo provider, Account account, BotText text) {
    return QuotaEmbed.render(report(provider, account, List.of()), text, false).getDescription();
  }

  /** The same, a line each: the key, then the balance lines. */
  private static List<String> lines(ProviderInfo provider, Account account, BotText text) {
    return List.of(description(provider, account, text).split("\n"));
  }

  private static int colour(ModelQuota... rows) {
    return QuotaEmbed.colour(List.of(rows));
  }

  private static ModelQuota ok(
      String model, long limit, long remaining, long modelLimit, long modelRemaining) {
    return new ModelQuota(
        model,
        new RateLimits(limit, remaining, modelLimit, modelRemaining),
        ProbeStatus.OK,
        null,
        null,
        100);
  }

  private static QuotaReport report(ModelQuota... rows) {
    return report(List.of(rows));
  }

  private static QuotaReport report(List<ModelQuota> rows) {
    return report(PROBER, CoreDoubles.BALANCE, rows);
  }

  /**
   * A report of {@code provider}: a prober's a second before {@link #NOW}, with its daily reset;
   * another's at {@link #NOW}, without.
   */
  private static QuotaReport report(ProviderInfo provider, Account account, List<ModelQuota> rows) {
    if (provider.can(Capability.DAILY_RESET)) {
      return new QuotaReport(provider, "ms-…a1b2", account, rows, NOW.minusSeconds(1), RESET);
    }
    return new QuotaReport(provider, "sk-…9z9z", account, rows, NOW, null);
  }
}
