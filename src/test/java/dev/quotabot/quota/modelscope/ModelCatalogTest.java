package dev.quotabot.quota.modelscope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.quotabot.UpstreamClient;
import dev.quotabot.quota.CatalogSnapshot;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ModelScope's model list ({@code GET /v1/models}) on the production upstream client against a
 * WireMock stand-in, with a hand-driven clock for its time to live.
 */
final class ModelCatalogTest {
  private static final String LIST =
      "{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen3-32B\",\"object\":\"model\"},"
          + "{\"id\":\"ZhipuAI/GLM-4.6\"}]}";
  private static final Duration TTL = Duration.ofMinutes(10);

  private final WireMockServer upstream =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final UpstreamClient client = new UpstreamClient();
  private ModelCatalog catalog;

  @BeforeEach
  void start() {
    upstream.start();
    catalog = catalog(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    upstream.stop();
    client.close();
  }

  @Test
  void readsTheModelIdsFromModelScopesList() throws Exception {
    // GIVEN ModelScope lists two models
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));

    // WHEN / THEN the ids are read in its order
    assertEquals(List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6"), await(catalog.models()));
  }

  @Test
  void servesTheListFromMemoryWithinTheTtlAndAsksAgainAfterIt() throws Exception {
    // GIVEN a list fetched once
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));
    await(catalog.models());

    // WHEN it is looked up again just within the TTL, THEN ModelScope is not asked again
    advance(TTL.minusSeconds(1));
    await(catalog.models());
    upstream.verify(1, getRequestedFor(urlPathEqualTo("/v1/models")));

    // WHEN it is looked up just after the TTL, THEN it is fetched again
    advance(Duration.ofSeconds(2));
    await(catalog.models());
    upstream.verify(2, getRequestedFor(urlPathEqualTo("/v1/models")));
  }

  @Test
  void sharesOneUpstreamCallBetweenManyConcurrentLookups() throws Exception {
    // GIVEN a list that takes 300 ms to come
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST).withFixedDelay(300)));
    List<CompletableFuture<List<String>>> lookups = new ArrayList<>();

    // WHEN 20 lookups come while the first fetch (300 ms) is under way
    for (int i = 0; i < 20; i++) {
      lookups.add(catalog.models());
    }

    // THEN all get the list from one upstream call
    for (CompletableFuture<List<String>> lookup : lookups) {
      assertEquals(2, await(lookup).size());
    }
    upstream.verify(1, getRequestedFor(urlPathEqualTo("/v1/models")));
  }

  @Test
  void servesTheLastListWhenARefreshFailsAndDoesNotAskAgainAtOnce() throws Exception {
    // GIVEN a list fetched once, then ModelScope failing after the TTL
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));
    await(catalog.models());
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(503)));
    advance(TTL.plusSeconds(1));

    // WHEN it is looked up twice
    // THEN the last list is served both times, and the broken upstream was asked once
    assertEquals(2, await(catalog.models()).size());
    assertEquals(2, await(catalog.models()).size());
    upstream.verify(2, getRequestedFor(urlPathEqualTo("/v1/models")));

    // and only after the back-off (at most a minute) is it asked again
    advance(Duration.ofSeconds(61));
    await(catalog.models());
    upstream.verify(3, getRequestedFor(urlPathEqualTo("/v1/models")));
  }

  @Test
  void yieldsAnEmptyListWhenNothingWasEverFetched() throws Exception {
    // GIVEN ModelScope answers a web page instead of the list
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));

    // WHEN / THEN the list is empty, and nothing is known
    assertEquals(List.of(), await(catalog.models()));
    assertEquals(CatalogSnapshot.UNAVAILABLE, catalog.current());
  }

  @Test
  void givesUpOnAnUpstreamThatDoesNotAnswerInTime() throws Exception {
    // GIVEN a list that takes 3 s (timing is the behaviour under test)
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST).withFixedDelay(3_000)));
    ModelCatalog impatient = catalog(Duration.ofMillis(200));

    // WHEN the list is looked up with a 200 ms fetch timeout
    long started = System.nanoTime();
    List<String> ids = await(impatient.models());

    // THEN it is empty, well before the upstream would have answered
    assertEquals(List.of(), ids);
    assertFalse(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) > 0);
  }

  @Test
  void refusesABodyLargerThanItReads() throws Exception {
    // GIVEN a list of over 1 MB
    String huge =
        "{\"data\":[{\"id\":\"a/b\",\"pad\":\"" + "x".repeat(ModelCatalog.MAX_BODY_BYTES) + "\"}]}";
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(huge)));

    // WHEN / THEN it is not half-read: nothing is known
    assertEquals(List.of(), await(catalog.models()));
  }

  @Test
  void keepsOnlyIdsAQueryWouldAccept() {
    // GIVEN entries with spaces around, empty, not text, missing, not objects, two ids in one,
    // repeated, too long
    String body =
        "{\"data\":[{\"id\":\" Qwen/Qwen3-32B \"},{\"id\":\"\"},{\"id\":42},{\"name\":\"x\"},"
            + "\"text\",{\"id\":\"has space\"},{\"id\":\"a,b\"},{\"id\":\"Qwen/Qwen3-32B\"},"
            + "{\"id\":\""
            + "y".repeat(201)
            + "\"},{\"id\":\"ZhipuAI/GLM-4.6\"}]}";

    // WHEN / THEN only the usable ids remain, trimmed, once, in order
    assertEquals(List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6"), ModelCatalog.parse(body.getBytes()));
  }

  @Test
  void dropsIdsAQuerySplitsOrRefuses() {
    // GIVEN ids holding Unicode spaces, a zero-width space, a formatting character, or shaped like
    // a key
    String body =
        "{\"data\":[{\"id\":\"a\u3000b\"},{\"id\":\"a\u00A0b\"},{\"id\":\"a\u200Bb\"},"
            + "{\"id\":\"Qwen/\u202EQwen\"},{\"id\":\"sk-abcdefghij0123456789xyz\"},"
            + "{\"id\":\"Qwen/Qwen3-32B\"}]}";

    // WHEN the list is read
    // THEN only the id a query takes as it is remains
    assertEquals(List.of("Qwen/Qwen3-32B"), ModelCatalog.parse(body.getBytes(UTF_8)));
  }

  @Test
  void snapshotIsUnavailableUntilAListWasEverLoaded() throws Exception {
    // GIVEN an upstream that fails
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(500)));

    // WHEN a snapshot is asked for
    CatalogSnapshot snapshot = catalog.snapshot().get(10, TimeUnit.SECONDS);

    // THEN it says nothing is known
    assertFalse(snapshot.loaded());
    assertEquals(List.of(), snapshot.ids());
    assertNull(snapshot.fetchedAt());
  }

  @Test
  void snapshotIsFreshAfterALoadStaleAfterAFailedRefreshAndFreshAgainAfterARecovery()
      throws Exception {
    // GIVEN a list loaded once
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));
    CatalogSnapshot fresh = catalog.snapshot().get(10, TimeUnit.SECONDS);
    assertTrue(fresh.loaded());
    assertFalse(fresh.stale());
    assertEquals(List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6"), fresh.ids());
    assertNotNull(fresh.fetchedAt());

    // WHEN the refresh after the TTL fails
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(502)));
    advance(TTL.plusSeconds(1));
    CatalogSnapshot stale = catalog.snapshot().get(10, TimeUnit.SECONDS);

    // THEN the old list is served, marked stale, with its original fetch time
    assertTrue(stale.loaded());
    assertTrue(stale.stale());
    assertEquals(fresh.ids(), stale.ids());
    assertEquals(fresh.fetchedAt(), stale.fetchedAt());

    // WHEN the upstream recovers and the back-off has passed
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .willReturn(okJson("{\"data\":[{\"id\":\"Qwen/Qwen3-32B\"}]}")));
    advance(Duration.ofSeconds(61));
    CatalogSnapshot recovered = catalog.snapshot().get(10, TimeUnit.SECONDS);

    // THEN the new list is served and is fresh again
    assertFalse(recovered.stale());
    assertEquals(List.of("Qwen/Qwen3-32B"), recovered.ids());
  }

  @Test
  void lowerCasesTheListOncePerFetchNotOncePerLookup() throws Exception {
    // GIVEN a list loaded once
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));
    CatalogSnapshot first = catalog.snapshot().get(10, TimeUnit.SECONDS);

    // WHEN it is looked up again within the TTL, and after a failed refresh
    CatalogSnapshot again = catalog.snapshot().get(10, TimeUnit.SECONDS);
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(502)));
    advance(TTL.plusSeconds(1));
    CatalogSnapshot stale = catalog.snapshot().get(10, TimeUnit.SECONDS);

    // THEN the lower-cased ids are those computed at the fetch
    assertEquals(Set.of("qwen/qwen3-32b", "zhipuai/glm-4.6"), first.lowerCaseIds());
    assertSame(first.lowerCaseIds(), again.lowerCaseIds());
    assertTrue(stale.stale());
    assertSame(first.lowerCaseIds(), stale.lowerCaseIds());
  }

  private ModelCatalog catalog(Duration fetchTimeout) {
    return new ModelCatalog(
        client.clients().trusted(ModelCatalog.MAX_BODY_BYTES),
        URI.create("http://127.0.0.1:" + upstream.port() + "/v1"),
        TTL,
        nanos::get,
        fetchTimeout);
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  private static List<String> await(CompletableFuture<List<String>> lookup) throws Exception {
    return lookup.get(10, TimeUnit.SECONDS);
  }
}
