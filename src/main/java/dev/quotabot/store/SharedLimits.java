package dev.quotabot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quotabot.config.DatabaseConfig;
import dev.quotabot.health.HealthIndicator;
import dev.quotabot.health.HealthState;
import dev.quotabot.limits.ClientRateLimit;
import dev.quotabot.limits.Limits;
import dev.quotabot.limits.LocalCooldowns;
import dev.quotabot.limits.UserCooldowns;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web rate limit and the Discord cooldown in PostgreSQL, shared by every replica: Bucket4j's
 * token buckets in the table {@value #TABLE} (Flyway V2), one row per client key ({@code web:} and
 * the IPv4 address or IPv6 /64) or Discord user ({@code discord:} and the user id), locked with
 * {@code SELECT … FOR UPDATE} while a token is taken (Bucket4j's advisory-lock variant needs
 * numeric keys). A bucket's row expires once it would be full again, and is deleted by the upkeep
 * here, so the table holds only clients seen lately.
 *
 * <p>It has its own small pool with short timeouts: a database that is away costs a query at most
 * about a second before {@link dev.quotabot.limits.FallbackLimits} answers locally. The same upkeep
 * thread probes the database for the {@code database} health indicator.
 */
public final class SharedLimits implements Limits, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedLimits.class);

  static final String TABLE = "rate_buckets";
  private static final int POOL = 4;
  private static final long CONNECTION_TIMEOUT_MS = 500;
  private static final int CONNECT_TIMEOUT_S = 1;
  private static final int SOCKET_TIMEOUT_S = 2;

  /** Kept this long after a bucket is full again: a client coming back soon reuses its row. */
  private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(30);

  private static final Duration UPKEEP_EVERY = Duration.ofSeconds(2);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  private static final int PURGE_BATCH = 1_000;

  private final HikariDataSource pool;
  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
  private final ScheduledExecutorService upkeep;
  private volatile boolean reachable = true;

  private SharedLimits(HikariDataSource pool, TimeMeter clock) {
    this.pool = pool;
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            // the wall clock: every replica reads the same time into the shared state
            .clientClock(clock)
            .table(TABLE)
            .idColumn("id")
            .stateColumn("state")
            .expiresAtColumn("expires_at")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
            .build();
    this.upkeep =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shared-limits-upkeep");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * The shared limits on the PostgreSQL server of {@code config} (already migrated by {@link
   * Database#open}). Never connects on the caller's thread.
   */
  public static SharedLimits open(DatabaseConfig config) {
    PGSimpleDataSource driver = Database.postgres(config);
    driver.setConnectTimeout(CONNECT_TIMEOUT_S);
    driver.setLoginTimeout(CONNECT_TIMEOUT_S);
    driver.setSocketTimeout(SOCKET_TIMEOUT_S);
    HikariConfig settings = new HikariConfig();
    settings.setPoolName("shared-limits");
    settings.setDataSource(driver);
    settings.setMaximumPoolSize(POOL);
    settings.setMinimumIdle(1);
    settings.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    settings.setValidationTimeout(CONNECTION_TIMEOUT_MS);
    // the database may be away now: the limits fall back to local, and the pool keeps trying
    settings.setInitializationFailTimeout(-1);
    SharedLimits limits =
        new SharedLimits(new HikariDataSource(settings), TimeMeter.SYSTEM_MILLISECONDS);
    limits.upkeep.scheduleWithFixedDelay(
        limits::probe, 0, UPKEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    limits.upkeep.scheduleWithFixedDelay(
        limits::purge, PURGE_EVERY.toMillis(), PURGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return limits;
  }

  @Override
  public ClientRateLimit perClient(int perMinute) {
    BucketConfiguration allowance =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(perMinute)
                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                    .build())
            .build();
    Supplier<BucketConfiguration> config = () -> allowance;
    return clientKey -> {
      ConsumptionProbe probe =
          buckets.getProxy("web:" + clientKey, config).tryConsumeAndReturnRemaining(1);
      if (probe.isConsumed()) {
        return 0;
      }
      return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    };
  }

  @Override
  public UserCooldowns perUser(Duration period) {
    if (period.isZero() || period.isNegative()) {
      return new LocalCooldowns(Duration.ZERO, System::nanoTime); // no cooldown: nothing to share
    }
    BucketConfiguration once =
        BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, period).build())
            .build();
    return new UserCooldowns() {
      @Override
      public Duration tryStart(long userId) {
        ConsumptionProbe probe = bucket(userId).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
            ? Duration.ZERO
            : Duration.ofNanos(probe.getNanosToWaitForRefill());
      }

      @Override
      public void release(long userId) {
        bucket(userId).addTokens(1);
      }

      @Override
      public Duration remaining(long userId) {
        EstimationProbe probe = bucket(userId).estimateAbilityToConsume(1);
        return probe.canBeConsumed()
            ? Duration.ZERO
            : Duration.ofNanos(probe.getNanosToWaitForRefill());
      }

      private BucketProxy bucket(long userId) {
        return buckets.getProxy("discord:" + userId, () -> once);
      }
    };
  }

  /**
   * {@code database}: {@code up}, or {@code unreachable} (not ready) when the last probe failed.
   */
  public HealthIndicator health() {
    return new HealthIndicator() {
      @Override
      public String name() {
        return "database";
      }

      @Override
      public HealthState check() {
        return reachable
            ? HealthState.ready("up", Map.of("engine", "postgresql"))
            : HealthState.notReady("unreachable", Map.of("engine", "postgresql"));
      }
    };
  }

  private void probe() {
    boolean now;
    try (Connection connection = pool.getConnection()) {
      now = connection.isValid(SOCKET_TIMEOUT_S);
    } catch (SQLException | RuntimeException failed) {
      now = false;
    }
    if (now != reachable) {
      reachable = now;
      if (now) {
        LOG.info("The database answers again.");
      } else {
        LOG.warn("The database does not answer: this replica reports itself not ready.");
      }
    }
  }

  /** Deletes the rows of buckets that are full again (bounded batches; never on a query's path). */
  private void purge() {
    try {
      int removed;
      int rounds = 0;
      do {
        removed = buckets.removeExpired(PURGE_BATCH);
      } while (removed == PURGE_BATCH && ++rounds < 100);
    } catch (RuntimeException failed) {
      LOG.debug("Removing expired rate-limit buckets failed: {}", failed.toString());
    }
  }

  /** Runs the purge now (tests). */
  int purgeNow() {
    return buckets.removeExpired(PURGE_BATCH);
  }

  @Override
  public void close() {
    upkeep.shutdownNow();
    pool.close();
  }
}
