package dev.quotabot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.limits.ClientRateLimit;
import dev.quotabot.limits.UserCooldowns;
import dev.quotabot.support.TestDatabase;
import dev.quotabot.support.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits every replica shares, on a real PostgreSQL: two {@link SharedLimits}, each with a pool
 * of its own, stand for two replicas.
 */
final class SharedLimitsTest {
  private final TestDatabase database = TestDatabases.postgres();

  {
    database.open().close(); // migrated, as Application opens it first
  }

  private final SharedLimits first = SharedLimits.open(database.config());
  private final SharedLimits second = SharedLimits.open(database.config());

  @AfterEach
  void close() {
    first.close();
    second.close();
    database.close();
  }

  @Test
  void twoReplicasShareOneAllowancePerClient() {
    // GIVEN 30 queries a minute per client, on both replicas
    ClientRateLimit onFirst = first.perClient(30);
    ClientRateLimit onSecond = second.perClient(30);

    // WHEN one client's 30 queries go to either replica in turn
    for (int i = 0; i < 30; i++) {
      assertEquals(0, (i % 2 == 0 ? onFirst : onSecond).acquire("203.0.113.7"), "query " + i);
    }

    // THEN its 31st is refused whichever replica answers, with a wait of about one token (2 s)
    long waitFirst = onFirst.acquire("203.0.113.7");
    long waitSecond = onSecond.acquire("203.0.113.7");
    assertTrue(waitFirst >= 1 && waitFirst <= 2, waitFirst + " s");
    assertTrue(waitSecond >= 1 && waitSecond <= 2, waitSecond + " s");
  }

  @Test
  void differentClientsHaveTheirOwnAllowance() {
    // GIVEN a client that spent its allowance of 2 on one replica
    ClientRateLimit onFirst = first.perClient(2);
    onFirst.acquire("203.0.113.7");
    onFirst.acquire("203.0.113.7");

    // WHEN another client (an IPv6 /64) asks the other replica
    long other = second.perClient(2).acquire("20010db800000001/64");

    // THEN it may go
    assertEquals(0, other);
  }

  @Test
  void theCooldownHoldsAcrossReplicas() {
    // GIVEN a user whose cooldown of 30 s started on one replica
    UserCooldowns onFirst = first.perUser(Duration.ofSeconds(30));
    UserCooldowns onSecond = second.perUser(Duration.ofSeconds(30));
    assertEquals(Duration.ZERO, onFirst.tryStart(42L));

    // WHEN the same user asks the other replica
    Duration left = onSecond.tryStart(42L);

    // THEN the user waits the rest of the period there too; another user does not
    assertTrue(left.compareTo(Duration.ofSeconds(25)) > 0, left.toString());
    assertTrue(left.compareTo(Duration.ofSeconds(30)) <= 0, left.toString());
    assertTrue(onSecond.remaining(42L).compareTo(Duration.ZERO) > 0);
    assertEquals(Duration.ZERO, onSecond.tryStart(43L));
  }

  @Test
  void releasingTheCooldownOnOneReplicaFreesTheUserOnTheOther() {
    // GIVEN a user's cooldown started on one replica
    UserCooldowns onFirst = first.perUser(Duration.ofSeconds(30));
    UserCooldowns onSecond = second.perUser(Duration.ofSeconds(30));
    onFirst.tryStart(42L);

    // WHEN the query it was started for never ran and the replica releases it
    onFirst.release(42L);

    // THEN the other replica lets the user go at once
    assertEquals(Duration.ZERO, onSecond.remaining(42L));
    assertEquals(Duration.ZERO, onSecond.tryStart(42L));
  }

  @Test
  void remainingStartsNothing() {
    UserCooldowns cooldowns = first.perUser(Duration.ofSeconds(30));

    assertEquals(Duration.ZERO, cooldowns.remaining(7L));
    assertEquals(Duration.ZERO, cooldowns.tryStart(7L));
  }

  @Test
  void eachRowExpiresOnceItsBucketIsFullAgainAndThePurgeDeletesIt() {
    // GIVEN a client's and a user's bucket, each one token down
    long before = System.currentTimeMillis();
    first.perClient(30).acquire("198.51.100.1");
    first.perUser(Duration.ofSeconds(30)).tryStart(42L);

    // THEN the table holds just their keys, each row expiring once full again (2 s and 30 s) plus
    // the time it is kept for a client coming back (30 s)
    assertEquals(
        2,
        database.count(
            "SELECT COUNT(*) FROM rate_buckets WHERE id IN ('web:198.51.100.1', 'discord:42')"));
    assertEquals(
        1,
        database.count("SELECT COUNT(*) FROM rate_buckets WHERE expires_at <= ?", before + 33_000));
    assertEquals(
        2,
        database.count("SELECT COUNT(*) FROM rate_buckets WHERE expires_at <= ?", before + 61_000));

    // WHEN their time has passed and the upkeep purges
    database.execute("UPDATE rate_buckets SET expires_at = expires_at - 120000");
    int removed = first.purgeNow();

    // THEN their rows are gone
    assertEquals(2, removed);
    assertEquals(0, database.count("SELECT COUNT(*) FROM rate_buckets"));
  }
}
