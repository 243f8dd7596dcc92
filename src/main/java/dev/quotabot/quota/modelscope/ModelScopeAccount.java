package dev.quotabot.quota.modelscope;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The 魔粒 balance of a ModelScope account ({@code GET {openapi}/magicubes/balance}) and, once that
 * answers, side by side, the account's name ({@code GET {openapi}/users/me}) and today's grants
 * ({@code GET {openapi}/magicubes/earn/rules}, see {@link EarnRules}). All are free to read; only
 * the balance decides whether the read worked. The calls the balance pays for are estimated from
 * the configured {@link TierPrices}.
 */
final class ModelScopeAccount {
  private static final String PROVIDER = ModelScopeProvider.ID;
  private static final String UNIT = ModelScopeProvider.UNIT;
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final String NAME = ModelScopeProvider.NAME;

  static final Text ESTIMATE_NOTE =
      Text.of("modelscope.estimate_note", "unit", UNIT, "upstream", NAME);

  /**
   * Today's grants were read. Short-term 魔粒 last 24 hours from their grant and the soonest to
   * expire are spent first (https://modelscope.cn/docs/magicube/intro, "三、注意事项"); the daily grants
   * come with a sign-in on the website, not with API calls (xxy9468615/cat_checkin
   * scripts/modelscope.py; Zelnlll/ai-checkin app/platforms/modelscope.py).
   */
  static final Text GRANTS_NOTE =
      Text.of(
          "modelscope.grants_note",
          "upstream",
          NAME,
          "site",
          ModelScopeProvider.SITE,
          "unit",
          UNIT);

  static final Text GRANTS_UNKNOWN_NOTE =
      Text.of("modelscope.grants_unknown_note", "unit", UNIT, "upstream", NAME);

