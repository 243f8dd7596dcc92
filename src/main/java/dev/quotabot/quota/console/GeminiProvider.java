package dev.quotabot.quota.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.LenientJson;
import dev.quotabot.quota.Urls;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Google's Gemini API: no key can read a balance (billing is Google Cloud Billing; usage and spend
 * are on AI Studio's usage page, https://ai.google.dev/gemini-api/docs/billing). The key is checked
 * with {@code GET {base}/v1beta/models?pageSize=1} (models.list, https://ai.google.dev/api/models),
 * the key in the {@code x-goog-api-key} header (never {@code ?key=}: a key never goes into a URL).
 *
 * <p>Gemini refuses a wrong or expired key with HTTP 400 {@code INVALID_ARGUMENT} whose details
 * hold {@code "reason":"API_KEY_INVALID"} ("API key not valid. Please pass a valid API key.", as
 * open-source Gemini clients record Google's answer in their tests): that is {@code invalid_key},
 * like 401 and 403; any other 400 is not about the key. Gemini sends no rate-limit headers
 * (notes/relays.md §3), so there is nothing to probe.
 */
public final class GeminiProvider extends KeyCheckProvider {
  static final String ID = "gemini";
  static final String NAME = "Gemini";

  /** Where AI Studio shows the API's usage and billing ("Dashboard > Usage"). */
  static final String CONSOLE = "https://aistudio.google.com/usage";

  /**
   * Google API keys start {@code AIza}: gitleaks' {@code gcp-api-key} rule ({@code
   * cmd/generate/config/rules/gcp.go}: {@code AIza[\w-]{35}}).
   */
  static final String KEY_PREFIX = "AIza";

  private static final String INVALID_REASON = "API_KEY_INVALID";

  /**
   * @param http trusted, reading at most {@link #MAX_BODY_BYTES}
   * @param baseUrl e.g. {@code https://generativelanguage.googleapis.com} (a trailing {@code
   *     /v1beta/openai} or {@code /v1beta} is dropped)
   */
  public GeminiProvider(UpstreamHttp http, URI baseUrl) {
    super(
        ID,
        NAME,
        "AIza…",
        List.of(KEY_PREFIX),
        CONSOLE,
        http,
        Urls.under(baseUrl, "v1beta/models?pageSize=1", "/v1beta/openai", "/v1beta"));
  }

  @Override
  Map<String, String> credentials(ApiKey key) {
    return Map.of("x-goog-api-key", key.reveal());
  }

  @Override
  boolean refusesKey(int status, @Nullable JsonObject root) {
    return super.refusesKey(status, root) || (status == 400 && saysInvalidKey(root));
  }

  private static boolean saysInvalidKey(@Nullable JsonObject root) {
    JsonObject error = LenientJson.objectField(root, "error");
    JsonElement details = error == null ? null : error.get("details");
    if (details == null || !details.isJsonArray()) {
      return false;
    }
    for (JsonElement detail : details.getAsJsonArray()) {
      if (detail.isJsonObject()
          && INVALID_REASON.equals(LenientJson.text(detail.getAsJsonObject(), "reason"))) {
        return true;
      }
    }
    return false;
  }
}
