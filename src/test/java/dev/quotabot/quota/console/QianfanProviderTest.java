package dev.quotabot.quota.console;

import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;

/**
 * Qianfan's key check, {@code GET /v2/models} with the {@code bce-v3/…} key as a Bearer token
 * (https://cloud.baidu.com/doc/qianfan/s/rmh4stn9m; open-source clients validate Qianfan keys with
 * this call). Fixtures: the model list as a client's test records it ({@code object: list}, {@code
 * data[]{id, object, type, context_length}}); Baidu's refusal words "IAM Certification failed" and
 * qps limit "Open api qps request limit reached" (Baidu AI Cloud's error table), in an OpenAI-style
 * error object.
 */
final class QianfanProviderTest extends KeyCheckContractTest {
  @Override
  Check check() {
    return new Check(
        "/v2/models",
        "qianfan",
        "qianfan/models.json",
        401,
        "qianfan/401-unauthorized.json",
        "IAM Certification failed",
        "qianfan/429-rate-limited.json",
        "Internal error",
        "qianfan",
        "Qianfan",
        "bce-v3/ALTAK-TESTKEY/1234567890abcdef");
  }

  @Override
  String pastedSuffix() {
    return "/v2";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new QianfanProvider(http, baseUrl);
  }
}
