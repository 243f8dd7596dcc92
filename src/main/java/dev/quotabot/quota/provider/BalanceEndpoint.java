package dev.quotabot.quota.provider;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.EndpointAnswer;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One provider's balance endpoint: a GET with {@code Authorization: Bearer <key>}, and the outcomes
 * every provider shares. A failed call keeps its own status; 401 and 403 are {@code invalid_key}
 * with the provider's words; 404 and 410, or an answer whose words say the endpoint is deprecated
 * or retired, mean the endpoint is gone ({@code upstream_error} naming the change and what to do);
 * any other status, or a body that is not a JSON object, is {@code upstream_error}. Only a 200 with
 * a JSON object reaches the provider's {@link Reader}. The future never completes exceptionally as
 * long as {@link UpstreamHttp} keeps its promise.
 */
final class BalanceEndpoint {
  /** Turns a 200 answer's JSON object into the account (a failed one when its shape is wrong). */
  interface Reader {
    Account read(JsonObject root, ApiKey key);
  }

  /** Words an upstream uses for an endpoint that is no more (English and Chinese). */
  private static final List<String> GONE_WORDS =
      List.of(
          "deprecated",
          "retired",
          "no longer available",
          "no longer supported",
          "discontinued",
          "decommissioned",
          "已下线",
          "停止服务",
          "已废弃",
          "已弃用");

  private final UpstreamHttp http;
  private final URI url;
  private final String provider;
  private final String name;
  private final @Nullable String unit;
  private final @Nullable Text goneAdvice;
  private final @Nullable Text refusalAdvice;

  /**
   * @param url the endpoint
   * @param provider the provider's id ({@code deepseek})
   * @param name how failure texts name it ({@code DeepSeek})
   * @param unit the unit of its amounts, also given on failed accounts; null when it depends on the
   *     account
   */
  BalanceEndpoint(UpstreamHttp http, URI url, String provider, String name, @Nullable String unit) {
    this(http, url, provider, name, unit, null, null);
  }

  private BalanceEndpoint(
      UpstreamHttp http,
      URI url,
      String provider,
      String name,
      @Nullable String unit,
      @Nullable Text goneAdvice,
      @Nullable Text refusalAdvice) {
    this.http = http;
    this.url = url;
    this.provider = provider;
    this.name = name;
    this.unit = unit;
    this.goneAdvice = goneAdvice;
    this.refusalAdvice = refusalAdvice;
  }

  /**
   * This endpoint, telling a user who meets it gone what changed and what to do (one or more
   * sentences, e.g. which {@code base_url} to set); without it the text names the setting only.
   */
  BalanceEndpoint whenGone(Text advice) {
    return new BalanceEndpoint(http, url, provider, name, unit, advice, refusalAdvice);
  }

  /**
   * This endpoint, adding to a 401/403 refusal what else it can mean (a key without the permission
   * to read the balance) and how to fix it.
   */
  BalanceEndpoint whenRefused(Text advice) {
    return new BalanceEndpoint(http, url, provider, name, unit, goneAdvice, advice);
  }

  /**
   * Whether an upstream's words say the endpoint itself is no more (deprecated, retired, taken
   * offline), as opposed to this key or request failing.
   */
  static boolean saysGone(@Nullable String words) {
    if (words == null) {
      return false;
    }
    String lower = words.toLowerCase(Locale.ROOT);
    return GONE_WORDS.stream().anyMatch(lower::contains);
  }

  String provider() {
    return provider;
  }

  String name() {
    return name;
  }

  @Nullable String unit() {
    return unit;
  }

  CompletableFuture<ProviderResult> check(ProviderRequest request, Reader reader) {
    ApiKey key = request.key();
    return http.get(url, Map.of("Authorization", "Bearer " + key.reveal()), request.timeout(), name)
        .thenApply(answer -> ProviderResult.balanceOnly(interpret(answer, key, reader)));
  }

