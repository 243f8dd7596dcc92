import com.google.gson.JsonObject;
import dev.quotabot.support.FakeDiscord;
import dev.quotabot.support.FakeDiscord.Interaction;
import dev.quotabot.support.FakeDiscord.User;
import dev.quotabot.support.FakeModelScope;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 6, benchmark item 5: how long the bot takes to acknowledge {@code /quota}. The real jar
 * runs as a separate process ({@link Product}), with the bot switched on by a {@code
 * bot.properties} in its working directory that points it at the tests' fake Discord on loopback
 * ({@link FakeDiscord}: WireMock as REST, a websocket server as the gateway); ModelScope is the
 * tests' {@link FakeModelScope}, answering every probe with quota headers after {@value
 * #PROBE_DELAY_MS} ms.
 *
 * <p>Measured, in this process: from just before the fake gateway is handed the INTERACTION_CREATE
 * frame to the moment the fake REST API receives the deferred callback ({@code POST
 * /interactions/{id}/{token}/callback}), both with {@link System#nanoTime()}. Every interaction is
 * checked: the callback must be a deferred ephemeral reply (type 5, flags 64), and the answer must
 * then be edited in ({@code PATCH …/messages/@original}) with the model's quota, or the bench
 * stops.
 *
 * <p>Usage: {@code bash bench/run.sh discord}, which compiles it against the test classes (see
 * bench/discord/run.sh) and passes the jar's path.
 */
public final class DiscordAck {
  private static final int STARTS = 5;
  private static final int WARMUP = 5;
  private static final int TIMED = 30;
  private static final int BURST = 10;
  private static final int PROBE_DELAY_MS = 300;
  private static final String MODEL = "bench/model-1";
  private static final String KEY = "ms-bench0discord0ack0key0a1b2";
  private static final Duration EDIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CALLBACK =
      Pattern.compile("/api/v10/interactions/(\\d+)/[^/]+/callback(\\?.*)?");

  public static void main(String[] args) throws Exception {
    Path jar = Bench.jar(args); // bench/run.sh builds it first if missing
    Path workDir = Path.of("bench", "target", "discord-run").toAbsolutePath();
    Files.createDirectories(workDir);
    // only for Product's /health polling
    HttpClient client = Bench.client();

    String loadBefore = loadAverage();
    long[][] sequential = new long[STARTS][];
    long[] bursts = new long[STARTS * BURST];
    long[] ready = new long[STARTS];
    long[] first = new long[STARTS];
    long[] dispatchCalls = new long[STARTS * TIMED];
    int edits = 0;
    try (FakeModelScope modelScope = FakeModelScope.start(PROBE_DELAY_MS)) {
      modelScope.quota(MODEL, 2000, 1500, 500, 20, PROBE_DELAY_MS);
      for (int start = 0; start < STARTS; start++) {
        // A fresh Discord per start: the first PUT of the commands is this start's.
        try (FakeDiscord discord = FakeDiscord.start()) {
          Callbacks callbacks = new Callbacks(discord);
          writeBotProperties(workDir, discord);
          long t0 = System.nanoTime();
          try (Product product =
              new Product(jar, workDir, modelScope.server().port(), client, start)) {
            // connected, READY, /quota registered (a busy machine may need more than 10 s)
            discord.awaitGlobalCommands(Duration.ofSeconds(60));
            ready[start] = System.nanoTime() - t0;

            for (int i = 0; i < WARMUP; i++) {
              Sent sent = send(discord);
              long latency = callbacks.await(sent) - sent.before;
              if (i == 0) {
                first[start] = latency; // the first /quota this process answers
              }
              checkAnswer(discord, sent);
            }
            sequential[start] = new long[TIMED];
            for (int i = 0; i < TIMED; i++) {
              Sent sent = send(discord);
              sequential[start][i] = callbacks.await(sent) - sent.before;
              dispatchCalls[start * TIMED + i] = sent.after - sent.before;
              // the next one only once this one is answered: each acknowledgement on an idle bot
              checkAnswer(discord, sent);
              edits++;
            }

            List<Sent> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
              burst.add(send(discord));
            }
            for (int i = 0; i < BURST; i++) {
              Sent sent = burst.get(i);
              bursts[start * BURST + i] = callbacks.await(sent) - sent.before;
            }
            for (Sent sent : burst) {
              checkAnswer(discord, sent);
              edits++;
            }
          }
        }
      }
    }

    long[] pooled = Arrays.stream(sequential).flatMapToLong(Arrays::stream).toArray();
    System.out.println();
    System.out.println("| Measurement | Runs | Median | Min | Max | p90 | Target |");
    System.out.println("|---|---|---|---|---|---|---|");
    System.out.println(
        row(
            "Acknowledgement, one at a time: INTERACTION_CREATE → deferred callback ("
                + STARTS
                + " starts × "
                + TIMED
                + ", after "
                + WARMUP
                + " warm-up)",
            pooled,
            "≤ 100 ms"));
    System.out.println(
        row(
            "Acknowledgement, burst: "
                + BURST
                + " sent back to back ("
                + STARTS
                + " starts × "
                + BURST
                + ")",
            bursts,
            "≤ 100 ms"));
    System.out.println(
        row("Acknowledgement of the first /quota after each start (cold)", first, "≤ 100 ms"));
    System.out.println(
        row("Bot start-up: process start → /quota registered (bot connected)", ready, "–"));
    System.out.println();
    StringBuilder perStart = new StringBuilder();
    for (int start = 0; start < STARTS; start++) {
      perStart.append(start == 0 ? "" : " / ").append(ms(median(sequential[start])));
    }
    System.out.println(
        "Per-start medians, one at a time: "
            + perStart
            + ". Each of those was sent once the previous one was answered (deferred and edited).");
    System.out.println(
        "All "
            + edits
            + " timed interactions (and the warm-ups) were deferred privately (type 5, flags 64)"
            + " and then edited with the model's quota (PATCH @original).");
    System.out.println(
        "Handing the frame to the fake gateway (inside the measured time) took median "
            + us(median(dispatchCalls))
            + ", max "
            + us(Arrays.stream(dispatchCalls).max().orElse(0))
            + ".");
    System.out.println(
        "Load average (1, 5, 15 min) before / after: " + loadBefore + " / " + loadAverage() + ".");
    System.out.println(Bench.machine());
  }

  /** An interaction and the nanoTime just before and just after it was handed to the gateway. */
  private record Sent(Interaction interaction, long before, long after) {}

  /** {@code /quota} with a key and one model, in a DM, by a new user (no cooldown applies). */
  private static Sent send(FakeDiscord discord) {
    User user = User.fresh("en-US");
    Map<String, String> options = Map.of("api_key", KEY, "models", MODEL);
    long before = System.nanoTime();
    Interaction interaction = discord.slashCommand(user, options);
    long after = System.nanoTime();
    return new Sent(interaction, before, after);
  }

  /** The nanoTime at which the fake REST API received each interaction's first callback. */
  private static final class Callbacks {
    private final Map<String, CompletableFuture<Long>> received = new ConcurrentHashMap<>();

    Callbacks(FakeDiscord discord) {
      // WireMock calls its listeners once the request is matched, before it sends the response.
      discord
          .rest()
          .addMockServiceRequestListener(
              (request, response) -> {
                long now = System.nanoTime();
                Matcher matcher = CALLBACK.matcher(request.getUrl());
                if (request.getMethod().getName().equals("POST") && matcher.matches()) {
                  future(matcher.group(1)).complete(now); // a second callback changes nothing
                }
              });
    }

    long await(Sent sent) throws Exception {
      return future(sent.interaction().id()).get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Long> future(String interactionId) {
      return received.computeIfAbsent(interactionId, id -> new CompletableFuture<>());
    }
  }

  /** Stops the bench unless the reply was deferred privately and then edited with the quota. */
  private static void checkAnswer(FakeDiscord discord, Sent sent) {
    Interaction interaction = sent.interaction();
    // WireMock journals a request only after its listeners ran: wait for the journal too.
    JsonObject deferred = discord.awaitCallback(interaction);
    JsonObject edited = discord.awaitOriginalEdit(interaction, EDIT_TIMEOUT);
    if (discord.callbacks(interaction).size() != 1
        || deferred.get("type").getAsInt() != 5
        || deferred.getAsJsonObject("data").get("flags").getAsInt() != 64) {
      throw new IllegalStateException("expected one deferred ephemeral callback, got " + deferred);
    }
    String text = edited.toString();
    if (!text.contains(MODEL) || !text.contains("1500 / 2000")) {
      throw new IllegalStateException("the edited answer lacks the model's quota: " + text);
    }
  }

  /** The machine's load averages, to judge how busy it was; "n/a" where /proc is not there. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException notLinux) {
      return "n/a";
    }
  }

  private static void writeBotProperties(Path workDir, FakeDiscord discord) throws IOException {
    Properties properties = new Properties();
    properties.putAll(discord.botProperties());
    try (var out = Files.newBufferedWriter(workDir.resolve("bot.properties"))) {
      properties.store(out, "written by bench/discord/DiscordAck.java for one product start");
    }
  }

  private static String row(String name, long[] nanos, String target) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return Efficiency.tableRow(
        name,
        sorted.length,
        ms(median(sorted)),
        ms(sorted[0]),
        ms(sorted[sorted.length - 1]),
        ms(sorted[(int) Math.ceil(0.9 * sorted.length) - 1]),
        target);
  }

  private static double median(long[] nanos) {
    return Efficiency.median(Arrays.stream(nanos).asDoubleStream().toArray());
  }

  private static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static String us(double nanos) {
    return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
  }
}
