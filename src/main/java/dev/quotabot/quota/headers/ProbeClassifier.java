package dev.quotabot.quota.headers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.quota.RateWindow;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a header provider's answer to a probe into a row: its status, the windows it reported (on
 * any status: a 429 still tells what is left and when) and a human explanation. The seed's four
 * ModelScope numbers stay unknown.
 *
 * <p>The error vocabulary is the providers' own: OpenAI's {@code insufficient_quota} comes with a
 * 429 but means the credit is used up (https://platform.openai.com/docs/guides/error-codes, "429 -
 * You exceeded your current quota, please check your plan and billing details"); Anthropic answers
 * 400 "Your credit balance is too low to access the Anthropic API" and 402 {@code billing_error}
 * (https://docs.anthropic.com/en/api/errors); an unknown model is {@code model_not_found} for
 * OpenAI-compatible APIs ("The model `x` does not exist or you do not have access to it.") and a
 * 404 {@code not_found_error} ({@code "message":"model: x"}) for Anthropic.
 */
final class ProbeClassifier {
  private static final Set<String> NO_CREDIT = Set.of("insufficient_quota", "billing_error");
  private static final Set<String> NO_MODEL =
      Set.of("model_not_found", "model_decommissioned", "not_found_error");

  private ProbeClassifier() {}

  /**
   * @param name how the provider is named in texts ({@code Groq})
   * @param answer an answer (not a failed call)
   * @param windows the windows its headers reported
   */
  static ModelQuota classify(
      String name,
      String model,
      UpstreamResponse answer,
      List<RateWindow> windows,
      ApiKey key,
      long latencyMs) {
    int status = answer.status();
    if (status >= 200 && status < 300) {
      if (isWebPage(answer)) {
        // a proxy's or a login page answered, not the API: the call did not work
        return row(
            model,
            ProbeStatus.UPSTREAM_ERROR,
            Text.of("headers.web_page", "upstream", name, "status", status),
            null,
            windows,
            latencyMs);
      }
      return windows.isEmpty()
          ? row(model, ProbeStatus.NO_QUOTA_HEADERS, null, noHeaders(name), windows, latencyMs)
          : row(model, ProbeStatus.OK, null, null, windows, latencyMs);
    }
    JsonObject root = LenientJson.object(answer.body());
    // recognised on the whole message; only a cleaned, shortened copy is shown
    String message = LenientJson.errorMessage(root);
    ProbeStatus failure = failure(status, root, message);
    String upstream = UpstreamText.clean(message, key);
    return row(
        model, failure, explain(failure, name, status, said(upstream)), null, windows, latencyMs);
  }

  /** What the row of a call that worked but reported no windows says. */
  static Text noHeaders(String name) {
    return Text.of("headers.no_headers", "upstream", name);
  }

  private static ProbeStatus failure(
      int status, @Nullable JsonObject root, @Nullable String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    boolean noCredit =
        NO_CREDIT.contains(errorField(root, "code"))
            || NO_CREDIT.contains(errorField(root, "type"))
            || text.contains("credit balance is too low");
    if (status == 402 || (noCredit && (status == 400 || status == 403 || status == 429))) {
      return ProbeStatus.INSUFFICIENT_BALANCE;
    }
    return switch (status) {
      case 401, 403 -> ProbeStatus.INVALID_KEY;
      case 429 -> ProbeStatus.LIMIT_REACHED;
      // a 404 without such a sign is more likely a wrong base URL than a missing model
      case 400, 404 ->
          NO_MODEL.contains(errorField(root, "code"))
                  || NO_MODEL.contains(errorField(root, "type"))
                  || mentionsMissingModel(text)
              ? ProbeStatus.MODEL_UNAVAILABLE
              : ProbeStatus.UPSTREAM_ERROR;
      default -> ProbeStatus.UPSTREAM_ERROR;
    };
  }

  private static boolean mentionsMissingModel(String text) {
    return text.contains("model")
        && (text.contains("does not exist")
            || text.contains("not found")
            || text.contains("decommissioned")
            || text.contains("not supported"));
  }

  /**
   * A string field of the error: {@code {"error":{"code"}}} (OpenAI, Groq, Anthropic) or a
   * top-level {@code {"code"}}; empty when there is none.
   */
  private static String errorField(@Nullable JsonObject root, String field) {
    JsonObject error = LenientJson.objectField(root, "error");
    String value = LenientJson.text(error, field);
    if (value == null && root != null) {
      JsonElement top = root.get(field);
      value = top != null && top.isJsonPrimitive() ? top.getAsString() : null;
    }
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }

  /** The refusal, ended by what the provider said ({@code said}). */
  private static Text explain(ProbeStatus failure, String name, int status, Text said) {
    return switch (failure) {
      case INVALID_KEY ->
          Text.of("net.rejected_key", "upstream", name, "status", status, "said", said);
      case INSUFFICIENT_BALANCE -> Text.of("headers.used_up", "status", status, "said", said);
      case LIMIT_REACHED -> Text.of("headers.limit_reached", "status", status, "said", said);
      case MODEL_UNAVAILABLE ->
          Text.of("headers.model_unavailable", "upstream", name, "status", status, "said", said);
      default -> Text.of("headers.answered", "upstream", name, "status", status, "said", said);
    };
  }

  /**
   * The end of a refusal: {@code ": <words>"} with the provider's own words, or {@code "."} without
   * any (a slot value: each language ends a sentence its own way).
   */
  private static Text said(@Nullable String words) {
    return words == null
        ? Text.of("net.said_nothing")
        : Text.of("net.said", "words", Text.upstream(words));
  }

  private static boolean isWebPage(UpstreamResponse answer) {
    String header = answer.header("Content-Type");
    String type = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
    return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
  }

  private static ModelQuota row(
      String model,
      ProbeStatus status,
      @Nullable Text error,
      @Nullable Text note,
      List<RateWindow> windows,
      long latencyMs) {
    return new ModelQuota(model, RateLimits.UNKNOWN, status, error, note, latencyMs, windows);
  }
}
