package dev.quotabot.quota.relay;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.AdminAccess;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelSpend;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.Site;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A key's balance on a relay built on new-api or one-api, read from the relay's own endpoints (see
 * notes/relays.md §1): the unit from {@code /api/status}; the token's figures from {@code
 * /api/usage/token/}, or where that route is missing from the billing endpoints; the account's
 * wallet from {@code /api/user/self} when admin access is given; what each model spent recently
 * from {@code /api/log/token}; and one row per model the key may use from {@code /v1/models}. The
 * site's software and name come from the status ({@link RelaySite}); a site without a status is
 * asked sub2api's {@code /v1/usage} ({@link Sub2ApiUsage}).
 *
 * <p>The calls that do not depend on each other run at once; all share the request's timeout. A
 * call whose {@link UpstreamHttp} breaks its promise fails alone; anything else unexpected is left
 * to the query run, which turns it into a failed balance.
 */
public final class NewApiRelay implements Provider {
  public static final String ID = RelayAccount.PROVIDER;
  private static final String STATUS = "api/status";
  private static final ProviderInfo DECLARED =
      new ProviderInfo(
          ID,
          "Relay (new-api, sub2api…)",
          EnumSet.of(
              Capability.BALANCES,
              Capability.LISTS_KEY_MODELS,
              Capability.NEEDS_BASE_URL,
              Capability.ADMIN_ACCESS),
          null,
          List.of(),
          "sk-…");

  /**
   * One-api and new-api hand out keys as "sk-…" and strip that prefix when they read one
   * (songquanpeng/one-api and QuantumNous/new-api, middleware/auth.go TokenAuth).
   */
  private static final ProviderInfo INFO = DECLARED.withKeyPrefixes("sk-");

  private final UpstreamHttp http;

