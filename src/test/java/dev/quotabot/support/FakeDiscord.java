package dev.quotabot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Discord on loopback for end-to-end tests of the real JDA: WireMock plays the REST API and {@link
 * FakeGateway} the websocket gateway. Tests send interactions through the gateway and assert on the
 * requests the bot makes to "Discord".
 *
 * <p>One shard by default ({@code GET /gateway/bot} recommends 1); {@link #recommendShards} makes
 * it recommend more, and several processes may connect at once, each with its own shards: an
 * interaction goes to the shard that owns it (see {@link FakeGateway#dispatch}) unless a test picks
 * one ({@link #sendThroughShard}).
 */
public final class FakeDiscord implements AutoCloseable {
  public static final String TOKEN = "fake.bot-token.for-tests";
  public static final String BOT_ID = "1100000000000000001";
  public static final String APPLICATION_ID = BOT_ID;
  public static final String GUILD_ID = "1200000000000000001";
  public static final String GUILD_CHANNEL_ID = "1200000000000000002";
  private static final String DM_CHANNEL_ID = "1300000000000000001";

  /** A server the bot is not in: only a user's own install of the app reaches it. */
  public static final String FOREIGN_GUILD_ID = "1700000000000000001";

  public static final String FOREIGN_CHANNEL_ID = "1700000000000000002";
  private static final String GROUP_DM_CHANNEL_ID = "1800000000000000001";
  private static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;
  private static final AtomicLong INCREMENT = new AtomicLong();

  /** As many shards as a test runs identify at once: each gets its own identify bucket. */
  private static final int MAX_CONCURRENCY = 16;

  private static final UUID GATEWAY_BOT_STUB =
      UUID.nameUUIDFromBytes("gateway-bot".getBytes(StandardCharsets.UTF_8));

  private final WireMockServer rest;
  private final FakeGateway gateway;
  private volatile @Nullable Integer pinnedShard;

  private FakeDiscord(WireMockServer rest, FakeGateway gateway) {
    this.rest = rest;
    this.gateway = gateway;
  }

  /** Discord with the bot in no server. */
  public static FakeDiscord start() {
    return start(false);
  }

  /**
   * @param withGuild whether the bot is in the server {@link #GUILD_ID} (announced by GUILD_CREATE)
   */
  public static FakeDiscord start(boolean withGuild) {
    WireMockServer rest = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    rest.start();
    stubRest(rest);
    FakeGateway gateway =
        new FakeGateway(BOT_ID, APPLICATION_ID, withGuild ? List.of(guild()) : List.of())
            .startAndWait();
    FakeDiscord discord = new FakeDiscord(rest, gateway);
    discord.recommendShards(1);
    return discord;
  }

  /**
   * What {@code GET /gateway/bot} answers from now on: this gateway's URL, {@code shards} as
   * Discord's recommendation, and a {@code max_concurrency} high enough that every shard identifies
   * at once (no 5-second waits between shards).
   */
  public void recommendShards(int shards) {
    JsonObject limit = new JsonObject();
    limit.addProperty("total", 1000);
    limit.addProperty("remaining", 1000);
    limit.addProperty("reset_after", 0);
    limit.addProperty("max_concurrency", MAX_CONCURRENCY);
    JsonObject gatewayBot = new JsonObject();
    gatewayBot.addProperty("url", gateway.url());
    gatewayBot.addProperty("shards", shards);
    gatewayBot.add("session_start_limit", limit);
    rest.removeStub(GATEWAY_BOT_STUB);
    rest.stubFor(
        get(urlPathEqualTo("/api/v10/gateway/bot"))
            .withId(GATEWAY_BOT_STUB)
            .willReturn(okJson(gatewayBot.toString())));
  }

  /** The {@code GET /gateway/bot} requests the bot made (each process asks once it logs in). */
  public int gatewayBotRequests() {
    return requests("GET", "/api/v10/gateway/bot").size();
  }

  /**
   * Interactions sent from now on go through this shard's connection, whichever shard owns them
   * (null: to the owner again, as Discord does).
   */
  public void sendThroughShard(@Nullable Integer shard) {
    this.pinnedShard = shard;
  }

  /** bot.properties entries that point the product's bot at this fake. */
  public Map<String, String> botProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("discord.token", TOKEN);
    properties.put("discord.api_base_url", apiBaseUrl());
    properties.put("discord.gateway_url", gateway.url());
    return properties;
  }

  public String apiBaseUrl() {
    return "http://127.0.0.1:" + rest.port() + "/api/v10/";
  }

  public WireMockServer rest() {
    return rest;
  }

  public FakeGateway gateway() {
    return gateway;
  }

  /** Waits for the global command list the bot registers once connected. */
  public JsonArray awaitGlobalCommands() {
    return awaitGlobalCommands(Await.DEFAULT);
  }

  public JsonArray awaitGlobalCommands(Duration timeout) {
    return awaitCommands("/api/v10/applications/" + APPLICATION_ID + "/commands", timeout);
  }

  /** The {@code /quota} command the bot registered globally (the first of its list). */
  public JsonObject awaitQuotaCommand() {
    return awaitGlobalCommands().get(0).getAsJsonObject();
  }

  /** The options of the registered {@code /quota}, in the order the bot registered them. */
  public JsonArray awaitQuotaOptions() {
    return awaitQuotaCommand().getAsJsonArray("options");
  }

  /** The registered {@code /quota}'s option named {@code name}; fails when there is none. */
  public JsonObject awaitQuotaOption(String name) {
    for (JsonElement option : awaitQuotaOptions()) {
      if (option.getAsJsonObject().get("name").getAsString().equals(name)) {
        return option.getAsJsonObject();
      }
    }
    throw new AssertionError("no option " + name + " in " + awaitQuotaCommand());
  }

  public JsonArray awaitGuildCommands() {
    return awaitCommands(
        "/api/v10/applications/" + APPLICATION_ID + "/guilds/" + GUILD_ID + "/commands",
        Await.DEFAULT);
  }

  private JsonArray awaitCommands(String path, Duration timeout) {
    return Await.value(
        "PUT " + path,
        timeout,
        () ->
            requests("PUT", Pattern.quote(path)).stream()
                .findFirst()
                .map(
                    request -> JsonParser.parseString(request.getBodyAsString()).getAsJsonArray()));
  }

  // --- interactions sent through the gateway ---

  /** An interaction that was sent: what the bot's answers are addressed to. */
  public record Interaction(String id, String token, Instant sentAt) {}

  /** A user of the fake Discord: its id and locale (such as "en-US" or "zh-CN"). */
  public record User(String id, String locale) {
    private static final AtomicLong NEXT = new AtomicLong(1_400_000_000_000_000_001L);

    /** A new user, so cooldowns of other tests never interfere. */
    public static User fresh(String locale) {
      return new User(Long.toString(NEXT.getAndIncrement()), locale);
    }
  }

  /**
   * Where an interaction comes from, and through which install of the app: what decides the {@code
   * context}, {@code authorizing_integration_owners} and the guild, channel and member objects
   * Discord sends.
   */
  public enum Place {
    /** The DM with the bot (context 1). */
    BOT_DM,
    /** The server {@link #GUILD_ID}, which installed the bot (context 0). */
    GUILD,
    /**
     * The server {@link #FOREIGN_GUILD_ID}, which the bot is not in, through the user's own install
     * (context 0, owners {@code {"1": user}}): JDA builds detached entities for it.
     */
    FOREIGN_GUILD,
    /** A group DM, through the user's own install (context 2, owners {@code {"1": user}}). */
    GROUP_DM
  }

  /**
   * {@code /quota} with the given options (name → value: a String is a string option, a Boolean a
   * boolean one), in a DM with the bot.
   */
  public Interaction slashCommand(User user, Map<String, ?> options) {
    return slashCommand(user, Place.BOT_DM, options);
  }

  /** {@code /quota} with the given options, sent from {@code place}. */
  public Interaction slashCommand(User user, Place place, Map<String, ?> options) {
    JsonArray list = new JsonArray();
    options.forEach((name, value) -> list.add(option(name, value, false)));
    return send(user, 2, commandData(list), place, defaultChannel(place));
  }

  /**
   * Any command of the bot by its name ({@code watches}), with options as {@link #slashCommand}
   * takes them (and an Integer as an integer option), in a DM with the bot.
   */
  public Interaction command(User user, String name, Map<String, ?> options) {
    return command(user, Place.BOT_DM, name, options);
  }

  /** Any command of the bot by its name, sent from {@code place}. */
  public Interaction command(User user, Place place, String name, Map<String, ?> options) {
    JsonArray list = new JsonArray();
    options.forEach((option, value) -> list.add(option(option, value, false)));
    JsonObject data = commandData(list);
    data.addProperty("name", name);
    return send(user, 2, data, place, defaultChannel(place));
  }

  /** A click on a button with this custom id, under an answer in the DM with the bot. */
  public Interaction buttonClick(User user, String customId) {
    return buttonClick(user, Place.BOT_DM, customId);
  }

  /**
   * A click on a button with this custom id, under an (ephemeral) answer of the bot in {@code
   * place}.
   */
  public Interaction buttonClick(User user, Place place, String customId) {
    JsonObject data = new JsonObject();
    data.addProperty("custom_id", customId);
    data.addProperty("component_type", 2);
    return send(user, 3, data, place, defaultChannel(place));
  }

  /**
   * {@code /quota} with options exactly as given, in a DM: wrong option types, missing values, what
   * Discord could send for an older or newer version of the command.
   */
  public Interaction slashCommandRaw(User user, JsonArray rawOptions) {
    return send(user, 2, commandData(rawOptions), false);
  }

  /** The user typing {@code typed} into option {@code option} of command {@code command}. */
  public Interaction autocomplete(User user, String command, String option, String typed) {
    JsonArray list = new JsonArray();
    list.add(option(option, typed, true));
    JsonObject data = commandData(list);
    data.addProperty("name", command);
    return send(user, 4, data, Place.BOT_DM, defaultChannel(Place.BOT_DM));
  }

  /** An autocomplete request with options exactly as given (the focused flag included or not). */
  public Interaction autocompleteRaw(User user, JsonArray rawOptions) {
    return send(user, 4, commandData(rawOptions), false);
  }

  /**
   * One raw command option: {@code type} is Discord's option type (3 string, 4 integer, 5
   * boolean…).
   */
  public static JsonObject rawOption(String name, int type, JsonElement value, boolean focused) {
    JsonObject option = new JsonObject();
    option.addProperty("name", name);
    option.addProperty("type", type);
    if (value != null) {
      option.add("value", value);
    }
    if (focused) {
      option.addProperty("focused", true);
    }
    return option;
  }

  /** {@code /quota} in the server {@link #GUILD_ID}, channel {@code channelId}. */
  public Interaction slashCommandInGuild(User user, String channelId, Map<String, ?> options) {
    JsonArray list = new JsonArray();
    options.forEach((name, value) -> list.add(option(name, value, false)));
    return send(user, 2, commandData(list), Place.GUILD, channelId);
  }

  /** The user typing into {@code /quota models:}: an autocomplete request. */
  public Interaction autocomplete(User user, String typedModels) {
    return autocomplete(user, Place.BOT_DM, typedModels);
  }

  /** The user typing into {@code /quota models:} in {@code place}. */
  public Interaction autocomplete(User user, Place place, String typedModels) {
    JsonArray list = new JsonArray();
    list.add(option("models", typedModels, true));
    return send(user, 4, commandData(list), place, defaultChannel(place));
  }

  /** The user submitting the {@code /quota} form. */
  public Interaction modalSubmit(User user, String modalId, Map<String, String> values) {
    return modalSubmit(user, Place.BOT_DM, modalId, values, Map.of());
  }

  /** The user submitting the {@code /quota} form in {@code place}. */
  public Interaction modalSubmit(
      User user, Place place, String modalId, Map<String, String> values) {
    return modalSubmit(user, place, modalId, values, Map.of());
  }

  /**
   * The user submitting the {@code /quota} form with string selects: each a Label (type 18) around
   * {@code {type:3, id, custom_id, values:[…]}} (no value picked: {@code values:[]}), before the
   * text inputs.
   */
  public Interaction modalSubmit(
      User user, String modalId, Map<String, String> values, Map<String, List<String>> selects) {
    return modalSubmit(user, Place.BOT_DM, modalId, values, selects);
  }

  /** The user submitting a form with string selects in {@code place}. */
  public Interaction modalSubmit(
      User user,
      Place place,
      String modalId,
      Map<String, String> values,
      Map<String, List<String>> selects) {
    JsonArray components = new JsonArray();
    int uniqueId = 1;
    for (Map.Entry<String, List<String>> entry : selects.entrySet()) {
      JsonObject select = new JsonObject();
      select.addProperty("type", 3);
      select.addProperty("id", uniqueId + 1);
      select.addProperty("custom_id", entry.getKey());
      JsonArray picked = new JsonArray();
      entry.getValue().forEach(picked::add);
      select.add("values", picked);
      components.add(label(uniqueId, select));
      uniqueId += 2;
    }
    for (Map.Entry<String, String> entry : values.entrySet()) {
      JsonObject input = new JsonObject();
      input.addProperty("type", 4);
      input.addProperty("id", uniqueId + 1);
      input.addProperty("custom_id", entry.getKey());
      input.addProperty("value", entry.getValue());
      components.add(label(uniqueId, input));
      uniqueId += 2;
    }
    JsonObject data = new JsonObject();
    data.addProperty("custom_id", modalId);
    data.add("components", components);
    return send(user, 5, data, place, defaultChannel(place));
  }

  /** A Label (type 18) around one component of a submitted form. */
  private static JsonObject label(int id, JsonObject component) {
    JsonObject label = new JsonObject();
    label.addProperty("type", 18);
    label.addProperty("id", id);
    label.add("component", component);
    return label;
  }

  private Interaction send(User user, int type, JsonObject data, boolean inGuild) {
    Place place = inGuild ? Place.GUILD : Place.BOT_DM;
    return send(user, type, data, place, defaultChannel(place));
  }

  private static String defaultChannel(Place place) {
    return switch (place) {
      case BOT_DM -> DM_CHANNEL_ID;
      case GUILD -> GUILD_CHANNEL_ID;
      case FOREIGN_GUILD -> FOREIGN_CHANNEL_ID;
      case GROUP_DM -> GROUP_DM_CHANNEL_ID;
    };
  }

  /**
   * @param channelId the server channel, for {@link Place#GUILD} (another one than the bot knows of
   *     makes an interaction JDA cannot handle)
   */
  private Interaction send(User user, int type, JsonObject data, Place place, String channelId) {
    String id = snowflake();
    String token = tokenPrefix(user) + id;
    JsonObject userJson = userJson(user.id());
    JsonObject interaction = new JsonObject();
    interaction.addProperty("id", id);
    interaction.addProperty("application_id", APPLICATION_ID);
    interaction.addProperty("type", type);
    interaction.addProperty("token", token);
    interaction.addProperty("version", 1);
    interaction.addProperty("locale", user.locale());
    interaction.add("entitlements", new JsonArray());
    interaction.add("data", data);
    JsonObject owners = new JsonObject();
    switch (place) {
      case BOT_DM -> owners.addProperty("0", "0");
      case GUILD -> owners.addProperty("0", GUILD_ID);
      case FOREIGN_GUILD, GROUP_DM -> owners.addProperty("1", user.id());
    }
    interaction.add("authorizing_integration_owners", owners);
    switch (place) {
      case GUILD -> inGuild(interaction, GUILD_ID, textChannel(channelId), userJson);
      case FOREIGN_GUILD -> {
        JsonObject channel = textChannel(channelId, FOREIGN_GUILD_ID);
        // the user's permissions there: Discord sends them since the bot cannot know them
        channel.addProperty("permissions", "0");
        inGuild(interaction, FOREIGN_GUILD_ID, channel, userJson);
      }
      case BOT_DM -> {
        JsonObject channel = new JsonObject();
        channel.addProperty("id", channelId);
        channel.addProperty("type", 1);
        inPrivateChannel(interaction, 1, channel, userJson);
      }
      case GROUP_DM -> {
        JsonObject channel = new JsonObject();
        channel.addProperty("id", channelId);
        channel.addProperty("type", 3);
        channel.addProperty("name", "friends");
        channel.add("icon", null);
        channel.addProperty("owner_id", user.id());
        channel.add("last_message_id", null);
        inPrivateChannel(interaction, 2, channel, userJson);
      }
    }
    if (type == 3) {
      // a button sits under a message of the bot: Discord sends that message with the click
      JsonObject message = editedMessage();
      message.addProperty("channel_id", channelId);
      interaction.add("message", message);
    }
    Instant sentAt = Instant.now();
    Integer shard = pinnedShard;
    if (shard == null) {
      gateway.dispatch("INTERACTION_CREATE", interaction);
    } else {
      gateway.dispatchToShard(shard, "INTERACTION_CREATE", interaction);
    }
    return new Interaction(id, token, sentAt);
  }

  /**
   * The channel, with the user as its recipient, and the user of an interaction outside servers:
   * the bot's DM (context 1) or a group DM (context 2).
   */
  private static void inPrivateChannel(
      JsonObject interaction, int context, JsonObject channel, JsonObject userJson) {
    interaction.addProperty("context", context);
    interaction.addProperty("channel_id", channel.get("id").getAsString());
    JsonArray recipients = new JsonArray();
    recipients.add(userJson);
    channel.add("recipients", recipients);
    interaction.add("channel", channel);
    interaction.add("user", userJson);
  }

  /** The guild, guild_id, channel and member of an interaction in a server (context 0). */
  private static void inGuild(
      JsonObject interaction, String guildId, JsonObject channel, JsonObject userJson) {
    interaction.addProperty("context", 0);
    interaction.addProperty("guild_id", guildId);
    interaction.addProperty("guild_locale", "en-US");
    interaction.addProperty("channel_id", channel.get("id").getAsString());
    interaction.add("channel", channel);
    JsonObject guild = new JsonObject();
    guild.addProperty("id", guildId);
    guild.addProperty("locale", "en-US");
    guild.add("features", new JsonArray());
    interaction.add("guild", guild);
    interaction.add("member", member(userJson));
    interaction.addProperty("app_permissions", "0");
  }

  /**
   * The interaction tokens of a user's interactions start with this, so faults can be aimed at one
   * user's answers ({@link #failEdits}) while other users are answered normally.
   */
  private static String tokenPrefix(User user) {
    return "interaction-token-" + user.id() + "-";
  }

  /** A current snowflake: JDA derives the 15-minute interaction expiry from it. */
  private static String snowflake() {
    long now = System.currentTimeMillis() - DISCORD_EPOCH_MS;
    return Long.toString((now << 22) | (INCREMENT.incrementAndGet() & 0xFFF));
  }

  private static JsonObject commandData(JsonArray options) {
    JsonObject data = new JsonObject();
    data.addProperty("id", "1500000000000000001");
    data.addProperty("name", "quota");
    data.addProperty("type", 1);
    data.add("options", options);
    return data;
  }

  private static JsonObject option(String name, Object value, boolean focused) {
    JsonObject option = new JsonObject();
    option.addProperty("name", name);
    if (value instanceof Boolean flag) {
      option.addProperty("type", 5);
      option.addProperty("value", flag);
    } else if (value instanceof Integer number) {
      option.addProperty("type", 4);
      option.addProperty("value", number);
    } else {
      option.addProperty("type", 3);
      option.addProperty("value", (String) value);
    }
    if (focused) {
      option.addProperty("focused", true);
    }
    return option;
  }

  private static JsonObject userJson(String id) {
    JsonObject user = new JsonObject();
    user.addProperty("id", id);
    user.addProperty("username", "user" + id.substring(id.length() - 4));
    user.addProperty("discriminator", "0");
    user.add("avatar", null);
    user.add("global_name", null);
    user.addProperty("public_flags", 0);
    return user;
  }

  private static JsonObject member(JsonObject user) {
    JsonObject member = new JsonObject();
    member.add("user", user);
    member.add("roles", new JsonArray());
    member.addProperty("joined_at", "2025-01-01T00:00:00.000000+00:00");
    member.addProperty("deaf", false);
    member.addProperty("mute", false);
    member.addProperty("flags", 0);
    member.addProperty("permissions", "0");
    return member;
  }

  private static JsonObject textChannel(String id) {
    return textChannel(id, GUILD_ID);
  }

  private static JsonObject textChannel(String id, String guildId) {
    JsonObject channel = new JsonObject();
    channel.addProperty("id", id);
    channel.addProperty("type", 0);
    channel.addProperty("guild_id", guildId);
    channel.addProperty("name", "general");
    channel.addProperty("position", 0);
    channel.add("permission_overwrites", new JsonArray());
    channel.addProperty("nsfw", false);
    channel.add("parent_id", null);
    channel.add("last_message_id", null);
    channel.addProperty("rate_limit_per_user", 0);
    channel.add("topic", null);
    channel.addProperty("flags", 0);
    return channel;
  }

  /** The server {@link #GUILD_ID} as GUILD_CREATE describes it: one text channel, the bot. */
  private static JsonObject guild() {
    JsonObject everyone = new JsonObject();
    everyone.addProperty("id", GUILD_ID);
    everyone.addProperty("name", "@everyone");
    everyone.addProperty("permissions", "0");
    everyone.addProperty("position", 0);
    everyone.addProperty("color", 0);
    everyone.addProperty("hoist", false);
    everyone.addProperty("managed", false);
    everyone.addProperty("mentionable", false);
    everyone.addProperty("flags", 0);
    JsonObject colors = new JsonObject();
    colors.addProperty("primary_color", 0);
    colors.add("secondary_color", null);
    colors.add("tertiary_color", null);
    everyone.add("colors", colors);
    JsonArray roles = new JsonArray();
    roles.add(everyone);
    JsonArray channels = new JsonArray();
    channels.add(textChannel(GUILD_CHANNEL_ID));
    JsonArray members = new JsonArray();
    JsonObject bot = userJson(BOT_ID);
    bot.addProperty("bot", true);
    members.add(member(bot));
    JsonObject guild = new JsonObject();
    guild.addProperty("id", GUILD_ID);
    guild.addProperty("name", "Test server");
    guild.add("icon", null);
    guild.addProperty("owner_id", "1400000000000000000");
    guild.addProperty("preferred_locale", "en-US");
    guild.addProperty("member_count", 2);
    guild.addProperty("afk_timeout", 300);
    guild.addProperty("verification_level", 0);
    guild.addProperty("default_message_notifications", 0);
    guild.addProperty("explicit_content_filter", 0);
    guild.addProperty("mfa_level", 0);
    guild.addProperty("nsfw_level", 0);
    guild.addProperty("premium_tier", 0);
    guild.addProperty("large", false);
    guild.addProperty("unavailable", false);
    guild.addProperty("premium_progress_bar_enabled", false);
    guild.add("roles", roles);
    guild.add("channels", channels);
    guild.add("threads", new JsonArray());
    guild.add("members", members);
    guild.add("guild_scheduled_events", new JsonArray());
    guild.add("emojis", new JsonArray());
    guild.add("stickers", new JsonArray());
    guild.add("voice_states", new JsonArray());
    guild.add("presences", new JsonArray());
    guild.add("features", new JsonArray());
    guild.add("soundboard_sounds", new JsonArray());
    return guild;
  }

  // --- what the bot sent ---

  /** The interaction callbacks (POST …/callback) for this interaction, in order received. */
  public List<LoggedRequest> callbacks(Interaction interaction) {
    return requests(
        "POST",
        "/api/v10/interactions/"
            + interaction.id()
            + "/"
            + Pattern.quote(interaction.token())
            + "/callback.*");
  }

  /** Waits for the first callback and returns its JSON body. */
  public JsonObject awaitCallback(Interaction interaction) {
    return Await.value(
        "the interaction callback of " + interaction.id(),
        () -> callbacks(interaction).stream().findFirst().map(FakeDiscord::body));
  }

  /**
   * Waits for the first callback and checks it defers the reply privately: type 5, flag 64
   * (ephemeral), as the bot acknowledges a check it then answers by editing the reply.
   */
  public void awaitPrivateDeferral(Interaction interaction) {
    JsonObject deferred = awaitCallback(interaction);
    assertEquals(5, deferred.get("type").getAsInt(), deferred.toString());
    assertEquals(64, deferred.getAsJsonObject("data").get("flags").getAsInt());
  }

  /**
   * Waits for the first callback, checks it is a private message (type 4, flag 64: ephemeral) and
   * returns its content.
   */
  public String awaitPrivateMessage(Interaction interaction) {
    JsonObject reply = awaitCallback(interaction);
    assertEquals(4, reply.get("type").getAsInt(), reply.toString());
    assertEquals(64, reply.getAsJsonObject("data").get("flags").getAsInt());
    return reply.getAsJsonObject("data").get("content").getAsString();
  }

  /** Waits for the first callback and checks it opens a form (type 9): that form. */
  public SentForm awaitForm(Interaction interaction) {
    JsonObject modal = awaitCallback(interaction);
    assertEquals(9, modal.get("type").getAsInt(), modal.toString());
    return new SentForm(modal.getAsJsonObject("data"));
  }

  public LoggedRequest awaitCallbackRequest(Interaction interaction) {
    return Await.value(
        "the interaction callback of " + interaction.id(),
        () -> callbacks(interaction).stream().findFirst());
  }

  /** The edits of the original answer (PATCH webhooks/…/messages/@original). */
  public List<LoggedRequest> originalEdits(Interaction interaction) {
    return requests(
        "PATCH",
        "/api/v10/webhooks/"
            + APPLICATION_ID
            + "/"
            + Pattern.quote(interaction.token())
            + "/messages/@original.*");
  }

  public JsonObject awaitOriginalEdit(Interaction interaction) {
    return awaitOriginalEdit(interaction, Await.DEFAULT);
  }

  public JsonObject awaitOriginalEdit(Interaction interaction, Duration timeout) {
    return Await.value(
        "the edited answer to " + interaction.id(),
        timeout,
        () -> originalEdits(interaction).stream().findFirst().map(FakeDiscord::body));
  }

  /** Every request the bot made to "Discord", for privacy checks. */
  public List<LoggedRequest> allRequests() {
    return rest.getAllServeEvents().stream().map(event -> event.getRequest()).toList();
  }

  private List<LoggedRequest> requests(String method, String urlRegex) {
    Pattern pattern = Pattern.compile(urlRegex);
    return rest.getAllServeEvents().stream()
        .map(event -> event.getRequest())
        .filter(request -> request.getMethod().getName().equals(method))
        .filter(request -> pattern.matcher(request.getUrl()).matches())
        .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
        .toList();
  }

  private static JsonObject body(LoggedRequest request) {
    JsonElement parsed = JsonParser.parseString(request.getBodyAsString());
    return parsed.getAsJsonObject();
  }

  // --- REST stubs ---

  private static void stubRest(WireMockServer rest) {
    rest.stubFor(any(anyUrl()).atPriority(10).willReturn(discordError(404, 0, "404: Not Found")));
    JsonObject self = userJson(BOT_ID);
    self.addProperty("username", "quota-bot");
    self.addProperty("bot", true);
    self.addProperty("flags", 0);
    rest.stubFor(get(urlPathEqualTo("/api/v10/users/@me")).willReturn(okJson(self.toString())));
    String registered = registeredCommands().toString();
    rest.stubFor(
        put(urlPathMatching("/api/v10/applications/" + APPLICATION_ID + "(/guilds/\\d+)?/commands"))
            .willReturn(okJson(registered)));
    rest.stubFor(
        post(urlPathMatching("/api/v10/interactions/\\d+/[^/]+/callback"))
            .willReturn(aResponse().withStatus(204)));
    rest.stubFor(
        patch(urlPathMatching("/api/v10/webhooks/" + APPLICATION_ID + "/[^/]+/messages/@original"))
            .willReturn(okJson(editedMessage().toString())));
    stubDirectMessages(rest);
  }

  // --- direct messages: users/@me/channels opens a user's DM channel, whose id is the user's own
  // id (a snowflake must fit in a long), so a message sent there names its recipient; no other
  // channel of the fake has a user's id ---

  private static final String DM_PREFIX = "";

  private static void stubDirectMessages(WireMockServer rest) {
    rest.stubFor(
        post(urlPathEqualTo("/api/v10/users/@me/channels"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withTransformers("response-template")
                    .withBody(
                        "{\"id\":\""
                            + DM_PREFIX
                            + "{{jsonPath request.body '$.recipient_id'}}\",\"type\":1,"
                            + "\"last_message_id\":null,\"recipients\":[{\"id\":\""
                            + "{{jsonPath request.body '$.recipient_id'}}\",\"username\":\"user\","
                            + "\"discriminator\":\"0\",\"avatar\":null,\"global_name\":null}]}")));
    JsonObject sent = editedMessage();
    sent.addProperty("flags", 0);
    rest.stubFor(
        post(urlPathMatching("/api/v10/channels/" + DM_PREFIX + "\\d+/messages"))
            .willReturn(okJson(sent.toString())));
    rest.stubFor(
        get(urlPathMatching("/api/v10/users/\\d+"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withTransformers("response-template")
                    .withBody(
                        "{\"id\":\"{{request.pathSegments.[3]}}\",\"username\":\"user\","
                            + "\"discriminator\":\"0\",\"avatar\":null,\"global_name\":null,"
                            + "\"public_flags\":0}")));
  }

  /** The user has closed their DMs: Discord answers 403, code 50007, to messages sent to them. */
  public void closeDirectMessages(String userId) {
    refuseDirectMessages(userId, 403, 50007, "Cannot send messages to this user");
  }

  /**
   * Messages to the user's DMs are answered with this error until {@link #openDirectMessages}:
   * {@code 403, 50001, "Missing Access"} as user-installed apps have seen, or a server error.
   */
  public void refuseDirectMessages(String userId, int status, int code, String message) {
    rest.stubFor(
        post(urlPathEqualTo("/api/v10/channels/" + DM_PREFIX + userId + "/messages"))
            .atPriority(1)
            .withId(dmClosedStub(userId))
            .willReturn(discordError(status, code, message)));
  }

  /** The user has opened their DMs again. */
  public void openDirectMessages(String userId) {
    rest.removeStub(dmClosedStub(userId));
  }

  private static UUID dmClosedStub(String userId) {
    return UUID.nameUUIDFromBytes(("dm-closed-" + userId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The messages the bot sent to the user's DM channel (those Discord accepted and those it
   * refused), oldest first: each message's JSON body.
   */
  public List<JsonObject> directMessages(String userId) {
    return requests("POST", "/api/v10/channels/" + DM_PREFIX + userId + "/messages").stream()
        .map(FakeDiscord::body)
        .toList();
  }

  /** Waits until at least {@code count} messages were sent to the user's DMs; returns them all. */
  public List<JsonObject> awaitDirectMessages(String userId, int count) {
    return Await.value(
        count + " DMs to " + userId,
        () -> {
          List<JsonObject> sent = directMessages(userId);
          return sent.size() >= count ? Optional.of(sent) : Optional.empty();
        });
  }

  /**
   * Makes {@code GET users/@me} and {@code GET gateway/bot} answer 401, as Discord does for a bad
   * token.
   */
  public void rejectToken() {
    for (String path : List.of("/api/v10/users/@me", "/api/v10/gateway/bot")) {
      rest.stubFor(
          get(urlPathEqualTo(path))
              .atPriority(1)
              .willReturn(discordError(401, 0, "401: Unauthorized")));
    }
  }

  /**
   * A failure Discord's REST API can answer with.
   *
   * @param name what it is, for test names and messages
   */
  public record Fault(String name, ResponseDefinitionBuilder answer) {
    /**
     * Discord's 429 for one route (per-user bucket), as its API sends it: the whole-second {@code
     * Retry-After} header, the {@code X-RateLimit-*} headers, the exact {@code retry_after} in the
     * body, and the {@code Via} header that tells JDA it came from Discord, not Cloudflare.
     */
    public static Fault rateLimited(double retryAfterSeconds) {
      return new Fault(
          "429 for the route, retry after " + retryAfterSeconds + " s",
          rateLimit(retryAfterSeconds, false));
    }

    /** Discord's global 429 ({@code X-RateLimit-Global: true}, {@code "global": true}). */
    public static Fault globalRateLimit(double retryAfterSeconds) {
      return new Fault(
          "global 429, retry after " + retryAfterSeconds + " s",
          rateLimit(retryAfterSeconds, true));
    }

    @Override
    public String toString() {
      return name;
    }

    /** A server error with Discord's JSON error body ({@code {"message":"500: …","code":0}}). */
    public static Fault serverError(int status) {
      return new Fault(
          "HTTP " + status, discordError(status, 0, status + ": Internal Server Error"));
    }

    private static ResponseDefinitionBuilder rateLimit(double retryAfter, boolean global) {
      JsonObject body = new JsonObject();
      body.addProperty("message", "You are being rate limited.");
      body.addProperty("retry_after", retryAfter);
      body.addProperty("global", global);
      double resetAt = System.currentTimeMillis() / 1000.0 + retryAfter;
      ResponseDefinitionBuilder answer =
          aResponse()
              .withStatus(429)
              .withHeader("Content-Type", "application/json")
              .withHeader("Via", "1.1 google")
              .withHeader("Retry-After", Long.toString((long) Math.ceil(retryAfter)))
              .withHeader("X-RateLimit-Limit", "5")
              .withHeader("X-RateLimit-Remaining", "0")
              .withHeader("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", resetAt))
              .withHeader("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", retryAfter))
              .withHeader("X-RateLimit-Scope", global ? "global" : "user")
              .withBody(body.toString());
      if (global) {
        answer.withHeader("X-RateLimit-Global", "true");
      } else {
        answer.withHeader("X-RateLimit-Bucket", "e2e0fault0bucket");
      }
      return answer;
    }
  }

  /**
   * The next {@code count} edits of this user's answers (PATCH …/messages/@original) get {@code
   * fault}; later ones succeed again. Other users' edits are not affected.
   */
  public void failEdits(User user, int count, Fault fault) {
    failInTurn(
        "edits of " + user.id(),
        () ->
            patch(
                urlPathMatching(
                    "/api/v10/webhooks/"
                        + APPLICATION_ID
                        + "/"
                        + Pattern.quote(tokenPrefix(user))
                        + "\\d+/messages/@original")),
        count,
        fault);
  }

  /**
   * The next {@code count} interaction callbacks for this user (acknowledgements) get {@code
   * fault}.
   */
  public void failCallbacks(User user, int count, Fault fault) {
    failInTurn(
        "callbacks of " + user.id(),
        () ->
            post(
                urlPathMatching(
                    "/api/v10/interactions/\\d+/"
                        + Pattern.quote(tokenPrefix(user))
                        + "\\d+/callback")),
        count,
        fault);
  }

  /** A WireMock scenario that answers the first {@code count} matching requests with the fault. */
  private void failInTurn(
      String scenario, Supplier<MappingBuilder> request, int count, Fault fault) {
    for (int i = 0; i < count; i++) {
      rest.stubFor(
          request
              .get()
              .atPriority(1)
              .inScenario(scenario)
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed " + i)
              .willSetStateTo("failed " + (i + 1))
              .willReturn(fault.answer()));
    }
  }

  private static ResponseDefinitionBuilder discordError(int status, int code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("message", message);
    error.addProperty("code", code);
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(error.toString());
  }

  private static JsonArray registeredCommands() {
    JsonObject command = new JsonObject();
    command.addProperty("id", "1500000000000000001");
    command.addProperty("application_id", APPLICATION_ID);
    command.addProperty("version", "1500000000000000002");
    command.addProperty("type", 1);
    command.addProperty("name", "quota");
    command.addProperty("description", "Check quota");
    command.add("default_member_permissions", null);
    command.addProperty("nsfw", false);
    JsonArray commands = new JsonArray();
    commands.add(command);
    return commands;
  }

  private static JsonObject editedMessage() {
    JsonObject author = userJson(BOT_ID);
    author.addProperty("bot", true);
    JsonObject message = new JsonObject();
    message.addProperty("id", "1600000000000000001");
    message.addProperty("type", 0);
    message.addProperty("channel_id", DM_CHANNEL_ID);
    message.add("author", author);
    message.addProperty("content", "");
    message.addProperty("timestamp", "2025-01-01T00:00:00.000000+00:00");
    message.add("edited_timestamp", null);
    message.addProperty("tts", false);
    message.addProperty("mention_everyone", false);
    message.add("mentions", new JsonArray());
    message.add("mention_roles", new JsonArray());
    message.add("attachments", new JsonArray());
    message.add("embeds", new JsonArray());
    message.addProperty("pinned", false);
    message.addProperty("flags", 64);
    message.add("components", new JsonArray());
    return message;
  }

  @Override
  public void close() {
    gateway.stopQuietly();
    rest.stop();
  }
}
