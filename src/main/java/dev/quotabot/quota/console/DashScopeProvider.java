package dev.quotabot.quota.console;

import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;

/**
 * Alibaba Cloud Model Studio (DashScope, Bailian): the balance is the Alibaba Cloud account's,
 * readable only with AccessKey-signed billing APIs, not with a DashScope key. The key is checked
 * with the OpenAI-compatible {@code GET {base}/compatible-mode/v1/models} and a Bearer key, as
 * open-source clients check DashScope keys (an OpenAPI collection of Model Studio,
 * api-evangelist/qwen {@code collections/qwen-models-api.opencollection.json}: "List available
 * models", bearer; key checks that treat 200 as valid and 401/403 as invalid).
 *
 * <p>DashScope keys start {@code sk-} like many others' (an {@code sk-} key names no provider), so
 * no prefix is declared: a query for DashScope names it.
 */
public final class DashScopeProvider extends KeyCheckProvider {
  static final String ID = "dashscope";
  static final String NAME = "DashScope";

  /**
   * Alibaba Cloud's "Expenses and Costs" console, where Model Studio's bills are paid and the
   * account balance is shown (Model Studio's docs: "充值途径：您可以在阿里云控制台费用与成本页面进行充值").
   */
  static final String CONSOLE = "https://billing-cost.console.aliyun.com/home";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://dashscope.aliyuncs.com} (international: {@code
   *     https://dashscope-intl.aliyuncs.com}; a trailing {@code /compatible-mode/v1} is dropped)
   */
  public DashScopeProvider(UpstreamHttp http, URI baseUrl) {
    super(
        ID,
        NAME,
        "sk-…",
        List.of(),
        CONSOLE,
        http,
        Urls.under(baseUrl, "compatible-mode/v1/models", "/compatible-mode/v1"));
  }
}
