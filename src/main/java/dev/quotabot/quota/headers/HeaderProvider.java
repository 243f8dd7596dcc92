package dev.quotabot.quota.headers;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeCost;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A provider whose only answer to "how much is left?" is the rate-limit headers of a call: each
 * model asked is probed, and the account answer says that the key cannot read a balance and where
 * the console shows it. Subclasses declare who they are, how they are called and which headers they
 * send.
 */
abstract class HeaderProvider implements Provider {
  /**
   * A probe counts one request, and the prompt's few tokens and one output token, against the key's
   * rate limits. On a paid plan those tokens are billed like any call's (a tiny amount); the
   * balance they come from is one no key can read, so the cost is declared in requests.
   */
  static final ProbeCost ONE_REQUEST =
      new ProbeCost(BigDecimal.ONE, "requests", ProbeCost.Kind.COUNTS);

  private final ProviderInfo info;
  private final HeaderProbe probe;
  private final Account account;

  /**
   * @param id the provider's id, its lower-case brand name
   * @param name how people call it
   * @param defaultModels what a door proposes; at least one (a query must name a model)
   * @param keyHint how its keys start, as a placeholder
   * @param keyPrefixes how its keys start, as its documentation says
   * @param consoleUrl where a person sees the balance (or usage) the key cannot read
   * @param http trusted, reading at most {@link HeaderProbe#MAX_ERROR_BODY_BYTES}
   */
  HeaderProvider(
      String id,
      String name,
      List<String> defaultModels,
      String keyHint,
      List<String> keyPrefixes,
      String consoleUrl,
      UpstreamHttp http,
      CallStyle style,
      List<WindowHeaders> windows,
      Clock clock) {
    if (defaultModels.isEmpty()) {
      throw new IllegalArgumentException(id + " needs a default model: a query must name one");
    }
    this.info =
        new ProviderInfo(
                id, name, EnumSet.of(Capability.PROBES_MODELS), null, defaultModels, keyHint)
            .withKeyPrefixes(keyPrefixes.toArray(String[]::new))
            .withProbeCost(ONE_REQUEST)
            .withConsoleUrl(consoleUrl);
    this.probe = new HeaderProbe(http, name, style, new RateWindowReader(windows), clock);
    this.account = Account.read(id, List.of(), null, noBalance(name, consoleUrl));
  }

  /** The account note: why there is no balance, and where to see it. */
  static Text noBalance(String name, String consoleUrl) {
    return Text.of("headers.no_balance", "upstream", name, "url", consoleUrl);
  }

  @Override
  public final ProviderInfo info() {
    return info;
  }

  /** Nothing is sent: a key cannot read a balance here. */
  @Override
  public final CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    return CompletableFuture.completedFuture(ProviderResult.balanceOnly(account));
  }

  @Override
  public final CompletableFuture<ModelQuota> probe(ProviderRequest request, String model) {
    return probe.probe(request.key(), model, request.timeout());
  }
}
