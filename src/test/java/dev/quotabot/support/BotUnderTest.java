package dev.quotabot.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The real product with its bot connected to a {@link FakeDiscord}, and ModelScope played by a
 * {@link FakeModelScope}: what an end-to-end test of the bot starts with. {@link #start} covers the
 * common case; {@link #builder()} a Discord server the bot is in, or a slow ModelScope.
 */
public final class BotUnderTest implements AutoCloseable {
  /** The encryption key of {@link Builder#watches}: 32 bytes, base64. */
  public static final String WATCH_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(UTF_8));

  private final FakeDiscord discord;
  private final FakeModelScope modelScope;
  private final RunningApp app;
  private final @Nullable FakeBalanceUpstream upstream;

  private BotUnderTest(
      FakeDiscord discord,
      FakeModelScope modelScope,
      RunningApp app,
      @Nullable FakeBalanceUpstream upstream) {
    this.discord = discord;
    this.modelScope = modelScope;
    this.app = app;
    this.upstream = upstream;
  }

  /**
   * Starts everything, ModelScope answering at once and the bot in no server, and waits until the
   * bot has registered its commands.
   *
   * @param properties bot.properties entries besides those pointing at the fakes
   * @param answers stubs ModelScope's answers before the product starts
   */
  public static BotUnderTest start(
      Map<String, String> properties, Consumer<FakeModelScope> answers) {
    return builder().properties(properties).modelScope(answers).start();
  }

  /** A bot to start with more than {@link #start}'s choices. */
  public static Builder builder() {
    return new Builder();
  }

  public FakeDiscord discord() {
    return discord;
  }

  public FakeModelScope modelScope() {
    return modelScope;
  }

  /** The balance upstream it was given; fails when it has none. */
  public FakeBalanceUpstream balanceUpstream() {
    if (upstream == null) {
      throw new IllegalStateException("no balance upstream: see Builder#balanceUpstream");
    }
    return upstream;
  }

  /** The product itself, for its web API. */
  public RunningApp app() {
    return app;
  }

  @Override
  public void close() {
    app.close();
    if (upstream != null) {
      upstream.close();
    }
    modelScope.close();
    discord.close();
  }

  /** What a {@link BotUnderTest} starts with; by default as {@link #start} with no entries. */
  public static final class Builder {
    private final Map<String, String> properties = new HashMap<>();
    private Consumer<FakeModelScope> answers = modelScope -> {};
    private boolean inGuild;
    private int probeDelayMs;
    private @Nullable FakeBalanceUpstream upstream;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The clock watches are scheduled and dated by (a {@link MutableClock}, say). */
    public Builder clock(Clock watchClock) {
      this.clock = watchClock;
      return this;
    }

    /**
     * Watches on, in an SQLite file, sealed with {@link #WATCH_KEY}; the scheduler ticks every
     * {@code tickMs} (a long tick leaves checks to {@link RunningApp#runDueWatches}).
     */
    public Builder watches(Path databaseFile, long tickMs) {
      return watchesAt("jdbc:sqlite:" + databaseFile, tickMs);
    }

    /** Watches on, in the database at this JDBC URL (a PostgreSQL schema, say). */
    public Builder watchesAt(String databaseUrl, long tickMs) {
      property("watch.encryption_key", WATCH_KEY);
      property("database.url", databaseUrl);
      return property("watch.tick_ms", Long.toString(tickMs));
    }

    /** bot.properties entries besides those pointing at the fakes (later ones win). */
    public Builder properties(Map<String, String> entries) {
      properties.putAll(entries);
      return this;
    }

    /** One bot.properties entry. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /**
     * DeepSeek and relays are played by {@code upstream} ({@link FakeBalanceUpstream#properties}),
     * which is closed with the bot, or right away if the bot fails to start.
     */
    public Builder balanceUpstream(FakeBalanceUpstream played) {
      this.upstream = played;
      return properties(played.properties());
    }

    /** Stubs ModelScope's answers before the product starts. */
    public Builder modelScope(Consumer<FakeModelScope> stubs) {
      this.answers = stubs;
      return this;
    }

    /** ModelScope's default answers come after this delay (see {@link FakeModelScope#start}). */
    public Builder probeDelayMs(int delayMs) {
      this.probeDelayMs = delayMs;
      return this;
    }

    /** The bot is a member of the server {@link FakeDiscord#GUILD_ID}. */
    public Builder inGuild() {
      this.inGuild = true;
      return this;
    }

    /** Starts everything and waits until the bot has registered its global commands. */
    public BotUnderTest start() {
      FakeDiscord discord = null;
      FakeModelScope modelScope = null;
      RunningApp app = null;
      try {
        discord = FakeDiscord.start(inGuild);
        modelScope = FakeModelScope.start(probeDelayMs);
        answers.accept(modelScope);
        Map<String, String> all = new HashMap<>(discord.botProperties());
        all.putAll(modelScope.properties());
        all.putAll(properties);
        app = RunningApp.start(all, clock);
        discord.awaitGlobalCommands();
        return new BotUnderTest(discord, modelScope, app, upstream);
      } catch (RuntimeException | Error failed) {
        for (AutoCloseable started : Arrays.asList(app, upstream, modelScope, discord)) {
          closeQuietly(started, failed);
        }
        throw failed;
      }
    }

    private static void closeQuietly(@Nullable AutoCloseable started, Throwable failed) {
      if (started == null) {
        return;
      }
      try {
        started.close();
      } catch (Exception suppressed) {
        failed.addSuppressed(suppressed);
      }
    }
  }
}