  /**
   * @param http the guarded client: the relay's address comes from the asker. Its answers complete
   *     on the clients' own threads (never the JDK's timer thread), so reading them into the result
   *     happens right there.
   */
  public NewApiRelay(UpstreamHttp http) {
    this.http = http;
  }

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    URI base = request.baseUrl();
    if (base == null) {
      return CompletableFuture.completedFuture(
          ProviderResult.balanceOnly(
              Account.failed(ID, null, ProbeStatus.NETWORK_ERROR, Text.of("relay.no_base_url"))));
    }
    return new Check(request, base).run();
  }

  /** One check: its deadline and its calls. */
  private final class Check {
    private final ProviderRequest request;
    private final URI base;
    private final long deadline;
    private final String site;
    private final Object siteInTexts;
    private final Map<String, String> bearer;

    Check(ProviderRequest request, URI base) {
      this.request = request;
      this.base = base;
      this.deadline = System.nanoTime() + request.timeout().toNanos();
      this.site = base.getHost() == null ? "The relay" : base.getHost();
      // the host is a name, shown as it is; the relay without one is words of each language
      this.siteInTexts = base.getHost() == null ? RelayText.THE_RELAY : base.getHost();
      this.bearer = Map.of("Authorization", "Bearer " + request.key().reveal());
    }

    CompletableFuture<ProviderResult> run() {
      CompletableFuture<UpstreamResponse> status = get(STATUS, Map.of());
      CompletableFuture<UpstreamResponse> usage = get(TokenUsage.PATH, bearer);
      CompletableFuture<UpstreamResponse> log = get(TokenLog.PATH, bearer);
      long modelsStarted = System.nanoTime();
      CompletableFuture<UpstreamResponse> models = get(RelayModels.PATH, bearer);
      CompletableFuture<Long> modelsLatency =
          models.thenApply(answer -> (System.nanoTime() - modelsStarted) / 1_000_000);
      AdminAccess access = request.admin();
      CompletableFuture<@Nullable UpstreamResponse> wallet =
          access == null
              ? CompletableFuture.completedFuture(null)
              : get(AdminWallet.PATH, AdminWallet.headers(access));
      // only a site without /api/status is asked sub2api's route
      CompletableFuture<@Nullable UpstreamResponse> sub2api =
          status.thenCompose(
              answer ->
                  Sub2ApiUsage.worthAsking(answer)
                      ? get(Sub2ApiUsage.PATH, bearer)
                      : CompletableFuture.completedFuture(null));
      CompletableFuture<UpstreamResponse @Nullable []> billing =
          usage.thenCompose(
              answer ->
                  TokenUsage.worthFallingBack(answer, request)
                      ? billing()
                      : CompletableFuture.completedFuture(null));
      return CompletableFuture.allOf(status, usage, log, modelsLatency, wallet, sub2api, billing)
          .thenApply(
              done -> {
                UpstreamResponse sub2apiAnswer = sub2api.join();
                if (Sub2ApiUsage.answeredBy(sub2apiAnswer)) {
                  return RelayModels.result(
                      Sub2ApiUsage.read(sub2apiAnswer, request)
                          .withSite(new Site(RelaySite.SUB2API, null, null)),
                      models.join(),
                      modelsLatency.join(),
                      request);
                }
                RelayStatus unit = RelayStatus.read(status.join(), request.key());
                Reading key = keyReading(usage.join(), billing.join(), unit);
                UpstreamResponse walletAnswer = wallet.join();
                Reading admin =
                    walletAnswer == null ? null : AdminWallet.read(walletAnswer, unit, request);
                Site site = RelaySite.fromStatus(status.join(), request);
                Account account = RelayAccount.compose(key, admin, unit).withSite(site);
                Text billingRemark = RelaySite.billingRemark(site);
                if (billing.join() != null && account.isKnown() && billingRemark != null) {
                  account = account.withNoteAdded(billingRemark);
                }
                List<ModelSpend> spend = TokenLog.read(log.join(), unit, request);
                if (!spend.isEmpty()) {
                  account = account.withSpend(spend).withNoteAdded(TokenLog.NOTE);
                }
                return RelayModels.result(account, models.join(), modelsLatency.join(), request);
              });
    }

    private CompletableFuture<UpstreamResponse[]> billing() {
      CompletableFuture<UpstreamResponse> subscription = get(BillingFallback.SUBSCRIPTION, bearer);
      CompletableFuture<UpstreamResponse> used = get(BillingFallback.USAGE, bearer);
      return subscription.thenCombine(
          used, (limits, spent) -> new UpstreamResponse[] {limits, spent});
    }

    private Reading keyReading(
        UpstreamResponse usage, UpstreamResponse @Nullable [] billing, RelayStatus unit) {
      Reading token = TokenUsage.read(usage, unit, request);
      if (billing == null) {
        return token;
      }
      Reading fallback = BillingFallback.read(billing[0], billing[1], unit, request);
      if (fallback.read() || !fallback.tryNext()) {
        return fallback;
      }
      return Reading.failed(
          ProbeStatus.UPSTREAM_ERROR,
          Text.of(
              "relay.neither_endpoint",
              "problems",
              RelayText.problem(token).then(RelayText.problem(fallback))));
    }

    /** One call with what is left of the check's time; never completes exceptionally. */
    private CompletableFuture<UpstreamResponse> get(String path, Map<String, String> headers) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        return CompletableFuture.completedFuture(
            UpstreamResponse.failed(
                ProbeStatus.TIMEOUT,
                Text.of(
                    "relay.timeout", "upstream", siteInTexts, "ms", request.timeout().toMillis())));
      }
      try {
        return http.get(Urls.resolve(base, path), headers, left, site)
            .exceptionally(
                failure ->
                    UpstreamResponse.failed(
                        ProbeStatus.NETWORK_ERROR,
                        Text.of("relay.call_failed", "upstream", siteInTexts)));
      } catch (RuntimeException unusable) {
        return CompletableFuture.completedFuture(
            UpstreamResponse.failed(
                ProbeStatus.NETWORK_ERROR,
                Text.of("relay.request_unbuilt", "upstream", siteInTexts)));
      }
    }
  }
}
