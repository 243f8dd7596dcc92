package dev.quotabot.discord;

import dev.quotabot.config.DiscordShards;
import dev.quotabot.health.HealthIndicator;
import dev.quotabot.health.HealthState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.cache.ShardCacheView;
import org.jspecify.annotations.Nullable;

/**
 * The {@code discord} part of {@code /health}: each shard this process runs, with JDA's status for
 * it (lower-cased) and its gateway ping, and {@code shards_total}. Ready, and {@code connected},
 * only when every one of them is connected: a replica with a shard down misses that shard's
 * servers. Reads JDA's state only (no network call).
 */
final class ShardsHealth implements HealthIndicator {
  /** How far the bot's login has gone. */
  enum Stage {
    LOGGING_IN,
    LOGGED_IN,
    FAILED,
    STOPPED
  }

  /**
   * @param manager the shard manager once built, else null
   */
  record Login(@Nullable ShardManager manager, Stage stage) {}

  /** The status of a shard the manager has not started yet (it waits its turn to identify). */
  private static final String NOT_STARTED = JDA.Status.INITIALIZING.name().toLowerCase(Locale.ROOT);

  private final DiscordShards plan;
  private final Supplier<Login> login;

  ShardsHealth(DiscordShards plan, Supplier<Login> login) {
    this.plan = plan;
    this.login = login;
  }

  @Override
  public String name() {
    return "discord";
  }

  @Override
  public HealthState check() {
    Login now = login.get();
    ShardManager manager = now.manager();
    // -1 until Discord's recommendation is known, when none is configured
    int total = manager == null ? -1 : manager.getShardsTotal();
    if (total < 1) {
      total = plan.total().orElse(-1);
    }
    List<Integer> ids = total < 1 ? plan.ids() : plan.idsOf(total);
    List<Map<String, Object>> shards = new ArrayList<>();
    boolean allConnected = !ids.isEmpty();
    for (int id : ids) {
      JDA shard = manager == null ? null : shard(manager, id);
      allConnected &= shard != null && shard.getStatus() == JDA.Status.CONNECTED;
      shards.add(describe(id, shard));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("shards", shards);
    if (total >= 1) {
      details.put("shards_total", total);
    }
    return switch (now.stage()) {
      case FAILED -> HealthState.notReady("not_started", details);
      case STOPPED -> HealthState.notReady("stopped", details);
      default ->
          allConnected
              ? HealthState.ready("connected", details)
              : HealthState.notReady("connecting", details);
    };
  }

  /** The shard's JDA, or null while the manager has not built it. */
  private static @Nullable JDA shard(ShardManager manager, int id) {
    // a manager still asking Discord for the shard count has no cache yet
    ShardCacheView cache = manager.getShardCache();
    return cache == null ? null : cache.getElementById(id);
  }

  /** {@code {id, status, ping_ms}}: ping is null until the first heartbeat is acknowledged. */
  private static Map<String, Object> describe(int id, @Nullable JDA shard) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("id", id);
    shown.put(
        "status", shard == null ? NOT_STARTED : shard.getStatus().name().toLowerCase(Locale.ROOT));
    long ping = shard == null ? -1 : shard.getGatewayPing();
    shown.put("ping_ms", ping < 0 ? null : ping);
    return shown;
  }
}
