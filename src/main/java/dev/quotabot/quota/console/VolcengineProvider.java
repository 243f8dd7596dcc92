package dev.quotabot.quota.console;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * Volcengine Ark (火山方舟): the balance is the Volcengine account's, readable only with AK/SK-signed
 * OpenAPI calls or in the console, not with an Ark API key. Ark's data-plane API takes the key as a
 * Bearer token at {@code https://ark.cn-beijing.volces.com/api/v3/} (Volcengine's "Base URL及鉴权"
 * page, https://www.volcengine.com/docs/82379/1298459); the key is checked with {@code GET
 * {base}/api/v3/models}, the call open-source clients use to validate an Ark key (200 valid, 401
 * "the API key or AK/SK in the request is missing or invalid"). Ark keys have no prefix (a UUID).
 */
public final class VolcengineProvider extends KeyCheckProvider {
  static final String ID = "volcengine";
  static final String NAME = "Volcengine Ark";

  /** Volcengine's expense center account overview, where the balance is shown. */
  static final String CONSOLE = "https://console.volcengine.com/finance/account-overview/";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://ark.cn-beijing.volces.com} (a trailing {@code /api/v3} is
   *     dropped)
   */
  public VolcengineProvider(UpstreamHttp http, URI baseUrl) {
    super(ID, NAME, "…", List.of(), CONSOLE, http, Urls.under(baseUrl, "api/v3/models", "/api/v3"));
  }
}
