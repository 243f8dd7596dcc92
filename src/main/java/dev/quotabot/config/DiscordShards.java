package dev.quotabot.config;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Which of the bot's gateway shards this process runs.
 *
 * @param total how many shards the bot has in all; empty: as many as Discord recommends
 * @param ids the shards this process runs, ascending; empty: all of them (only with a total, since
 *     ids without a total cannot be checked)
 */
public record DiscordShards(OptionalInt total, List<Integer> ids) {
  /** More shards than any bot runs today (Discord's largest run a few thousand). */
  public static final int MAX_TOTAL = 100_000;

  /** The default: every shard, as many as Discord recommends. */
  public static final DiscordShards RECOMMENDED = new DiscordShards(OptionalInt.empty(), List.of());

  public DiscordShards {
    ids = List.copyOf(ids);
  }

  /** The shards this process runs once the total is known (Discord's, when none is set). */
  public List<Integer> idsOf(int knownTotal) {
    return ids.isEmpty() ? IntStream.range(0, knownTotal).boxed().toList() : ids;
  }
}
