package dev.quotabot.quota.console;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * Together AI: fully prepaid, but no API reads the credit balance; the billing settings show it
 * (https://docs.together.ai/docs/billing-credits). The key is checked with {@code GET
 * {base}/v1/models} and a Bearer key (Together's "List models", GET /models; LibreChat's documented
 * script fetches {@code https://api.together.xyz/v1/models} the same way).
 */
public final class TogetherProvider extends KeyCheckProvider {
  static final String ID = "together";
  static final String NAME = "Together";

  /** The billing settings Together's docs link to ("Add credits from your billing settings"). */
  static final String CONSOLE = "https://api.together.ai/settings/organization/~current/billing";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://api.together.xyz} (a trailing {@code /v1} is dropped)
   */
  public TogetherProvider(UpstreamHttp http, URI baseUrl) {
    super(ID, NAME, "…", List.of(), CONSOLE, http, Urls.under(baseUrl, "v1/models", "/v1"));
  }
}
