package dev.quotabot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.quota.QuotaSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ConfigLoaderTest {
  private static final String DISCORD_SECRET = "MTIzNDU2Nzg5MDEy.TESTDISCORD.secret-token-value";

  @TempDir Path dir;

  @Test
  void defaultsAreThoseOfTheDesign() {
    // GIVEN no file and no environment
    // WHEN the configuration is loaded
    AppConfig config = ConfigLoader.load(new String[0], dir, Map.of());

    // THEN every value is the documented default: web only, on 0.0.0.0:3000
    assertEquals("0.0.0.0", config.web().host());
    assertEquals(3000, config.web().port());
    assertEquals("", config.discord().token());
    assertFalse(config.discord().enabled());
    assertEquals("", config.discord().guildId());
    assertEquals(URI.create("https://discord.com/api/v10/"), config.discord().apiBaseUrl());
    assertEquals(URI.create("wss://gateway.discord.gg/"), config.discord().gatewayUrl());
    assertEquals(
        URI.create("https://api-inference.modelscope.cn/v1"), config.modelScope().apiBaseUrl());
    assertEquals(
        URI.create("https://modelscope.cn/openapi/v1"), config.modelScope().openApiBaseUrl());
    QuotaSettings quota = config.quota();
    assertEquals(50, quota.maxModels());
    assertEquals(Duration.ofMillis(10_000), quota.probeTimeout());
    assertEquals(Duration.ofMillis(20_000), quota.queryDeadline());
    assertEquals(50, quota.maxConcurrentProbes());
    assertFalse(quota.defaultModels().isEmpty());
  }

  @Test
  void readsTheFileNamedByConfig() throws IOException {
    // GIVEN a properties file with a value for every kind of setting
    Path file =
        write(
            "custom.properties",
            "web.host=127.0.0.1",
            "web.port=8080",
            "discord.guild_id=123456789012345678",
            "modelscope.api_base_url=http://localhost:9999/v1",
            "quota.default_models=a/1，b/2 c/3",
            "quota.max_models=7",
            "quota.probe_timeout_ms=1500",
            "quota.query_deadline_ms=4000",
            "quota.max_concurrent_probes=3");

    // WHEN it is loaded with --config FILE
    AppConfig config = ConfigLoader.load(new String[] {"--config", file.toString()}, dir, Map.of());

    // THEN its values are used
    assertEquals("127.0.0.1", config.web().host());
    assertEquals(8080, config.web().port());
    assertEquals("123456789012345678", config.discord().guildId());
    assertEquals(URI.create("http://localhost:9999/v1"), config.modelScope().apiBaseUrl());
    assertEquals(
        new QuotaSettings(
            List.of("a/1", "b/2", "c/3"), 7, Duration.ofMillis(1500), Duration.ofMillis(4000), 3),
        config.quota());
  }

  @Test
  void acceptsConfigWithAnEqualsSign() throws IOException {
    // GIVEN a file
    Path file = write("bot.properties", "web.port=8081");

    // WHEN it is named as --config=FILE
    AppConfig config = ConfigLoader.load(new String[] {"--config=" + file}, dir, Map.of());

    // THEN it is read
    assertEquals(8081, config.web().port());
  }

  @Test
  void readsBotPropertiesFromTheWorkingDirectoryWithoutArguments() throws IOException {
    // GIVEN ./bot.properties
    write("bot.properties", "web.port=8082");

    // WHEN loaded without --config
    AppConfig config = ConfigLoader.load(new String[0], dir, Map.of());

    // THEN it is used
    assertEquals(8082, config.web().port());
  }

  @Test
  void environmentBeatsFileBeatsDefault() throws IOException {
    // GIVEN a file that sets web.port and web.host, and an environment that sets web.port
    Path file = write("bot.properties", "web.port=8080", "web.host=127.0.0.1");
    Map<String, String> env = Map.of("QUOTABOT_WEB_PORT", "9090");

    // WHEN loaded
    AppConfig config = ConfigLoader.load(new String[] {"--config", file.toString()}, dir, env);

    // THEN environment > file > default, key by key
    assertEquals(9090, config.web().port());
    assertEquals("127.0.0.1", config.web().host());
    assertEquals(50, config.quota().maxModels());
  }

  @Test
  void everyKeyHasAnEnvironmentOverride() {
    // GIVEN QUOTABOT_ variables for keys with dots and underscores
    Map<String, String> env =
        Map.of(
            "QUOTABOT_MODELSCOPE_API_BASE_URL", "http://127.0.0.1:1234/v1",
            "QUOTABOT_QUOTA_MAX_CONCURRENT_PROBES", "4",
            "QUOTABOT_QUOTA_PROBE_TIMEOUT_MS", "700",
            "QUOTABOT_DISCORD_TOKEN", DISCORD_SECRET);

    // WHEN loaded
    AppConfig config = ConfigLoader.fromMaps(Map.of(), "test", env);

    // THEN each variable sets its key
    assertEquals(URI.create("http://127.0.0.1:1234/v1"), config.modelScope().apiBaseUrl());
    assertEquals(4, config.quota().maxConcurrentProbes());
    assertEquals(Duration.ofMillis(700), config.quota().probeTimeout());
    assertEquals(DISCORD_SECRET, config.discord().token());
    for (ConfigKey key : ConfigKey.values()) {
      assertEquals(
          "QUOTABOT_" + key.key().toUpperCase().replace('.', '_').replace('-', '_'),
          key.environmentName());
    }
  }

  @Test
  void portAndDiscordTokenTakeTheirConventionalVariables() {
    // GIVEN PORT and DISCORD_TOKEN, over a file that sets both
    Map<String, String> file = Map.of("web.port", "8080", "discord.token", "from-file");
    Map<String, String> env = Map.of("PORT", "5000", "DISCORD_TOKEN", DISCORD_SECRET);

    // WHEN loaded
    AppConfig config = ConfigLoader.fromMaps(file, "bot.properties", env);

    // THEN the environment wins and the bot is on
    assertEquals(5000, config.web().port());
    assertEquals(DISCORD_SECRET, config.discord().token());
    assertTrue(config.discord().enabled());
  }

  @Test
  void theQuotabotVariableBeatsTheConventionalOne() {
    // GIVEN both QUOTABOT_WEB_PORT and PORT
    Map<String, String> env = Map.of("QUOTABOT_WEB_PORT", "7000", "PORT", "5000");

    // WHEN loaded
    // THEN the specific variable wins
    assertEquals(7000, ConfigLoader.fromMaps(Map.of(), "test", env).web().port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "70000", "-1", "80.5", ""})
  void anInvalidPortNamesTheKeyAndWhereItCameFrom(String port) {
    // GIVEN a bad web.port in the file
    Map<String, String> file = Map.of("web.port", port);

    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.fromMaps(file, "bot.properties", Map.of()));

    // THEN the message names the key, the rule and the file
    assertTrue(invalid.getMessage().contains("web.port"), invalid.getMessage());
    assertTrue(invalid.getMessage().contains("0 to 65535"), invalid.getMessage());
    assertTrue(invalid.getMessage().contains("bot.properties"), invalid.getMessage());
  }

  @Test
  void anInvalidPortFromTheEnvironmentNamesTheVariable() {
    // GIVEN PORT=http
    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.fromMaps(Map.of(), "test", Map.of("PORT", "http")));

    // THEN the message names the key and the variable
    assertTrue(invalid.getMessage().contains("web.port"), invalid.getMessage());
    assertTrue(invalid.getMessage().contains("environment PORT"), invalid.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "modelscope.api_base_url, not a url",
    "modelscope.api_base_url, ftp://api-inference.modelscope.cn/v1",
    "modelscope.api_base_url, api-inference.modelscope.cn/v1",
    "modelscope.api_base_url, https://",
    "modelscope.openapi_base_url, https://modelscope.cn/openapi/v1#frag",
    "discord.api_base_url, wss://discord.com/api/v10/",
    "discord.gateway_url, https://gateway.discord.gg/"
  })
  void aMalformedUrlNamesTheKey(String key, String value) {
    // GIVEN a URL that is malformed or has the wrong scheme
    Map<String, String> file = Map.of(key, value);

    // WHEN loaded
    ConfigException invalid =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromMaps(file, "f", Map.of()));

    // THEN the message names the key and says what a valid value looks like
    assertTrue(invalid.getMessage().contains(key), invalid.getMessage());
    assertTrue(invalid.getMessage().contains("absolute URL"), invalid.getMessage());
  }

  @Test
  void otherNumbersAreRangeChecked() {
    // GIVEN a concurrency cap of 0
    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.fromMaps(Map.of("quota.max_concurrent_probes", "0"), "f", Map.of()));

    // THEN the key is named
    assertTrue(invalid.getMessage().contains("quota.max_concurrent_probes"), invalid.getMessage());
  }

  @Test
  void theDefaultModelsAreSplitAsAQuerySplitsThem() {
    // GIVEN defaults separated by a no-break space, an ideographic space and a zero-width space
    Map<String, String> file = Map.of("quota.default_models", "a/1\u00A0b/2\u3000c/3\u200Bd/4");

    // WHEN loaded
    // THEN each is one model, as a query would read them
    assertEquals(
        List.of("a/1", "b/2", "c/3", "d/4"),
        ConfigLoader.fromMaps(file, "f", Map.of()).quota().defaultModels());
  }

  @Test
  void moreDefaultModelsThanAQueryMayNameStopStartUp() {
    // GIVEN three defaults and at most two models per query
    Map<String, String> file =
        Map.of("quota.default_models", "a/1,b/2,c/3", "quota.max_models", "2");

    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.fromMaps(file, "bot.properties", Map.of()));

    // THEN one line names the key, where it came from and the limit
    String message = invalid.getMessage();
    assertTrue(message.startsWith("Invalid configuration: quota.default_models"), message);
    assertTrue(message.contains("bot.properties"), message);
    assertTrue(message.contains("at most 2"), message);
    assertFalse(message.contains("\n"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/1,Qwen/\u202EQwen", "bell\u0007", "sk-abcdefghij0123456789xyz"})
  void aDefaultModelNoQueryWouldAcceptStopsStartUpWithoutRepeatingIt(String defaults) {
    // GIVEN a default list holding a control or formatting character, or a pasted key
    Map<String, String> env = Map.of("QUOTABOT_QUOTA_DEFAULT_MODELS", defaults);

    // WHEN loaded
    ConfigException invalid =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromMaps(Map.of(), "f", env));

    // THEN the key and the variable are named, and the bad value is not repeated
    String message = invalid.getMessage();
    assertTrue(message.contains("quota.default_models"), message);
    assertTrue(message.contains("environment QUOTABOT_QUOTA_DEFAULT_MODELS"), message);
    assertFalse(message.contains(defaults), message);
    assertFalse(message.contains("abcdefghij0123456789"), message);
  }

  @Test
  void theDiscordTokenNeverAppearsInToString() {
    // GIVEN a configured token
    AppConfig config =
        ConfigLoader.fromMaps(Map.of(), "test", Map.of("DISCORD_TOKEN", DISCORD_SECRET));

    // WHEN the configuration is printed
    // THEN the token is not
    assertFalse(config.toString().contains(DISCORD_SECRET), config.toString());
    assertFalse(config.discord().toString().contains("secret-token-value"));
    assertTrue(config.discord().toString().contains("(set)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"discord.guild_id", "web.port", "discord.gateway_url"})
  void theDiscordTokenNeverAppearsInAnErrorMessage(String wrongKey) throws IOException {
    // GIVEN a file holding the token, and the token pasted by mistake under another key
    Path file =
        write("bot.properties", "discord.token=" + DISCORD_SECRET, wrongKey + "=" + DISCORD_SECRET);

    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(new String[] {"--config", file.toString()}, dir, Map.of()));

    // THEN the message names the bad key and does not repeat the token
    assertTrue(invalid.getMessage().contains(wrongKey), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("secret-token-value"), invalid.getMessage());
  }

  @Test
  void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
    // GIVEN a base URL with a user and password in it
    Map<String, String> file =
        Map.of(
            "modelscope.api_base_url",
            "https://bob:hunter2secret@proxy.example/v1?token=abc123secret");

    // WHEN loaded
    ConfigException invalid =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromMaps(file, "f", Map.of()));

    // THEN the key is named but the credentials are not echoed into the log
    assertTrue(invalid.getMessage().contains("modelscope.api_base_url"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("hunter2secret"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("abc123secret"), invalid.getMessage());
  }

  @Test
  void configWithoutAFileIsAClearError() {
    // GIVEN --config as the last argument
    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(new String[] {"--config"}, dir, Map.of()));

    // THEN the message says a file must follow (not that --config is unknown)
    assertTrue(invalid.getMessage().contains("--config needs a file"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("Unknown argument"), invalid.getMessage());
  }

  @Test
  void aRelativeConfigFileIsFoundInTheWorkingDirectory() throws IOException {
    // GIVEN a file in the working directory, named relative to it
    write("custom.properties", "web.port=8084");

    // WHEN loaded with --config custom.properties
    AppConfig config =
        ConfigLoader.load(new String[] {"--config", "custom.properties"}, dir, Map.of());

    // THEN it is read from the working directory given
    assertEquals(8084, config.web().port());
  }

  @Test
  void aStrayArgumentIsNotEchoed() {
    // GIVEN the token passed as a bare argument
    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(new String[] {DISCORD_SECRET}, dir, Map.of()));

    // THEN the error shows the usage, not the argument
    assertTrue(invalid.getMessage().contains("Usage"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("secret-token-value"), invalid.getMessage());
  }

  @Test
  void anOptionWithAValueIsNamedWithoutItsValue() {
    // GIVEN --discord-token=… (an option that does not exist)
    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    new String[] {"--discord-token=" + DISCORD_SECRET}, dir, Map.of()));

    // THEN the option is named, its value is not
    assertTrue(invalid.getMessage().contains("--discord-token"), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("secret-token-value"), invalid.getMessage());
  }

  @Test
  void aMissingConfigFileIsAClearError() {
    // GIVEN --config naming a file that does not exist
    Path missing = dir.resolve("nope.properties");

    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(new String[] {"--config", missing.toString()}, dir, Map.of()));

    // THEN the message says so and names the file
    assertTrue(invalid.getMessage().contains("Config file not found"), invalid.getMessage());
    assertTrue(invalid.getMessage().contains("nope.properties"), invalid.getMessage());
  }

  @Test
  void anUnknownArgumentIsAClearError() {
    // GIVEN an argument the program does not know
    // WHEN loaded
    ConfigException invalid =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(new String[] {"--port", "8080"}, dir, Map.of()));

    // THEN the message names it and shows the usage
    assertTrue(invalid.getMessage().contains("--port"), invalid.getMessage());
    assertTrue(invalid.getMessage().contains("Usage"), invalid.getMessage());
  }

  @Test
  void unknownKeysInTheFileAreIgnored() throws IOException {
    // GIVEN a file with a misspelt key
    Path file = write("bot.properties", "web.prot=1", "web.port=8083");

    // WHEN loaded
    // THEN the rest still loads
    assertEquals(
        8083,
        ConfigLoader.load(new String[] {"--config", file.toString()}, dir, Map.of()).web().port());
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
