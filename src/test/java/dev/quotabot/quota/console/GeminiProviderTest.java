package dev.quotabot.quota.console;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.support.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.net.UpstreamHttp;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gemini's key check, {@code GET /v1beta/models?pageSize=1} (models.list,
 * https://ai.google.dev/api/models) with the key in the {@code x-goog-api-key} header. Fixtures:
 * {@code gemini/models.json} is the documented list shape ({@code models[]}, {@code
 * nextPageToken}); {@code 400-api-key-invalid.json} is what Google answers to a wrong key (HTTP 400
 * {@code INVALID_ARGUMENT}, "API key not valid. Please pass a valid API key.", details reason
 * {@code API_KEY_INVALID}, as open-source Gemini clients record it in their tests); {@code
 * 403-permission-denied.json} Google's answer to a call without a usable key; {@code
 * 429-resource-exhausted.json} and {@code 500-internal.json} Google's {@code RESOURCE_EXHAUSTED}
 * and {@code INTERNAL} errors; {@code 400-invalid-argument.json} a 400 that does not concern the
 * key.
 */
final class GeminiProviderTest extends KeyCheckContractTest {
  private static final String KEY = "AIzaSyTESTKEY-1234567890abcdefghijklmn";

  @Override
  Check check() {
    return new Check(
        "/v1beta/models",
        "gemini",
        "gemini/models.json",
        400,
        "gemini/400-api-key-invalid.json",
        "API key not valid",
        "gemini/429-resource-exhausted.json",
        "An internal error has occurred",
        "gemini",
        "Gemini",
        KEY);
  }

  @Override
  String pastedSuffix() {
    return "/v1beta/openai";
  }

  @Override
  Provider provider(UpstreamHttp http, URI baseUrl) {
    return new GeminiProvider(http, baseUrl);
  }

  @Override
  void assertKeySent(LoggedRequest request) {
    // the key goes in Google's header, never as ?key= and never as a Bearer token; one model is
    // enough to know the key works
    assertEquals(KEY, request.getHeader("x-goog-api-key"));
    assertNull(request.getHeader("Authorization"));
    assertEquals("1", request.queryParameter("pageSize").firstValue());
    assertFalse(request.queryParameter("key").isPresent(), request.getUrl());
  }

  @Test
  void declaresGoogleKeysAndItsUsagePage() {
    assertEquals(List.of("AIza"), provider().info().keyPrefixes());
    assertEquals("https://aistudio.google.com/usage", provider().info().consoleUrl());
  }

  @Test
  void aPermissionDeniedAnswerIsInvalidKey() {
    upstream.stubFor(
        get(urlPathEqualTo("/v1beta/models"))
            .willReturn(response(403, "gemini/403-permission-denied.json")));

    Account account = account();

    assertEquals(ProbeStatus.INVALID_KEY, account.status());
    assertTrue(account.error().contains("unregistered callers"), account.error());
  }

  @Test
  void aBadRequestThatIsNotAboutTheKeyIsUpstreamError() {
    // GIVEN a 400 without the API_KEY_INVALID reason
    upstream.stubFor(
        get(urlPathEqualTo("/v1beta/models"))
            .willReturn(response(400, "gemini/400-invalid-argument.json")));

    // WHEN the key is checked
    Account account = account();

    // THEN it is not called an invalid key
    assertEquals(ProbeStatus.UPSTREAM_ERROR, account.status());
    assertTrue(account.error().contains("HTTP 400: Invalid page size."), account.error());
    upstream.verify(getRequestedFor(urlPathEqualTo("/v1beta/models")));
  }
}