  private Account interpret(UpstreamResponse response, ApiKey key, Reader reader) {
    if (!response.answered()) {
      ProbeStatus failure = Objects.requireNonNull(response.failure());
      return failed(
          failure,
          Objects.requireNonNullElse(
              response.failureText(),
              Text.of("provider.no_answer", "failure", failure.wireName())));
    }
    EndpointAnswer answer = EndpointAnswer.of(response, key);
    int status = answer.status();
    String upstream = answer.words();
    if (answer.refusesKey()) {
      return failed(ProbeStatus.INVALID_KEY, refused(answer));
    }
    if (status == 404 || status == 410 || (status != 200 && saysGone(upstream))) {
      return gone(status, upstream);
    }
    JsonObject root = answer.root();
    if (status != 200 || root == null) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          upstream == null
              ? Text.of("provider.unusable", "upstream", name, "status", status)
              : Text.of(
                  "provider.unusable_said",
                  "upstream",
                  name,
                  "status",
                  status,
                  "said",
                  answer.said()));
    }
    try {
      return reader.read(root, key);
    } catch (RuntimeException unexpectedShape) {
      return failed(ProbeStatus.UPSTREAM_ERROR, Text.of("provider.unreadable", "upstream", name));
    }
  }

  /**
   * The refusal of a key, with the provider's words, and what else it can mean when this endpoint
   * says (a sentence of its own: after the words, the refusal ends with a full stop).
   */
  private Text refused(EndpointAnswer answer) {
    if (refusalAdvice == null) {
      return answer.rejected(name);
    }
    String words = answer.words();
    Text said =
        words == null
            ? Text.of("net.said_nothing")
            : Text.of("provider.said_ended", "words", Text.upstream(words));
    return Text.of("net.rejected_key", "upstream", name, "status", answer.status(), "said", said)
        .then(refusalAdvice);
  }

  Account failed(ProbeStatus status, Text why) {
    return Account.failed(provider, unit, status, why);
  }

  /** Why a 200 without the amounts this provider always sends is a failure. */
  Text noBalanceText() {
    return Text.of("provider.no_balance", "upstream", name);
  }

  /** A 200 without the amounts this provider always sends. */
  Account noBalance() {
    return failed(ProbeStatus.UPSTREAM_ERROR, noBalanceText());
  }

  /**
   * The endpoint is gone, as its HTTP {@code status} says, with its words when it gave any, and the
   * advice.
   */
  private Account gone(int status, @Nullable String upstream) {
    Text how =
        upstream == null
            ? Text.of("provider.gone_answered", "upstream", name, "status", status)
            : Text.of(
                "provider.gone_answered_said",
                "upstream",
                name,
                "status",
                status,
                "words",
                Text.upstream(upstream));
    return failed(ProbeStatus.UPSTREAM_ERROR, how.then(goneAdvice()));
  }

  /** What changed and what to do; without advice of the provider's own, the setting to check. */
  private Text goneAdvice() {
    return goneAdvice != null
        ? goneAdvice
        : Text.of(
            "provider.gone_advice",
            "setting",
            "provider." + provider + ".base_url",
            "upstream",
            name);
  }

  /**
   * A 200 whose body declares a failure ({@code "code":40001}, {@code "status":false}); when its
   * words say the endpoint is deprecated or retired, the endpoint is {@link #gone}.
   */
  Account declaredFailure(JsonObject root, ApiKey key) {
    String upstream = UpstreamText.clean(LenientJson.errorMessage(root), key);
    if (upstream != null && saysGone(upstream)) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          Text.of("provider.gone_said", "upstream", name, "words", Text.upstream(upstream))
              .then(goneAdvice()));
    }
    Text said =
        upstream == null
            ? Text.of("net.said_nothing")
            : Text.of("net.said", "words", Text.upstream(upstream));
    return failed(
        ProbeStatus.UPSTREAM_ERROR,
        Text.of("provider.declared_failure", "upstream", name, "said", said));
  }
}
