package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.KEY;
import static dev.quotabot.quota.relay.RelayHarness.MODELS;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static dev.quotabot.quota.relay.RelayHarness.limitedToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.ProviderResult;
import dev.quotabot.quota.RateLimits;
import dev.quotabot.support.LoopbackWireMock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The models the key may use, from {@code GET /v1/models}: one row per id with none asked, one row
 * per asked model otherwise; no quota numbers; a list that could not be read says why.
 */
final class RelayModelsTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

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
      assertEquals(RelayModels.NOTE.english(), row.note());
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
  void aBrokenListWithNoModelAskedGivesNoRowsAndSaysWhyInTheNote() {
    // GIVEN /v1/models fails
    RelayHarness.healthyNewApiButModels(upstream, json(500, "404-not-found.json"));

    // WHEN no model is asked
    ProviderResult result = harness.check(upstream.baseUrl());

    // THEN no rows, the balance intact, and the account's note says why the list is missing
    assertTrue(result.models().isEmpty());
    assertEquals(ProbeStatus.OK, result.account().status());
    assertEquals(List.of(limitedToken("USD", "15", "20", "5")), result.account().balances());
    assertEquals(
        "The relay's model list could not be read: /v1/models answered HTTP 500.",
        result.account().note());
  }

  @Test
  void aListThatIsNoListSaysSo() {
    // GIVEN /v1/models answers 200 with a web page
    RelayHarness.healthyNewApiButModels(
        upstream, aResponse().withStatus(200).withBody("<html>Sign in</html>"));

    // WHEN
    ProviderResult result = harness.check(upstream.baseUrl());

    // THEN
    assertTrue(result.models().isEmpty());
    assertEquals(
        "The relay's model list could not be read: /v1/models answered HTTP 200 without a list of"
            + " models.",
        result.account().note());
  }

  @Test
  void aReadListAddsNothingToTheNote() {
    // GIVEN a healthy relay
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");

    // WHEN
    ProviderResult result = harness.check(upstream.baseUrl());

    // THEN
    assertNull(result.account().note());
  }

  @Test
  void answersOneRowPerAskedModelListedOrNot() {
    // GIVEN a relay listing gpt-4o-mini, deepseek-chat and qwen-max
    RelayHarness.healthyNewApi(upstream, "status-newapi-usd.json");

    // WHEN two models are asked, one in other letter case, one the relay does not list
    List<ModelQuota> rows = check("GPT-4o-mini", "gemini").models();

    // THEN one row per asked model, in the asked order: the listed one OK (its case does not
    // matter), the other unavailable and why
    assertEquals(2, rows.size());
    assertEquals(ProbeStatus.OK, rows.get(0).status());
    assertEquals(RelayModels.NOTE.english(), rows.get(0).note());
    assertEquals("gemini", rows.get(1).model());
    assertEquals(ProbeStatus.MODEL_UNAVAILABLE, rows.get(1).status());
    assertEquals("Not in the relay's list of models this key may use.", rows.get(1).error());
    assertEquals(RateLimits.UNKNOWN, rows.get(1).limits());
  }

  @Test
  void aListThatCouldNotBeReadSaysWhyInTheAskedModelsRowsNotInTheNote() {
    // GIVEN /v1/models fails
    RelayHarness.healthyNewApiButModels(upstream, json(500, "404-not-found.json"));

    // WHEN a model is asked
    ProviderResult result = check("gpt-4o-mini");

    // THEN its row carries the list's failure and why; the balance and its note are intact
    ModelQuota row = result.models().get(0);
    assertEquals("gpt-4o-mini", row.model());
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals(
        "The relay's model list could not be read: /v1/models answered HTTP 500.", row.error());
    assertEquals(List.of(limitedToken("USD", "15", "20", "5")), result.account().balances());
    assertNull(result.account().note());
  }

  @Test
  void aListThatTimedOutGivesTheAskedModelsATimeout() {
    // GIVEN /v1/models outlasts the check
    RelayHarness.healthyNewApiButModels(upstream, json(200, "models.json").withFixedDelay(3_000));

    // WHEN a model is asked with one second
    ProviderResult result =
        harness.check(upstream.baseUrl(), List.of("gpt-4o-mini"), null, Duration.ofSeconds(1));

    // THEN its row is a timeout saying why; the balance is intact
    ModelQuota row = result.models().get(0);
    assertEquals(ProbeStatus.TIMEOUT, row.status());
    assertTrue(
        row.error().startsWith("The relay's model list could not be read: localhost did not"),
        row.error());
    assertEquals(ProbeStatus.OK, result.account().status());
  }

  @Test
  void anEmptyListGivesTheAskedModelsAnUpstreamErrorSayingSo() {
    // GIVEN /v1/models lists nothing
    RelayHarness.healthyNewApiButModels(
        upstream, aResponse().withStatus(200).withBody("{\"object\":\"list\",\"data\":[]}"));

    // WHEN a model is asked
    ModelQuota row = check("gpt-4o-mini").models().get(0);

    // THEN it is not called unavailable: the relay listed nothing at all
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals("The relay did not list the models this key may use.", row.error());
  }

  private ProviderResult check(String... models) {
    return harness.check(upstream.baseUrl(), List.of(models), null, RelayHarness.TIMEOUT);
  }
}