  private final UpstreamHttp http;
  private final URI balanceUrl;
  private final URI userUrl;
  private final URI earnRulesUrl;
  private final TierPrices prices;

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param openApiBaseUrl e.g. {@code https://modelscope.cn/openapi/v1}
   * @param prices what a call of each tier costs, for the estimates
   */
  ModelScopeAccount(UpstreamHttp http, URI openApiBaseUrl, TierPrices prices) {
    this.http = http;
    this.balanceUrl = Urls.resolve(openApiBaseUrl, "magicubes/balance");
    this.userUrl = Urls.resolve(openApiBaseUrl, "users/me");
    this.earnRulesUrl = Urls.resolve(openApiBaseUrl, "magicubes/earn/rules");
    this.prices = prices;
  }

  /**
   * Always completes normally; failures are an account with a failure status. Cancelling it closes
   * the calls under way (the balance's, or the name's and the grants').
   */
  CompletableFuture<Account> read(ApiKey key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Account> read = new CompletableFuture<>();
    Set<CompletableFuture<UpstreamResponse>> inFlight = ConcurrentHashMap.newKeySet();
    read.whenComplete(
        (account, failure) -> {
          if (read.isCancelled()) {
            inFlight.forEach(call -> call.cancel(true));
          }
        });
    start(balanceUrl, key, timeout, inFlight, read)
        .thenCompose(
            answer -> {
              Account balance = BalanceAnswer.interpret(answer, key);
              Duration left = Duration.ofNanos(deadline - System.nanoTime());
              if (!balance.isKnown()) {
                return CompletableFuture.completedFuture(balance);
              }
              if (left.isNegative() || left.isZero() || read.isDone()) {
                return CompletableFuture.completedFuture(described(balance, null, null));
              }
              // the name and the grants are asked only for a key the balance accepted, together
              CompletableFuture<UpstreamResponse> user = start(userUrl, key, left, inFlight, read);
              CompletableFuture<UpstreamResponse> rules =
                  start(earnRulesUrl, key, left, inFlight, read);
              return user.thenCombine(
                  rules,
                  (userAnswer, rulesAnswer) ->
                      described(
                          balance, UserAnswer.name(userAnswer, key), EarnRules.read(rulesAnswer)));
            })
        .whenComplete(
            (account, failure) -> {
              if (failure != null) {
                read.completeExceptionally(failure);
              } else {
                read.complete(account);
              }
            });
    return read;
  }

  /** A call that the read's cancellation closes. */
  private CompletableFuture<UpstreamResponse> start(
      URI url,
      ApiKey key,
      Duration timeout,
      Set<CompletableFuture<UpstreamResponse>> inFlight,
      CompletableFuture<Account> read) {
    CompletableFuture<UpstreamResponse> call =
        http.get(
            url,
            Map.of("Authorization", "Bearer " + key.reveal()),
            timeout,
            "ModelScope's OpenAPI");
    inFlight.add(call);
    if (read.isCancelled()) {
      call.cancel(true);
    }
    return call;
  }

  /**
   * The balance read, with the name, today's grants (as parts of the 魔粒 entry) and the call
   * estimates; a note says how to read them.
   */
  private Account described(
      Account balance, @Nullable String user, EarnRules.@Nullable Grants grants) {
    Balance entry = Objects.requireNonNull(balance.primary());
    if (grants != null) {
      entry = grants.addedTo(entry);
    }
    Account account =
        Account.read(PROVIDER, List.of(entry), user, (Text) null)
            .withEstimatedCalls(prices.estimates(entry.available()));
    if (!account.estimatedCalls().isEmpty()) {
      account = account.withNoteAdded(ESTIMATE_NOTE);
    }
    return account.withNoteAdded(grants != null ? GRANTS_NOTE : GRANTS_UNKNOWN_NOTE);
  }

  /**
   * Reads {@code {"success":true,"data":{"total_balance","available_balance","frozen_amount"}}}.
   */
  static final class BalanceAnswer {
    private BalanceAnswer() {}

    static Account interpret(UpstreamResponse answer, ApiKey key) {
      if (answer.failure() != null) {
        return Account.failed(
            PROVIDER,
            UNIT,
            answer.failure(),
            Objects.requireNonNullElse(answer.failureText(), Text.of("modelscope.balance_unread")));
      }
      JsonObject root = LenientJson.object(answer.body());
      if (answer.status() == 401 || answer.status() == 403) {
        return Account.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.INVALID_KEY,
            Wording.withHint(
                Text.of(
                    "modelscope.balance_rejected_key",
                    "upstream",
                    NAME,
                    "status",
                    answer.status(),
                    "said",
                    Wording.said(upstream(root, key))),
                AliyunAccount.hint(LenientJson.errorMessage(root))));
      }
      JsonObject data = LenientJson.objectField(root, "data");
      Boolean success = LenientJson.flag(root, "success");
      boolean declaredFailure =
          root != null && root.has("success") && !Boolean.TRUE.equals(success);
      if (answer.status() != 200 || data == null || declaredFailure) {
        String words = upstream(root, key);
        return Account.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.UPSTREAM_ERROR,
            words == null
                ? Text.of(
                    "modelscope.balance_unusable", "upstream", NAME, "status", answer.status())
                : Text.of(
                    "modelscope.balance_unusable_said",
                    "upstream",
                    NAME,
                    "status",
                    answer.status(),
                    "words",
                    Text.upstream(words)));
      }
      // numbers or numeric strings; anything else, absurd magnitudes included, is unknown (null)
      BigDecimal available = LenientJson.amount(data, "available_balance");
      BigDecimal total = LenientJson.amount(data, "total_balance");
      BigDecimal frozen = LenientJson.amount(data, "frozen_amount");
      if (available == null && total == null) {
        return Account.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.UPSTREAM_ERROR,
            Text.of("modelscope.balance_missing", "upstream", NAME));
      }
      return Account.read(
          PROVIDER,
          List.of(
              Balance.of(Balance.Scope.ACCOUNT, UNIT)
                  .available(available)
                  .total(total)
                  .frozen(frozen)
                  .build()),
          null,
          (Text) null);
    }

    /** The upstream's cleaned message, or null when it gave none. */
    private static @Nullable String upstream(@Nullable JsonObject root, ApiKey key) {
      return UpstreamText.clean(LenientJson.errorMessage(root), key);
    }
  }

  /**
   * Reads the account's display name from {@code /users/me}; null when it is not there. Like any
   * upstream text it is scrubbed of the key before it is shown.
   */
  static final class UserAnswer {
    private UserAnswer() {}

    static @Nullable String name(UpstreamResponse answer, ApiKey key) {
      if (answer.failure() != null || answer.status() != 200) {
        return null;
      }
      JsonObject root = LenientJson.object(answer.body());
      JsonObject data = LenientJson.objectField(root, "data");
      JsonObject user = data != null ? data : root;
      if (user == null) {
        return null;
      }
      for (String field : new String[] {"display_name", "nickname", "name", "username"}) {
        String name = UpstreamText.name(LenientJson.text(user, field), key);
        if (name != null) {
          return name;
        }
      }
      return null;
    }
  }
}
