package dev.quotabot.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket table itself, on a fake clock: bounded, and forgetting idle clients. */
final class LocalRateLimitTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void keepsAtMostItsBoundOfClients() throws UnknownHostException {
    // GIVEN a limiter
    LocalRateLimit limiter = new LocalRateLimit(10, now::get);

    // WHEN more distinct clients than its bound query within the same second
    int clients = (int) LocalRateLimit.MAX_CLIENTS + 5_000;
    for (int i = 0; i < clients; i++) {
      limiter.acquire(ipv4(i));
    }

    // THEN it remembers no more than its bound
    assertTrue(limiter.clients() <= LocalRateLimit.MAX_CLIENTS, limiter.clients() + " clients");
  }

  @Test
  void forgetsAClientIdleForAMinuteWhoseBucketIsFullAgainByThen() throws UnknownHostException {
    // GIVEN a client that spent its whole allowance of 2
    LocalRateLimit limiter = new LocalRateLimit(2, now::get);
    String client = ipv4(7);
    assertEquals(0, limiter.acquire(client));
    assertEquals(0, limiter.acquire(client));
    assertTrue(limiter.acquire(client) > 0);
    assertEquals(1, limiter.clients());

    // WHEN it stays away for a minute
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));

    // THEN its bucket is gone, and it starts again with its whole allowance
    assertEquals(0, limiter.clients());
    assertEquals(0, limiter.acquire(client));
    assertEquals(0, limiter.acquire(client));
    assertTrue(limiter.acquire(client) > 0);
  }

  @Test
  void saysHowManyWholeSecondsUntilTheNextQuery() throws UnknownHostException {
    // GIVEN 6 queries a minute (one every 10 s), all spent
    LocalRateLimit limiter = new LocalRateLimit(6, now::get);
    String client = ipv4(9);
    for (int i = 0; i < 6; i++) {
      assertEquals(0, limiter.acquire(client));
    }

    // WHEN it asks again 4 s later
    now.addAndGet(TimeUnit.SECONDS.toNanos(4));

    // THEN it must wait the remaining 6 s, and then it may go
    assertEquals(6, limiter.acquire(client));
    now.addAndGet(TimeUnit.SECONDS.toNanos(6));
    assertEquals(0, limiter.acquire(client));
  }

  private static String ipv4(int n) throws UnknownHostException {
    return ClientKeys.of(
        InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n}));
  }
}
