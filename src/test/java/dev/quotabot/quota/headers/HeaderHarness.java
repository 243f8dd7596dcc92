package dev.quotabot.quota.headers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.Provider;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.net.UpstreamClients;
import dev.quotabot.quota.net.UpstreamHttp;
import dev.quotabot.support.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP the header providers get in production (the trusted client with {@link
 * HeaderProbe#MAX_ERROR_BODY_BYTES}), a fixed clock, and the upstream answers their tests share:
 * header sets are fixture files of {@code name: value} lines ({@code #} starts a comment that names
 * the source).
 */
final class HeaderHarness implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-24T01:30:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** What a streamed chat answer starts with; the probe never reads it. */
  static final String STREAM = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";

  private final UpstreamClient client = new UpstreamClient();
  private final UpstreamHttp http = client.clients().trusted(HeaderProbe.MAX_ERROR_BODY_BYTES);

  UpstreamHttp http() {
    return http;
  }

  UpstreamClients clients() {
    return client.clients();
  }

  /** Probes one model; the future must complete normally. */
  static ModelQuota probe(Provider provider, String key, String model) {
    try {
      return provider.probe(request(key, model), model).get(10, TimeUnit.SECONDS);
    } catch (Exception failed) {
      throw new AssertionError("the probe completed exceptionally or not at all", failed);
    }
  }

  static ProviderResult account(Provider provider, String key) {
    try {
      return provider.readAccount(request(key, "any")).get(10, TimeUnit.SECONDS);
    } catch (Exception failed) {
      throw new AssertionError("the account read completed exceptionally or not at all", failed);
    }
  }

  private static ProviderRequest request(String key, String model) {
    return new ProviderRequest(ApiKey.of(key), List.of(model), null, null, TIMEOUT);
  }

  /** A streamed 2xx answer with the fixture's headers. */
  static ResponseDefinitionBuilder streamed(String headersFixture) {
    return withHeaders(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/event-stream")
            .withBody(STREAM),
        headersFixture);
  }

  /** The body fixture's answer with the header fixture's headers added. */
  static ResponseDefinitionBuilder withHeaders(
      ResponseDefinitionBuilder answer, String headersFixture) {
    return Fixtures.withHeaders(answer, headersFixture);
  }

  @Override
  public void close() {
    client.close();
  }
}
