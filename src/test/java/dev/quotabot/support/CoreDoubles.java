package dev.quotabot.support;

import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.AccountReader;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ProbeStatus;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/** Stand-ins for the parts of a query a test is not about. */
public final class CoreDoubles {
  /** An account with 250 魔粒, read at once. */
  public static final AccountBalance BALANCE =
      new AccountBalance(
          "modelscope",
          "魔粒",
          new BigDecimal("250"),
          new BigDecimal("250"),
          BigDecimal.ZERO,
          "tester",
          ProbeStatus.OK,
          null);

  public static final AccountReader ACCOUNT =
      (key, timeout) -> CompletableFuture.completedFuture(BALANCE);

  /** A model list that cannot be loaded: no model is flagged, every one is probed. */
  public static final ModelDirectory NO_CATALOG =
      () -> CompletableFuture.completedFuture(CatalogSnapshot.UNAVAILABLE);

  private CoreDoubles() {}
}
