package dev.quotabot.quota.console;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * Fireworks: there is no credit-balance endpoint (the billing dashboard shows credits; its billing
 * summary API reports spend only). The key is checked with {@code GET {base}/v1/accounts}, the
 * accounts the key can see: management API calls for accounts are free
 * (https://docs.fireworks.ai/faq/billing-pricing-usage/billing/billing-management, "Are calls to
 * the Models API billable? No … Accounts, Users, Models, Datasets"), and CodexBar's Fireworks
 * provider makes the same call with a Bearer key (steipete/CodexBar {@code docs/fireworks.md}).
 */
public final class FireworksProvider extends KeyCheckProvider {
  static final String ID = "fireworks";
  static final String NAME = "Fireworks";

  /** Fireworks' billing page ("View the pass status … on the Billing page"; credits, spend). */
  static final String CONSOLE = "https://app.fireworks.ai/account/billing";

  /**
   * Standard Fireworks keys start {@code fw_} (Fireworks' docs: "a standard Fireworks key
   * (fw_...)").
   */
  static final String KEY_PREFIX = "fw_";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://api.fireworks.ai} (a trailing {@code /inference/v1}, the
   *     OpenAI-compatible base, is dropped)
   */
  public FireworksProvider(UpstreamHttp http, URI baseUrl) {
    super(
        ID,
        NAME,
        "fw_…",
        List.of(KEY_PREFIX),
        CONSOLE,
        http,
        Urls.under(baseUrl, "v1/accounts", "/inference/v1"));
  }
}
