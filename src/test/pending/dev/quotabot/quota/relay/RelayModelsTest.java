package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.MODELS;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.RateLimits;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The models the key may use, from {@code GET /v1/models}: one row per id, no quota numbers. */
final class RelayModelsTest {
  @RegisterExtension static final WireMockExtension upstream = RelayHarness.wireMock();

  private final RelayHarness harness = new RelayHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void listsEachModelOnceWithUnknownLimits() {
    // GIVEN a model list with a duplicate
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");

    // WHEN
    ProviderResult result = harness.check(upstream.baseUrl());

    // THEN one OK row per id, in the relay's order, asked with the key
    upstream.verify(
        getRequestedFor(urlPathEqualTo(MODELS))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
    assertEquals(
        List.of("gpt-4o-mini", "deepseek-chat", "qwen-max"),
        result.models().stream().map(ModelQuota::model).toList());
    for (ModelQuota row : result.models()) {
      assertEquals(ProbeStatus.OK, row.status());
      assertEquals(RateLimits.UNKNOWN, row.limits());
      assertNull(row.error());
      assertEquals(RelayModels.NOTE, row.note());
      assertTrue(row.latencyMs() >= 0);
    }
  }

  @Test
  void capsTheListAt500() {
    // GIVEN a relay listing 600 models
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    String data =
        IntStream.range(0, 600)
            .mapToObj(i -> "{\"id\":\"model-" + i + "\",\"object\":\"model\"}")
            .collect(Collectors.joining(","));
    upstream.stubFor(
        get(urlPathEqualTo(MODELS))
            .willReturn(aResponse().withStatus(200).withBody("{\"data\":[" + data + "]}")));

    // WHEN
    List<ModelQuota> rows = harness.check(upstream.baseUrl()).models();

    // THEN the first 500
    assertEquals(500, rows.size());
    assertEquals("model-499", rows.get(499).model());
  }

  @Test
  void brokenModelListGivesNoRowsButKeepsTheBalance() {
    // GIVEN /v1/models fails
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(get(urlPathEqualTo(MODELS)).willReturn(json(500, "404-not-found.json")));

    // WHEN
    ProviderResult result = harness.check(upstream.baseUrl());

    // THEN no rows, the balance intact, and why the list is missing
    assertTrue(result.models().isEmpty());
    assertEquals(ProbeStatus.OK, result.account().status());
    assertEquals(ProbeStatus.UPSTREAM_ERROR, result.listFailure());
    assertEquals("/v1/models answered HTTP 500.", result.listProblem());
  }

  @Test
  void aListThatIsNoListSaysSo() {
    // GIVEN /v1/models answers 200 with a web page
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");
    upstream.stubFor(
        get(urlPathEqualTo(MODELS))
            .willReturn(aResponse().withStatus(200).withBody("<html>Sign in</html>")));

    // WHEN
    ProviderResult result = harness.check(upstream.baseUrl());

    // THEN
    assertTrue(result.models().isEmpty());
    assertEquals(ProbeStatus.UPSTREAM_ERROR, result.listFailure());
    assertEquals("/v1/models answered HTTP 200 without a list of models.", result.listProblem());
  }

  @Test
  void aReadListHasNoProblem() {
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");

    ProviderResult result = harness.check(upstream.baseUrl());

    assertNull(result.listFailure());
    assertNull(result.listProblem());
  }
}
