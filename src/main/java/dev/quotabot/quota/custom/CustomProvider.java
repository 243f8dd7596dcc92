package dev.quotabot.quota.custom;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.EndpointAnswer;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A provider the operator defined in bot.properties: one GET of its configured address with the key
 * sent as configured, on the trusted client (the operator chose the host). The answer's amounts are
 * found with the configured JSON pointers, as numbers or numeric strings, exactly.
 *
 * <p>Outcomes: 401 and 403 are {@code invalid_key}; a value at the {@code error} pointer (a
 * non-blank string, {@code true}, or a non-empty object or array; never a number, since a code of 0
 * or 200 often means success) is {@code upstream_error} with the upstream's words; an {@code
 * available} pointer that finds no number is {@code upstream_error} naming the pointer. A {@code
 * total} or {@code used} pointer that finds no number leaves that figure unknown (null, never 0).
 */
public final class CustomProvider implements Provider {
  /** The most of an answer that is read. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final UpstreamHttp http;
  private final CustomProviderSpec spec;
  private final ProviderInfo info;

  /**
   * @param http the trusted client's calls: the operator configured the host
   */
  public CustomProvider(UpstreamHttp http, CustomProviderSpec spec) {
    this.http = http;
    this.spec = spec;
    // the key's shape is not known: the hint promises no prefix
    this.info =
        new ProviderInfo(
            spec.id(), spec.name(), EnumSet.of(Capability.BALANCES), spec.unit(), List.of(), "…");
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
    ApiKey key = request.key();
    return http.get(spec.url(), spec.auth().headers(key), request.timeout(), spec.name())
        .thenApply(answer -> ProviderResult.balanceOnly(interpret(answer, key)));
  }

  private Account interpret(UpstreamResponse answer, ApiKey key) {
    if (!answer.answered()) {
      return failed(answer.failure(), answer.failureText());
    }
    JsonElement root = parse(answer.body());
    int status = answer.status();
    String name = spec.name();
    // the answer as the shared endpoint texts word it: the root may be any JSON value here, so it
    // is not kept; the words are what the error pointer or the usual places hold, cleaned
    String upstream = UpstreamText.clean(errorText(root), key);
    EndpointAnswer read = new EndpointAnswer(status, null, upstream);
    if (read.refusesKey()) {
      return failed(ProbeStatus.INVALID_KEY, read.rejected(name));
    }
    if (status != 200) {
      // a redirect (never followed) or a missing page means the configured address is wrong
      boolean wrongAddress = status == 404 || (status >= 300 && status < 400);
      if (!wrongAddress) {
        return failed(ProbeStatus.UPSTREAM_ERROR, answered(status, read));
      }
      // the upstream's words end the first sentence; where they end without a full stop, one is
      // added before the advice
      Text first =
          upstream == null || upstream.endsWith(".")
              ? answered(status, read)
              : Text.of(
                  "custom.answered_ended", "upstream", name, "status", status, "said", read.said());
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          first.then(
              Text.of("custom.check_address", "base_url", key("base_url"), "path", key("path"))));
    }
    if (root == null) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          Text.of("custom.not_json", "upstream", name, "path", key("path")));
    }
    if (spec.error() != null && reportsError(spec.error().find(root))) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          Text.of("custom.reported_failure", "upstream", name, "said", read.said()));
    }
    BigDecimal available = LenientJson.amount(spec.available().find(root));
    if (available == null) {
      return failed(
          ProbeStatus.UPSTREAM_ERROR,
          Text.of(
              "custom.no_number",
              "upstream",
              name,
              "pointer",
              spec.available().toString(),
              "setting",
              key("available")));
    }
    Balance balance =
        Balance.of(Balance.Scope.ACCOUNT, spec.unit())
            .available(available)
            .total(amountAt(spec.total(), root))
            .used(amountAt(spec.used(), root))
            .build();
    return Account.read(spec.id(), List.of(balance), null, (Text) null);
  }

  /** {@code <name> answered HTTP <status>: <words>}, or with a full stop when there are none. */
  private Text answered(int status, EndpointAnswer read) {
    return Text.of(
        "custom.answered", "upstream", spec.name(), "status", status, "said", read.said());
  }

  private Account failed(@Nullable ProbeStatus status, @Nullable Text why) {
    return Account.failed(
        spec.id(),
        spec.unit(),
        status == null ? ProbeStatus.UPSTREAM_ERROR : status,
        why == null ? Text.of("custom.unreachable", "upstream", spec.name()) : why);
  }

  /** Any JSON value (an object, an array, a bare number); null when the body is not JSON. */
  private static @Nullable JsonElement parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonElement root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      return root.isJsonNull() ? null : root;
    } catch (JsonParseException | IllegalStateException | StackOverflowError notJson) {
      return null;
    }
  }

  /**
   * The upstream's words: what the {@code error} pointer finds when it is text, else the usual
   * places of an error message; not yet cleaned.
   */
  private @Nullable String errorText(@Nullable JsonElement root) {
    if (root == null) {
      return null;
    }
    if (spec.error() != null) {
      JsonElement found = spec.error().find(root);
      if (found instanceof JsonPrimitive primitive && primitive.isString()) {
        return primitive.getAsString();
      }
    }
    return root.isJsonObject() ? LenientJson.errorMessage(root.getAsJsonObject()) : null;
  }

  /** Whether what the {@code error} pointer found says the check failed. */
  private static boolean reportsError(@Nullable JsonElement found) {
    if (found == null || found.isJsonNull()) {
      return false;
    }
    if (found instanceof JsonPrimitive primitive) {
      // a number is a code, and 0 or 200 often means success: only words or true say failure
      return primitive.isBoolean()
          ? primitive.getAsBoolean()
          : primitive.isString() && !primitive.getAsString().isBlank();
    }
    return found.isJsonObject()
        ? !found.getAsJsonObject().isEmpty()
        : !found.getAsJsonArray().isEmpty();
  }

  /** The configuration key of one of its settings, for messages that say what to check. */
  private String key(String setting) {
    return "provider.custom." + spec.id() + "." + setting;
  }

  private static @Nullable BigDecimal amountAt(@Nullable JsonPointer pointer, JsonElement root) {
    return pointer == null ? null : LenientJson.amount(pointer.find(root));
  }
}
