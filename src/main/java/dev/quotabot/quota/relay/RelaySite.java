package dev.quotabot.quota.relay;

import com.google.gson.JsonObject;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.Site;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.UpstreamText;
import dev.quotabot.quota.net.UpstreamResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells which relay software a site runs from the fields its public {@code GET /api/status}
 * carries, each project's {@code controller/misc.go} GetStatus being the source: a fork adds fields
 * the others lack. {@code system_name} is the operator's name for the site: it is shown, never used
 * to tell the software (every one of these programs lets the operator set it to anything). A status
 * with none of the fields below names no software: nothing is guessed.
 *
 * <p>sub2api serves no {@code /api/status} at all; it is told by its own {@code /v1/usage} (see
 * {@link Sub2ApiUsage}). AnyRouter sites run new-api (all-api-hub lists them in its new-api family)
 * and are told as new-api; VoAPI publishes no source, so no field of its own can be cited.
 */
final class RelaySite {
  static final String NEW_API = "new-api";
  static final String ONE_API = "one-api";
  static final String ONE_HUB = "one-hub";
  static final String DONE_HUB = "done-hub";
  static final String VELOERA = "Veloera";
  static final String SUB2API = "sub2api";
  private static final int VERSION_MAX = 40;

  /**
   * Fields only done-hub sends (deanxv/done-hub controller/misc.go GetStatus), checked before
   * one-hub's, which done-hub, its fork, also sends.
   */
  private static final List<String> DONE_HUB_FIELDS =
      List.of("GeminiAPIEnabled", "ClaudeAPIEnabled", "max_log_query_days", "linuxDo_oauth");

  /** Fields of one-hub (MartialBE/one-hub controller/misc.go GetStatus) no other relay sends. */
  private static final List<String> ONE_HUB_FIELDS =
      List.of("PaymentUSDRate", "UptimeEnabled", "lark_login", "RechargeDiscount");

  /**
   * Veloera's check-in flag (Veloera/Veloera controller/misc.go GetStatus); new-api spells its own
   * {@code checkin_enabled}.
   */
  private static final List<String> VELOERA_FIELDS = List.of("check_in_enabled");

  /**
   * Fields of new-api (QuantumNous/new-api controller/misc.go GetStatus) that one-api and the hubs
   * lack; Veloera, a new-api fork, sends some of them too and is told first.
   */
  private static final List<String> NEW_API_FIELDS =
      List.of(
          "quota_display_type",
          "checkin_enabled",
          "HeaderNavModules",
          "self_use_mode_enabled",
          "demo_site_enabled",
          "default_use_auto_group");

  /**
   * one-api's OIDC and Lark fields (songquanpeng/one-api controller/misc.go GetStatus): new-api
   * names its OIDC flag {@code oidc_enabled} and has no Lark login; the hubs, which also send
   * {@code lark_client_id}, are told first.
   */
  private static final List<String> ONE_API_FIELDS =
      List.of("oidc_well_known", "oidc_token_endpoint", "oidc_userinfo_endpoint", "lark_client_id");

  private RelaySite() {}

  /** The site as its status tells it; null when the status was not a relay's status answer. */
  static @Nullable Site fromStatus(UpstreamResponse answer, ProviderRequest request) {
    if (!answer.answered() || answer.status() != 200) {
      return null;
    }
    JsonObject data = RelayJson.data(RelayJson.parse(answer.body()));
    if (data == null) {
      return null;
    }
    String version =
        UpstreamText.cut(RelayText.clean(RelayJson.string(data, "version"), request), VERSION_MAX);
    String name = RelayText.name(RelayJson.string(data, "system_name"), request);
    Site site =
        new Site(
            software(data),
            version == null || version.isBlank() ? null : version.strip(),
            name == null || name.isBlank() ? null : name.strip());
    return site.software() == null && site.version() == null && site.name() == null ? null : site;
  }

  /**
   * What the billing endpoints mean on this software, when it differs from new-api: one-hub and
   * done-hub answer an unlimited token's billing with the account's wallet (MartialBE/one-hub and
   * deanxv/done-hub controller/billing.go GetSubscription, GetUsage); null otherwise.
   */
  static @Nullable Text billingRemark(@Nullable Site site) {
    String software = site == null ? null : site.software();
    return ONE_HUB.equals(software) || DONE_HUB.equals(software)
        ? Text.of("relay.billing_is_wallet", "software", software)
        : null;
  }

  private static @Nullable String software(JsonObject data) {
    if (any(data, DONE_HUB_FIELDS)) {
      return DONE_HUB;
    }
    if (any(data, ONE_HUB_FIELDS)) {
      return ONE_HUB;
    }
    if (any(data, VELOERA_FIELDS)) {
      return VELOERA;
    }
    if (any(data, NEW_API_FIELDS)) {
      return NEW_API;
    }
    if (any(data, ONE_API_FIELDS)) {
      return ONE_API;
    }
    return null;
  }

  private static boolean any(JsonObject data, List<String> fields) {
    return fields.stream().anyMatch(data::has);
  }
}
