package dev.quotabot.quota.modelscope;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.AccountReader;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.BoundedBody;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.TimeoutScheduler;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.Urls;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The 魔粒 balance of a ModelScope account ({@code GET {openapi}/magicubes/balance}) and, once that
 * answers, the account's name ({@code GET {openapi}/users/me}). Both are free to read.
 */
public final class ModelScopeAccount implements AccountReader {
  static final String PROVIDER = "modelscope";
  static final String UNIT = "魔粒";
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpClient http;
  private final URI balanceUrl;
  private final URI userUrl;
  private final TimeoutScheduler timeouts;

  /**
   * @param openApiBaseUrl e.g. {@code https://modelscope.cn/openapi/v1}
   */
  public ModelScopeAccount(HttpClient http, URI openApiBaseUrl, TimeoutScheduler timeouts) {
    this.http = http;
    this.balanceUrl = Urls.resolve(openApiBaseUrl, "magicubes/balance");
    this.userUrl = Urls.resolve(openApiBaseUrl, "users/me");
    this.timeouts = timeouts;
  }

  @Override
  public CompletableFuture<AccountBalance> read(ApiKey key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return get(balanceUrl, key, timeout)
        .thenCompose(
            answer -> {
              AccountBalance balance = BalanceAnswer.interpret(answer, key);
              Duration left = Duration.ofNanos(deadline - System.nanoTime());
              if (!balance.isKnown() || left.isNegative() || left.isZero()) {
                return CompletableFuture.completedFuture(balance);
              }
              return get(userUrl, key, left)
                  .thenApply(user -> withUser(balance, UserAnswer.name(user, key)));
            });
  }

  private static AccountBalance withUser(AccountBalance balance, String user) {
    return new AccountBalance(
        balance.provider(),
        balance.unit(),
        balance.availableBalance(),
        balance.totalBalance(),
        balance.frozenAmount(),
        user,
        balance.status(),
        balance.error());
  }

  /** Status and body of one call, or why there was none. Never completes exceptionally. */
  record Answer(int status, byte[] body, ProbeStatus failure, String failureText) {}

  private CompletableFuture<Answer> get(URI url, ApiKey key, Duration timeout) {
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      HttpRequest request =
          Urls.request(url, timeout)
              .header("Authorization", "Bearer " + key.reveal())
              .header("Accept", "application/json")
              .GET()
              .build();
      exchange = http.sendAsync(request, new BoundedBody(MAX_BODY_BYTES, status -> true));
    } catch (RuntimeException unusable) {
      return CompletableFuture.completedFuture(
          new Answer(0, null, ProbeStatus.NETWORK_ERROR, "The request could not be built."));
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    Future<?> timer =
        timeouts.after(
            timeout,
            () -> {
              timedOut.set(true);
              exchange.cancel(true);
            });
    return exchange.handle(
        (response, failure) -> {
          timer.cancel(false);
          if (failure == null) {
            return new Answer(response.statusCode(), response.body(), null, null);
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (timedOut.get() || cause instanceof HttpTimeoutException) {
            return new Answer(
                0,
                null,
                ProbeStatus.TIMEOUT,
                "ModelScope did not answer the balance request within "
                    + timeout.toMillis()
                    + " ms.");
          }
          return new Answer(
              0,
              null,
              ProbeStatus.NETWORK_ERROR,
              cause instanceof ConnectException
                  ? "Could not connect to ModelScope's OpenAPI."
                  : "The connection to ModelScope's OpenAPI failed ("
                      + cause.getClass().getSimpleName()
                      + ").");
        });
  }

  /**
   * Reads {@code {"success":true,"data":{"total_balance","available_balance","frozen_amount"}}}.
   */
  static final class BalanceAnswer {
    private BalanceAnswer() {}

    static AccountBalance interpret(Answer answer, ApiKey key) {
      if (answer.failure() != null) {
        return AccountBalance.failed(PROVIDER, UNIT, answer.failure(), answer.failureText());
      }
      JsonObject root = object(answer.body());
      String upstream = UpstreamText.clean(ErrorBody.message(answer.body()), key);
      if (answer.status() == 401 || answer.status() == 403) {
        return AccountBalance.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.INVALID_KEY,
            "ModelScope rejected the key for the balance (HTTP "
                + answer.status()
                + ")"
                + (upstream == null ? "." : ": " + upstream));
      }
      JsonObject data = root == null ? null : objectField(root, "data");
      boolean declaredFailure = root != null && root.has("success") && !truthy(root.get("success"));
      if (answer.status() != 200 || data == null || declaredFailure) {
        return AccountBalance.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.UPSTREAM_ERROR,
            "ModelScope's balance endpoint answered HTTP "
                + answer.status()
                + (upstream == null ? " without a usable balance." : ": " + upstream));
      }
      BigDecimal available = amount(data, "available_balance");
      BigDecimal total = amount(data, "total_balance");
      BigDecimal frozen = amount(data, "frozen_amount");
      if (available == null && total == null) {
        return AccountBalance.failed(
            PROVIDER,
            UNIT,
            ProbeStatus.UPSTREAM_ERROR,
            "ModelScope's balance answer had no balance in it.");
      }
      return new AccountBalance(
          PROVIDER, UNIT, available, total, frozen, null, ProbeStatus.OK, null);
    }

    private static boolean truthy(JsonElement element) {
      return element.isJsonPrimitive()
          && (element.getAsJsonPrimitive().isBoolean()
              ? element.getAsBoolean()
              : "true".equalsIgnoreCase(element.getAsString()));
    }

    /** Numbers may come as numbers or strings; anything else is unknown (null). */
    private static BigDecimal amount(JsonObject data, String name) {
      JsonElement value = data.get(name);
      if (value == null || !value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
        return null;
      }
      try {
        return new BigDecimal(value.getAsString().strip());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
  }

  /**
   * Reads the account's display name from {@code /users/me}; null when it is not there. Like any
   * upstream text it is scrubbed of the key before it is shown.
   */
  static final class UserAnswer {
    private UserAnswer() {}

    static String name(Answer answer, ApiKey key) {
      if (answer.failure() != null || answer.status() != 200) {
        return null;
      }
      JsonObject root = object(answer.body());
      JsonObject data = root == null ? null : objectField(root, "data");
      JsonObject user = data != null ? data : root;
      if (user == null) {
        return null;
      }
      for (String field : new String[] {"display_name", "nickname", "name", "username"}) {
        JsonElement value = user.get(field);
        String name =
            value != null && value.isJsonPrimitive()
                ? UpstreamText.clean(value.getAsString(), key)
                : null;
        if (name != null) {
          return name.length() > 100 ? name.substring(0, 100) : name;
        }
      }
      return null;
    }
  }

  static JsonObject object(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonElement root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      return root.isJsonObject() ? root.getAsJsonObject() : null;
    } catch (JsonParseException | StackOverflowError notJson) {
      return null;
    }
  }

  static JsonObject objectField(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }
}
