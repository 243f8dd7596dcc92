package dev.quotabot.quota.plans;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.EndpointAnswer;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One plan's quota endpoint: a GET with the key in {@code Authorization} (as a Bearer token, or raw
 * where the plan wants it so), and the outcomes every plan shares. A failed call keeps its own
 * status; 401 and 403 are {@code invalid_key} with the provider's words; any other status, or a
 * body that is not a JSON object, is {@code upstream_error}. Only a 200 with a JSON object reaches
 * the provider's {@link Reader}. The future never completes exceptionally as long as {@link
 * UpstreamHttp} keeps its promise.
 */
final class PlanEndpoint {
  /** Turns a 200 answer's JSON object into the account (a failed one when it says so). */
  interface Reader {
    Account read(JsonObject root, ApiKey key);
  }

  private final UpstreamHttp http;
  private final URI url;
  private final String provider;
  private final String name;
  private final Function<ApiKey, String> authorization;

  /**
   * @param url the quota endpoint
   * @param provider the provider's id ({@code zhipu})
   * @param name how texts name it ({@code Zhipu})
   * @param authorization the {@code Authorization} value for a key (never logged)
   */
  PlanEndpoint(
      UpstreamHttp http,
      URI url,
      String provider,
      String name,
      Function<ApiKey, String> authorization) {
    this.http = http;
    this.url = url;
    this.provider = provider;
    this.name = name;
    this.authorization = authorization;
  }

  /** {@code Authorization: Bearer <key>}. */
  static String bearer(ApiKey key) {
    return "Bearer " + key.reveal();
  }

  /** The key itself as {@code Authorization}, without a scheme (Zhipu's monitor API). */
  static String raw(ApiKey key) {
    return key.reveal();
  }

  String provider() {
    return provider;
  }

  String name() {
    return name;
  }

  CompletableFuture<ProviderResult> check(ProviderRequest request, Reader reader) {
    ApiKey key = request.key();
    return http.get(url, Map.of("Authorization", authorization.apply(key)), request.timeout(), name)
        .thenApply(answer -> ProviderResult.balanceOnly(interpret(answer, key, reader)));
  }

  private Account interpret(UpstreamResponse response, ApiKey key, Reader reader) {
    if (!response.answered()) {
      return failed(response.failure(), response.failureText());
    }
    EndpointAnswer answer = EndpointAnswer.of(response, key);
    if (answer.refusesKey()) {
      return failed(ProbeStatus.INVALID_KEY, answer.rejected(name));
    }
    JsonObject root = answer.root();
    if (answer.status() != 200 || root == null) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          answer.words() == null
              ? Text.of("plans.endpoint_unusable", "upstream", name, "status", answer.status())
              : Text.of(
                  "plans.endpoint_said",
                  "upstream",
                  name,
                  "status",
                  answer.status(),
                  "said",
                  answer.said()));
    }
    try {
      return reader.read(root, key);
    } catch (RuntimeException unexpectedShape) {
      return failed(ProbeStatus.UPSTREAM_ERROR, Text.of("plans.unreadable", "upstream", name));
    }
  }

  Account failed(@Nullable ProbeStatus status, @Nullable Text why) {
    return Account.failed(
        provider,
        null,
        status == null ? ProbeStatus.UPSTREAM_ERROR : status,
        why == null ? Text.of("plans.unreachable", "upstream", name) : why);
  }

  /**
   * The provider's (cleaned) words a failure its body declares, as the end of that failure's
   * sentence: {@code ": <words>"}, or the sentence's end without any.
   */
  static Text said(@Nullable String words, ApiKey key) {
    String upstream = UpstreamText.clean(words, key);
    return upstream == null
        ? Text.of("net.said_nothing")
        : Text.of("net.said", "words", Text.upstream(upstream));
  }

  /** {@code <name> rejected the key: <words>}, for a refusal declared in a 200 answer's body. */
  Account rejectedKey(@Nullable String words, ApiKey key) {
    return failed(
        ProbeStatus.INVALID_KEY,
        Text.of("plans.rejected_key", "upstream", name, "said", said(words, key)));
  }

  /**
   * {@code <name>'s quota endpoint reported a failure: <words>}, for any other declared failure.
   */
  Account reportedFailure(@Nullable String words, ApiKey key) {
    return failed(
        ProbeStatus.UPSTREAM_ERROR,
        Text.of("plans.failure_reported", "upstream", name, "said", said(words, key)));
  }

  /** A 200 answer without the field its figures are in ({@code data}, {@code model_remains}). */
  Account missing(String field) {
    return failed(
        ProbeStatus.UPSTREAM_ERROR,
        Text.of("plans.missing_field", "upstream", name, "field", field));
  }

  /**
   * The windows read, and a note. No window at all is still a read answer: the plan has none to
   * show (no plan bought, or it ended), which the note says with where to look.
   */
  Account windows(List<RateWindow> windows, @Nullable Text note, String consoleUrl) {
    Text said = note;
    if (windows.isEmpty()) {
      Text none = Text.of("plans.no_windows", "upstream", name, "url", consoleUrl);
      said = note == null ? none : Text.of("plans.note_and_no_windows", "note", note, "none", none);
    }
    return Account.read(provider, List.of(), null, said).withLimits(windows);
  }
}
