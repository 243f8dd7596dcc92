package dev.quotabot.quota.console;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.net.EndpointAnswer;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A provider that declares no capability: no key can read its balance, so a query for it checks the
 * key with one free GET (a model or account list) and answers {@code ok} with no balance and a note
 * naming the console page where the balance is. A key the provider refuses is {@code invalid_key}
 * with its words; a 429 is {@code limit_reached}; any other status {@code upstream_error}; no
 * answer keeps its own status ({@code timeout}, {@code network_error}). The body of a 2xx answer is
 * not read: the status is the whole answer. The future never completes exceptionally.
 */
abstract class KeyCheckProvider implements Provider {
  /** The most of an answer read: only an error's message is used, a model list is never parsed. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final ProviderInfo info;
  private final UpstreamHttp http;
  private final URI checkUrl;
  private final String consoleUrl;
  private final Text note;

  /**
   * @param id the provider's id, its lower-case brand name
   * @param name how people call it
   * @param keyHint how its keys start, as a placeholder
   * @param keyPrefixes how its keys start, as its documentation says; empty when it says nothing
   *     that tells its keys apart
   * @param consoleUrl the console page that shows the balance
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param checkUrl the free GET that tells whether the key works
   */
  KeyCheckProvider(
      String id,
      String name,
      String keyHint,
      List<String> keyPrefixes,
      String consoleUrl,
      UpstreamHttp http,
      URI checkUrl) {
    this.info =
        new ProviderInfo(id, name, Set.of(), null, List.of(), keyHint)
            .withKeyPrefixes(keyPrefixes.toArray(String[]::new))
            .withConsoleUrl(consoleUrl);
    this.http = http;
    this.checkUrl = checkUrl;
    this.consoleUrl = consoleUrl;
    this.note = noBalance(name, consoleUrl);
  }

  /** The account note: why there is no balance, where it is, and that the key works. */
  static Text noBalance(String name, String consoleUrl) {
    return Text.of("console.no_balance", "name", name, "url", consoleUrl)
        .then(Text.of("console.key_works", "name", name));
  }

  @Override
  public final ProviderInfo info() {
    return info;
  }

  @Override
  public final CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    ApiKey key = request.key();
    return http.get(checkUrl, credentials(key), request.timeout(), info.name())
        .thenApply(answer -> ProviderResult.balanceOnly(interpret(answer, key)));
  }

  /**
   * How the key is sent: {@code Authorization: Bearer <key>} unless the provider says otherwise.
   */
  Map<String, String> credentials(ApiKey key) {
    return Map.of("Authorization", "Bearer " + key.reveal());
  }

  /** Whether the answer refuses the key: 401 and 403, and whatever else the provider documents. */
  boolean refusesKey(int status, @Nullable JsonObject root) {
    return status == 401 || status == 403;
  }

  private Account interpret(UpstreamResponse answer, ApiKey key) {
    String id = info.id();
    String name = info.name();
    if (!answer.answered()) {
      return Account.failed(id, null, answer.failure(), answer.failureText());
    }
    int status = answer.status();
    if (status >= 200 && status < 300) {
      return Account.read(id, List.of(), null, note);
    }
    EndpointAnswer read = EndpointAnswer.of(answer, key);
    if (refusesKey(status, read.root())) {
      return Account.failed(id, null, ProbeStatus.INVALID_KEY, read.rejected(name));
    }
    if (status == 429) {
      return Account.failed(
          id,
          null,
          ProbeStatus.LIMIT_REACHED,
          Text.of("console.check_limited", "name", name, "said", read.said())
              .then(Text.of("console.try_later", "url", consoleUrl)));
    }
    return Account.failed(
        id,
        null,
        ProbeStatus.UPSTREAM_ERROR,
        Text.of("console.check_answered", "name", name, "status", status, "said", read.said()));
  }
}
