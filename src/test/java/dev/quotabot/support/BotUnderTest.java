package dev.quotabot.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real product with its bot connected to a {@link FakeDiscord}, and ModelScope played by a
 * {@link FakeModelScope} that answers at once: what an end-to-end test of the bot starts with.
 */
public final class BotUnderTest implements AutoCloseable {
  private final FakeDiscord discord;
  private final FakeModelScope modelScope;
  private final RunningApp app;

  private BotUnderTest(FakeDiscord discord, FakeModelScope modelScope, RunningApp app) {
    this.discord = discord;
    this.modelScope = modelScope;
    this.app = app;
  }

  /**
   * Starts everything and waits until the bot has registered its commands.
   *
   * @param properties bot.properties entries besides those pointing at the fakes
   * @param answers stubs ModelScope's answers before the product starts
   */
  public static BotUnderTest start(
      Map<String, String> properties, Consumer<FakeModelScope> answers) {
    FakeDiscord discord = FakeDiscord.start();
    FakeModelScope modelScope = FakeModelScope.start(0);
    answers.accept(modelScope);
    Map<String, String> all = new HashMap<>(discord.botProperties());
    all.putAll(modelScope.properties());
    all.putAll(properties);
    RunningApp app = RunningApp.start(all);
    discord.awaitGlobalCommands();
    return new BotUnderTest(discord, modelScope, app);
  }

  public FakeDiscord discord() {
    return discord;
  }

  public FakeModelScope modelScope() {
    return modelScope;
  }

  @Override
  public void close() {
    app.close();
    modelScope.close();
    discord.close();
  }
}
