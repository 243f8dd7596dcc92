package dev.quotabot.quota.console;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * Baidu Qianfan (百度千帆): the balance is the Baidu AI Cloud account's, readable only with AK/SK
 * signing or in the console. Qianfan's v2 API takes an API key as {@code Authorization: Bearer
 * bce-v3/ALTAK-…} (https://cloud.baidu.com/doc/qianfan/s/rmh4stn9m, "创建API密钥"); the key is checked
 * with {@code GET {base}/v2/models}, the model list open-source clients use to validate a Qianfan
 * key ({@code validateUrl: "https://qianfan.baidubce.com/v2/models"}).
 */
public final class QianfanProvider extends KeyCheckProvider {
  static final String ID = "qianfan";
  static final String NAME = "Qianfan";

  /** Baidu AI Cloud's billing center, account balance ("充值"). */
  static final String CONSOLE = "https://console.bce.baidu.com/billing/#/account/index";

  /** Qianfan's API keys: {@code bce-v3/ALTAK-…}, as its quick start shows them. */
  static final String KEY_PREFIX = "bce-v3/";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://qianfan.baidubce.com} (a trailing {@code /v2} is dropped)
   */
  public QianfanProvider(UpstreamHttp http, URI baseUrl) {
    super(
        ID,
        NAME,
        "bce-v3/…",
        List.of(KEY_PREFIX),
        CONSOLE,
        http,
        Urls.under(baseUrl, "v2/models", "/v2"));
  }
}
