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
import dev.quotabot.quota.CatalogSnapshot;
import dev.quotabot.quota.TimeoutScheduler;
import java.net.URI;
import java.net.http.HttpClient;
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

final class ModelCatalogTest {
  private static final String LIST =
      "{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen3-32B\",\"object\":\"model\"},"
          + "{\"id\":\"ZhipuAI/GLM-4.6\"}]}";
  private static final Duration TTL = Duration.ofMinutes(10);

  private final WireMockServer upstream =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final TimeoutScheduler timeouts = new TimeoutScheduler();
  private ModelCatalog catalog;

  @BeforeEach
  void start() {
    upstream.start();
    catalog = catalog(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    upstream.stop();
    timeouts.close();
  }

  @Test
  void readsTheModelIdsFromModelScopesList() throws Exception {
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));

    assertEquals(List.of("Qwen/Qwen3-32B", "ZhipuAI/GLM-4.6"), await(catalog.models()));
  }

  @Test
  void servesTheListFromMemoryWithinTheTtlAndAsksAgainAfterIt() throws Exception {
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));
    await(catalog.models());
    advance(TTL.minusSeconds(1));
    await(catalog.models());
    upstream.verify(1, getRequestedFor(urlPathEqualTo("/v1/models")));

    advance(Duration.ofSeconds(2));
    await(catalog.models());

    upstream.verify(2, getRequestedFor(urlPathEqualTo("/v1/models")));
  }

  @Test
  void sharesOneUpstreamCallBetweenManyConcurrentLookups() throws Exception {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST).withFixedDelay(300)));
    List<CompletableFuture<List<String>>> lookups = new ArrayList<>();

    for (int i = 0; i < 20; i++) {
      lookups.add(catalog.models());
    }

    for (CompletableFuture<List<String>> lookup : lookups) {
      assertEquals(2, await(lookup).size());
    }
    upstream.verify(1, getRequestedFor(urlPathEqualTo("/v1/models")));
  }

  @Test
  void servesTheLastListWhenARefreshFailsAndDoesNotAskAgainAtOnce() throws Exception {
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST)));
    await(catalog.models());
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(aResponse().withStatus(503)));
    advance(TTL.plusSeconds(1));

    assertEquals(2, await(catalog.models()).size());
    assertEquals(2, await(catalog.models()).size());

    upstream.verify(2, getRequestedFor(urlPathEqualTo("/v1/models")));
    advance(Duration.ofSeconds(61));
    await(catalog.models());
    upstream.verify(3, getRequestedFor(urlPathEqualTo("/v1/models")));
  }

  @Test
  void yieldsAnEmptyListWhenNothingWasEverFetched() throws Exception {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));

    assertEquals(List.of(), await(catalog.models()));
    assertEquals(List.of(), catalog.lastKnown());
  }

  @Test
  void givesUpOnAnUpstreamThatDoesNotAnswerInTime() throws Exception {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/models")).willReturn(okJson(LIST).withFixedDelay(3_000)));
    ModelCatalog impatient = catalog(Duration.ofMillis(200));

    long started = System.nanoTime();
    List<String> ids = await(impatient.models());

    assertEquals(List.of(), ids);
    assertFalse(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) > 0);
  }

  @Test
  void refusesABodyLargerThanItReads() throws Exception {
    String huge =
        "{\"data\":[{\"id\":\"a/b\",\"pad\":\"" + "x".repeat(ModelCatalog.MAX_BODY_BYTES) + "\"}]}";
    upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(huge)));

    assertEquals(List.of(), await(catalog.models()));
  }

  @Test
  void keepsOnlyIdsAQueryWouldAccept() {
    String body =
        "{\"data\":[{\"id\":\" Qwen/Qwen3-32B \"},{\"id\":\"\"},{\"id\":42},{\"name\":\"x\"},"
            + "\"text\",{\"id\":\"has space\"},{\"id\":\"a,b\"},{\"id\":\"Qwen/Qwen3-32B\"},"
            + "{\"id\":\""
            + "y".repeat(201)
            + "\"},{\"id\":\"ZhipuAI/GLM-4.6\"}]}";

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
        HttpClient.newHttpClient(),
        URI.create("http://127.0.0.1:" + upstream.port() + "/v1"),
        TTL,
        timeouts,
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
