package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One provider's balance endpoint: a GET with {@code Authorization: Bearer <key>}, and the outcomes
 * every provider shares. A failed call keeps its own status; 401 and 403 are {@code invalid_key}
 * with the provider's words; any other status, or a body that is not a JSON object, is {@code
 * upstream_error}. Only a 200 with a JSON object reaches the provider's {@link Reader}. The future
 * never completes exceptionally as long as {@link UpstreamHttp} keeps its promise.
 */
final class BalanceEndpoint {
  /** Turns a 200 answer's JSON object into the account (a failed one when its shape is wrong). */
  interface Reader {
    Account read(JsonObject root, ApiKey key);
  }

  private final UpstreamHttp http;
  private final URI url;
  private final String provider;
  private final String name;
  private final @Nullable String unit;
  private final String rejectedKeyHint;

  /**
   * @param url the endpoint
   * @param provider the provider's id ({@code deepseek})
   * @param name how failure texts name it ({@code DeepSeek})
   * @param unit the unit of its amounts, also given on failed accounts; null when it depends on the
   *     account
   */
  BalanceEndpoint(UpstreamHttp http, URI url, String provider, String name, @Nullable String unit) {
    this(http, url, provider, name, unit, "");
  }

  private BalanceEndpoint(
      UpstreamHttp http,
      URI url,
      String provider,
      String name,
      @Nullable String unit,
      String rejectedKeyHint) {
    this.http = http;
    this.url = url;
    this.provider = provider;
    this.name = name;
    this.unit = unit;
    this.rejectedKeyHint = rejectedKeyHint;
  }

  /**
   * The same endpoint, adding {@code hint} to the {@code invalid_key} error: for a provider whose
   * balance only some kinds of key may read (Venice's admin keys), a refusal does not mean the key
   * is dead.
   */
  BalanceEndpoint withRejectedKeyHint(String hint) {
    return new BalanceEndpoint(http, url, provider, name, unit, " " + hint);
  }

  /**
   * {@code path} under {@code base}, after dropping a trailing slash and the first of {@code
   * redundant} the base ends with: an operator who pastes the OpenAI-style base ({@code
   * https://api.moonshot.cn/v1}) gets the same URL as one who gives the host.
   */
  static URI under(URI base, String path, String... redundant) {
    return Urls.resolve(URI.create(Urls.withoutSuffix(base.toString(), redundant)), path);
  }

  @Nullable String unit() {
    return unit;
  }

  CompletableFuture<ProviderResult> check(ProviderRequest request, Reader reader) {
    ApiKey key = request.key();
    return http.get(url, Map.of("Authorization", "Bearer " + key.reveal()), request.timeout(), name)
        .thenApply(answer -> ProviderResult.balanceOnly(interpret(answer, key, reader)));
  }

  private Account interpret(UpstreamResponse answer, ApiKey key, Reader reader) {
    if (!answer.answered()) {
      return failed(answer.failure(), answer.failureText());
    }
    JsonObject root = LenientJson.object(answer.body());
    int status = answer.status();
    String upstream = UpstreamText.clean(errorText(root, answer.body(), status), key);
    String said = upstream == null ? "." : ": " + upstream;
    if (status == 401 || status == 403) {
      String rejected = name + " rejected the key (HTTP " + status + ")" + said;
      return failed(
          ProbeStatus.INVALID_KEY,
          rejectedKeyHint.isEmpty()
              ? rejected
              : rejected + (rejected.endsWith(".") ? "" : ".") + rejectedKeyHint);
    }
    if (status != 200 || root == null) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          name
              + "'s balance endpoint answered HTTP "
              + status
              + (upstream == null ? " without a usable balance." : ": " + upstream));
    }
    try {
      return reader.read(root, key);
    } catch (RuntimeException unexpectedShape) {
      return failed(ProbeStatus.UPSTREAM_ERROR, name + "'s balance answer could not be read.");
    }
  }

  /**
   * The provider's words: the JSON error message, or for an error status a short plain-text body
   * (SiliconFlow answers {@code Invalid token}); never an HTML page.
   */
  private static @Nullable String errorText(@Nullable JsonObject root, byte[] body, int status) {
    if (root != null) {
      return LenientJson.errorMessage(root);
    }
    if (status == 200 || body.length == 0 || body.length > 1024) {
      return null;
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    boolean markup = text.contains("<") || text.startsWith("{") || text.startsWith("[");
    return markup ? null : text;
  }

  Account failed(ProbeStatus status, String why) {
    return Account.failed(provider, unit, status, why);
  }

  /** A 200 without the amounts this provider always sends. */
  Account noBalance() {
    return failed(ProbeStatus.UPSTREAM_ERROR, name + "'s balance answer had no balance in it.");
  }

  /** A 200 whose body declares a failure ({@code "code":40001}, {@code "status":false}). */
  Account declaredFailure(JsonObject root, ApiKey key) {
    String upstream = UpstreamText.clean(LenientJson.errorMessage(root), key);
    return failed(
        ProbeStatus.UPSTREAM_ERROR,
        name
            + "'s balance endpoint reported a failure"
            + (upstream == null ? "." : ": " + upstream));
  }
}
