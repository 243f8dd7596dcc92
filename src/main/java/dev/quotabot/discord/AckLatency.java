package dev.quotabot.discord;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.dv8tion.jda.api.utils.TimeUtil;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Measures how long an interaction waited for its acknowledgement ({@code
 * quotabot_discord_ack_latency_seconds}): from the interaction's creation, which its snowflake id
 * carries, to the moment Discord accepted the bot's first answer ({@code POST
 * interactions/{id}/{token}/callback}). An OkHttp interceptor on JDA's client, because that call is
 * JDA's own and every kind of answer (deferred reply, reply, modal, autocomplete choices) goes
 * through it. Discord allows 3 s. The id and the token stay out of the meter.
 */
final class AckLatency implements Interceptor {
  static final String ACK_LATENCY = "quotabot.discord.ack.latency";
  private static final String INTERACTIONS = "interactions";
  private static final String CALLBACK = "callback";

  /** Around Discord's 3 s limit, finer below it. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofMillis(1_000),
    Duration.ofMillis(2_000),
    Duration.ofMillis(3_000),
    Duration.ofMillis(5_000)
  };

  private final Timer latency;
  private final LongSupplier epochMillis;

  AckLatency(MeterRegistry registry, LongSupplier epochMillis) {
    this.latency =
        Timer.builder(ACK_LATENCY)
            .description(
                "Time from an interaction's creation to Discord accepting the bot's"
                    + " acknowledgement (Discord allows 3 s)")
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    this.epochMillis = epochMillis;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.isSuccessful()) {
      long id = interactionId(chain.request().url().pathSegments());
      if (id > 0) {
        long created = TimeUtil.getTimeCreated(id).toInstant().toEpochMilli();
        latency.record(Math.max(0, epochMillis.getAsLong() - created), TimeUnit.MILLISECONDS);
      }
    }
    return response;
  }

  /** The id in {@code …/interactions/{id}/{token}/callback}, or 0 for any other call. */
  static long interactionId(List<String> segments) {
    int size = segments.size();
    if (size < 4
        || !segments.get(size - 1).equals(CALLBACK)
        || !segments.get(size - 4).equals(INTERACTIONS)) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(segments.get(size - 3));
    } catch (NumberFormatException notAnId) {
      return 0;
    }
  }
}
