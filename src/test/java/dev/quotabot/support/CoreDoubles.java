package dev.quotabot.support;

import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.AccountReader;
import dev.quotabot.quota.BalanceProvider;
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.ModelDirectory;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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

  /** A provider named {@code id} and {@code displayName} whose checks {@code check} answers. */
  public static BalanceProvider provider(
      String id,
      String displayName,
      boolean needsBaseUrl,
      Function<ProviderRequest, CompletableFuture<ProviderResult>> check) {
    return new BalanceProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String displayName() {
        return displayName;
      }

      @Override
      public boolean needsBaseUrl() {
        return needsBaseUrl;
      }

      @Override
      public CompletableFuture<ProviderResult> check(ProviderRequest request) {
        return check.apply(request);
      }
    };
  }
}
