package dev.quotabot.quota.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.quotabot.quota.relay.RelayHarness.STATUS;
import static dev.quotabot.quota.relay.RelayHarness.TOKEN_USAGE;
import static dev.quotabot.quota.relay.RelayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.quotabot.quota.Account;
import dev.quotabot.quota.Site;
import dev.quotabot.support.LoopbackWireMock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which software a relay runs, told from its {@code /api/status} fields, never from the name its
 * operator gave it. Each status fixture holds the field list of that project's {@code
 * controller/misc.go} GetStatus:
 *
 * <ul>
 *   <li>{@code status-newapi-v0.9.json}: QuantumNous/new-api controller/misc.go (commit 002f912);
 *   <li>{@code status-anyrouter.json}: an AnyRouter site, which runs new-api (all-api-hub
 *       src/services/accountSiteDefinitions/definitions.ts puts AnyRouter in its new-api family);
 *       new-api's fields, the operator's name;
 *   <li>{@code status-oneapi-v0.6.json}: songquanpeng/one-api controller/misc.go (commit 8df4a26);
 *   <li>{@code status-onehub.json}: MartialBE/one-hub controller/misc.go (commit 387f8bf);
 *   <li>{@code status-donehub.json}: deanxv/done-hub controller/misc.go (commit 42841b3);
 *   <li>{@code status-veloera.json}: Veloera/Veloera controller/misc.go (commit 8117f30);
 *   <li>{@code status-named-like-new-api.json}: an older status with none of those fields, whose
 *       operator named it "New API".
 * </ul>
 */
final class RelaySiteTest {
  @RegisterExtension static final WireMockExtension upstream = LoopbackWireMock.extension();

  @AutoClose private final RelayHarness harness = new RelayHarness();

  private Site siteOf(String statusFixture) {
    RelayHarness.healthyNewApi(upstream, statusFixture);
    Account account = harness.check(upstream.baseUrl()).account();
    return account.site();
  }

  @ParameterizedTest(name = "{0} runs {1}")
  @CsvSource({
    "status-newapi-v0.9.json, new-api, v0.9.0-alpha.8, One API, new-api v0.9.0-alpha.8",
    "status-anyrouter.json, new-api, v0.8.5, AnyRouter, new-api v0.8.5",
    "status-oneapi-v0.6.json, one-api, v0.6.10, New API, one-api v0.6.10",
    "status-onehub.json, one-hub, v1.0.0, My Hub, one-hub v1.0.0",
    "status-donehub.json, done-hub, v1.3.0, Done Hub, done-hub v1.3.0",
    "status-veloera.json, Veloera, v0.4.1, Veloera, Veloera v0.4.1",
  })
  void tellsTheSoftwareFromTheFieldsItsStatusCarries(
      String fixture, String software, String version, String name, String flavour) {
    // GIVEN a relay whose status holds that software's fields (and an operator's name that may
    // say something else: a new-api site named "One API", a one-api site named "New API")
    // WHEN a key is checked
    Site site = siteOf(fixture);

    // THEN the software and version come from the fields, the name is the operator's
    assertEquals(new Site(software, version, name), site);
    assertEquals(flavour, site.flavour());
  }

  @Test
  void namesNoSoftwareWhenTheStatusCarriesNoFieldOfOne() {
    // GIVEN an old status with only the fields every relay shares, named "New API" by its operator
    // WHEN
    Site site = siteOf("status-named-like-new-api.json");

    // THEN the name and version are shown, the software is not guessed from the name
    assertEquals(new Site(null, "v0.6.6", "New API"), site);
    assertNull(site.flavour());
  }

  @Test
  void knowsNoSiteWhenTheStatusCannotBeRead() {
    // GIVEN a relay whose status answers an error page
    upstream.stubFor(get(urlPathEqualTo(STATUS)).willReturn(json(502, "status-502.html")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-limited.json")));

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN nothing is said of the site
    assertNull(account.site());
  }

  @Test
  void cleansAndCutsWhatTheStatusSays() {
    // GIVEN a status whose name carries the key and a control character, and an endless version
    String longVersion = "v" + "9".repeat(80);
    upstream.stubFor(
        get(urlPathEqualTo(STATUS))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"success\":true,\"data\":{\"quota_per_unit\":500000,"
                        + "\"quota_display_type\":\"USD\",\"version\":\""
                        + longVersion
                        + "\",\"system_name\":\"Shop \\u0007"
                        + RelayHarness.KEY
                        + "\"}}")));
    upstream.stubFor(
        get(urlPathEqualTo(TOKEN_USAGE)).willReturn(json(200, "usage-token-limited.json")));

    // WHEN
    Site site = harness.check(upstream.baseUrl()).account().site();

    // THEN the key is gone from the name, the version is cut
    assertEquals("new-api", site.software());
    assertEquals(false, site.name().contains(RelayHarness.KEY), site.name());
    assertEquals(true, site.version().length() <= 41, site.version());
  }

  @Test
  void saysWhatAHubsBillingFiguresMean() {
    // GIVEN one-hub, read through the billing endpoints (it has no /api/usage/token/)
    RelayHarness.oneApiBilling(
        upstream, "status-onehub.json", "billing-subscription.json", "billing-usage.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN the note says an unlimited token's billing is the account's wallet there
    assertEquals("one-hub", account.site().software());
    assertEquals(true, account.note().contains("On one-hub"), account.note());
  }

  @Test
  void addsNoHubRemarkElsewhere() {
    // GIVEN one-api, read through the same billing endpoints
    RelayHarness.oneApiBilling(
        upstream, "status-oneapi-v0.6.json", "billing-subscription.json", "billing-usage.json");

    // WHEN
    Account account = harness.check(upstream.baseUrl()).account();

    // THEN
    assertEquals(false, account.note().contains("On one-"), account.note());
  }
}
