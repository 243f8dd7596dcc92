package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quotabot.support.Await;
import dev.quotabot.support.BotUnderTest;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Fault;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.FakeModelScope;
import dev.quotabot.support.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Discord's REST API failing while the bot answers: the edit of the deferred answer (PATCH
 * …/messages/@original) or the acknowledgement itself (POST …/callback) gets a 429 or a 5xx from
 * the fake Discord. The real product and real JDA; every test has its own users, and the faults are
 * aimed at one user's requests only.
 */
final class DiscordRestFaultsEndToEndTest {
  private static final String KEY = "ms-fault0matrix0secret0key0c0d1";
  private static final String QWEN = "Qwen/Qwen3-32B";

  @AutoClose private static BotUnderTest bot;
  private static FakeDiscord discord;
  private static FakeModelScope modelScope;
  private LogCapture logs;

  @BeforeAll
  static void startEverything() {
    bot =
        BotUnderTest.start(
            Map.of("quota.default_models", QWEN),
            fake -> fake.quota(QWEN, 2000, 1200, 500, 100, 0));
    discord = bot.discord();
    modelScope = bot.modelScope();
  }

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.open();
  }

  @AfterEach
  void noSecretLogged() {
    try {
      assertFalse(logs.text().contains(KEY), "a log line holds the key");
      assertFalse(logs.text().contains("matrix0secret"), "a log line holds part of the key");
    } finally {
      logs.close();
    }
    for (LoggedRequest request : discord.allRequests()) {
      assertFalse(request.getBodyAsString().contains(KEY), "Discord received the key");
    }
  }

  /** Faults after which the answer must still arrive: JDA's own retries, then the bot's. */
  static Stream<Arguments> faultsTheAnswerSurvives() {
    return Stream.of(
        Arguments.of(Fault.rateLimited(1.0), 1),
        Arguments.of(Fault.rateLimited(0.5), 2),
        Arguments.of(Fault.globalRateLimit(1.0), 1),
        Arguments.of(Fault.serverError(500), 1),
        Arguments.of(Fault.serverError(500), 2),
        Arguments.of(Fault.serverError(503), 2));
  }

  @ParameterizedTest(name = "{0} on {1} edit(s): the answer still arrives")
  @MethodSource("faultsTheAnswerSurvives")
  void deliversTheAnswerDespiteFailedEdits(Fault fault, int failures) {
    User user = User.fresh(failures == 1 ? "en-US" : "zh-CN");
    discord.failEdits(user, failures, fault);

    Interaction sent = quota(user);

    assertDeliveredAfter(sent, failures + 1);
    assertFalse(logs.text().contains("Could not deliver"), logs.text());
  }

  @Test
  void waitsOutRetryAfterBeforeSendingTheEditAgain() {
    User user = User.fresh("en-US");
    discord.failEdits(user, 1, Fault.rateLimited(1.0));

    Interaction sent = quota(user);

    assertDeliveredAfter(sent, 2);
    List<LoggedRequest> edits = discord.originalEdits(sent);
    long waited = edits.get(1).getLoggedDate().getTime() - edits.get(0).getLoggedDate().getTime();
    assertTrue(waited >= 900, "retried " + waited + " ms after the 429, before retry_after");
    assertAnotherUserIsAnswered();
  }

  @Test
  void aLongRateLimitOnOneUsersAnswerDoesNotHoldUpAnotherUsersAnswer() {
    User slow = User.fresh("en-US");
    discord.failEdits(slow, 1, Fault.rateLimited(3.0));
    Interaction held = quota(slow);
    Await.until("the first edit to be refused", () -> !discord.originalEdits(held).isEmpty());

    User other = User.fresh("en-US");
    Interaction quick = quota(other);

    discord.awaitOriginalEdit(quick);
    long quickAt = discord.originalEdits(quick).get(0).getLoggedDate().getTime();
    assertDeliveredAfter(held, 2);
    long heldAt = discord.originalEdits(held).get(1).getLoggedDate().getTime();
    assertTrue(quickAt < heldAt, "the other user's answer waited for the rate limit");
  }

  @Test
  void givesUpAfterThreeFailedEditsWithOneClearLogLineAndKeepsAnsweringOthers() {
    User user = User.fresh("en-US");
    discord.failEdits(user, 10, Fault.serverError(500));

    Interaction sent = quota(user);

    Await.until(
        "the log line about the undelivered answer",
        Duration.ofSeconds(15),
        () -> logs.text().contains("Could not deliver the /quota answer"));
    assertEquals(QuotaReply.EDIT_ATTEMPTS, discord.originalEdits(sent).size());
    List<String> lines =
        logs.lines().stream().filter(line -> line.contains("Could not deliver")).toList();
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.contains("after 3 attempts"), line);
    assertTrue(line.contains("HTTP 500"), line);
    assertFalse(line.contains(sent.token()), "the interaction token was logged: " + line);
    assertFalse(line.contains("\tat "), "a stack trace was logged: " + line);
    assertAnotherUserIsAnswered();
  }

  @Test
  void aFailedAcknowledgementIsLoggedProbesNothingAndLeavesTheUserFreeToTryAgain() {
    String key = "ms-unacknowledged0secret0key0e2f3";
    User user = User.fresh("en-US");
    discord.failCallbacks(user, 1, Fault.serverError(500));

    Interaction sent = discord.slashCommand(user, Map.of("api_key", key, "models", QWEN));

    Await.until(
        "the log line about the failed acknowledgement",
        () -> logs.text().contains("was not acknowledged"));
    String line =
        logs.lines().stream().filter(l -> l.contains("was not acknowledged")).findFirst().get();
    assertTrue(line.contains("HTTP 500"), line);
    assertTrue(line.contains("nothing was probed"), line);
    assertEquals(1, discord.callbacks(sent).size());
    assertTrue(discord.originalEdits(sent).isEmpty());
    assertEquals(0, modelScope.probesWith(key), "a model was probed for an answer nobody can see");

    Interaction again = discord.slashCommand(user, Map.of("api_key", key, "models", QWEN));

    JsonObject deferred = discord.awaitCallback(again);
    assertEquals(5, deferred.get("type").getAsInt(), "the retry was refused: " + deferred);
    assertTrue(embedOf(discord.awaitOriginalEdit(again)).has("fields"));
    assertEquals(1, modelScope.probesWith(key));
    assertFalse(logs.text().contains(key), "a log line holds the key");
  }

  private static Interaction quota(User user) {
    return discord.slashCommand(user, Map.of("api_key", KEY, "models", QWEN));
  }

  /** The answer reached the user with the {@code attempts}-th edit, the one that succeeded. */
  private static void assertDeliveredAfter(Interaction sent, int attempts) {
    Await.until(
        attempts + " edits of the answer",
        Duration.ofSeconds(15),
        () -> discord.originalEdits(sent).size() >= attempts);
    List<LoggedRequest> edits = discord.originalEdits(sent);
    assertEquals(attempts, edits.size(), "edits sent");
    JsonObject last =
        JsonParser.parseString(edits.get(attempts - 1).getBodyAsString()).getAsJsonObject();
    JsonObject embed = embedOf(last);
    assertTrue(embed.get("fields").toString().contains("1200 / 2000"), embed.toString());
    for (LoggedRequest edit : edits) {
      assertEquals(
          last, JsonParser.parseString(edit.getBodyAsString()), "a retry changed the answer");
    }
  }

  /** The bot is up and a user the fault was not aimed at gets an answer. */
  private static void assertAnotherUserIsAnswered() {
    Interaction other = quota(User.fresh("en-US"));
    assertTrue(embedOf(discord.awaitOriginalEdit(other)).has("fields"));
    assertEquals(1, discord.originalEdits(other).size());
  }

  private static JsonObject embedOf(JsonObject message) {
    return message.getAsJsonArray("embeds").get(0).getAsJsonObject();
  }
}
