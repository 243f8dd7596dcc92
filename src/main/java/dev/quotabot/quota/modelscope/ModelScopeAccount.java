package dev.quotabot.quota.modelscope;

import com.google.gson.JsonObject;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The 魔粒 balance of a ModelScope account ({@code GET {openapi}/magicubes/balance}) and, once that
 * answers, the account's name ({@code GET {openapi}/users/me}). Both are free to read.
 */
final class ModelScopeAccount {
  private static final String PROVIDER = ModelScopeProvider.ID;
  private static final String UNIT = ModelScopeProvider.UNIT;
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final UpstreamHttp http;
  private final URI balanceUrl;
  private final URI userUrl;

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param openApiBaseUrl e.g. {@code https://modelscope.cn/openapi/v1}
   */
  ModelScopeAccount(UpstreamHttp http, URI openApiBaseUrl) {
    this.http = http;
    this.balanceUrl = Urls.resolve(openApiBaseUrl, "magicubes/balance");
    this.userUrl = Urls.resolve(openApiBaseUrl, "users/me");
  }

  /**
   * Always completes normally; failures are an account with a failure status. Cancelling it closes
   * the call under way (the balance's or the name's).
   */
  CompletableFuture<Account> read(ApiKey key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Account> read = new CompletableFuture<>();
    CompletableFuture<UpstreamResponse> balanceCall = get(balanceUrl, key, timeout);
    AtomicReference<CompletableFuture<UpstreamResponse>> inFlight =
        new AtomicReference<>(balanceCall);
    read.whenComplete(
        (account, failure) -> {
          if (read.isCancelled()) {
            inFlight.get().cancel(true);
          }
        });
    balanceCall
        .thenAccept(
            answer -> {
              Account balance = BalanceAnswer.interpret(answer, key);
              Duration left = Duration.ofNanos(deadline - System.nanoTime());
              if (!balance.isKnown() || left.isNegative() || left.isZero() || read.isDone()) {
                read.complete(balance);
                return;
              }
              CompletableFuture<UpstreamResponse> userCall = get(userUrl, key, left);
              inFlight.set(userCall);
              if (read.isCancelled()) {
                userCall.cancel(true);
              }
              userCall.thenAccept(
                  user -> read.complete(balance.withUser(UserAnswer.name(user, key))));
            })
        .exceptionally(
            failure -> {
              read.completeExceptionally(failure);
              return null;
            });
    return read;
  }

  private CompletableFuture<UpstreamResponse> get(URI url, ApiKey key, Duration timeout) {
    return http.get(
        url, Map.of("Authorization", "Bearer " + key.reveal()), timeout, "ModelScope's OpenAPI");
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
            Objects.requireNonNullElse(answer.failureText(), "The balance could not be read."));
      }
      JsonObject root = LenientJson.object(answer.body());
      if (answer.status() == 401 || answer.status() == 403) {
        return Account.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.INVALID_KEY,
            "ModelScope rejected the key for the balance (HTTP "
                + answer.status()
                + ")"
                + upstream(root, key, "."));
      }
      JsonObject data = LenientJson.objectField(root, "data");
      Boolean success = LenientJson.flag(root, "success");
      boolean declaredFailure =
          root != null && root.has("success") && !Boolean.TRUE.equals(success);
      if (answer.status() != 200 || data == null || declaredFailure) {
        return Account.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.UPSTREAM_ERROR,
            "ModelScope's balance endpoint answered HTTP "
                + answer.status()
                + upstream(root, key, " without a usable balance."));
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
            "ModelScope's balance answer had no balance in it.");
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
          null);
    }

    /** ": " and the upstream's cleaned message, or {@code otherwise} when it gave none. */
    private static String upstream(@Nullable JsonObject root, ApiKey key, String otherwise) {
      String upstream = UpstreamText.clean(LenientJson.errorMessage(root), key);
      return upstream == null ? otherwise : ": " + upstream;
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
