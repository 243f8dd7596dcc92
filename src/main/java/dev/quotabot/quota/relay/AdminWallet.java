package dev.quotabot.quota.relay;

import com.google.gson.JsonObject;
import dev.quotabot.quota.AdminAccess;
import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.net.UpstreamResponse;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The account's wallet, which a plain key cannot read (the seed's "Admin Backend Balance Query"):
 * {@code GET /api/user/self} with the system access token. new-api also wants the user id in {@code
 * New-Api-User}; one-api ignores it. {@code {"success":true,"data":{"quota","used_quota",
 * "request_count","display_name","username"}}}, amounts in raw quota units.
 */
final class AdminWallet {
  static final String PATH = "api/user/self";

  private AdminWallet() {}

  static Map<String, String> headers(AdminAccess admin) {
    return Map.of(
        "Authorization", "Bearer " + admin.accessToken().reveal(), "New-Api-User", admin.userId());
  }

  static Reading read(UpstreamResponse answer, RelayStatus status, ProviderRequest request) {
    JsonObject root = answer.answered() ? RelayJson.parse(answer.body()) : null;
    JsonObject data = RelayJson.data(root);
    BigDecimal quota = RelayJson.decimal(data, "quota");
    if (answer.status() != 200 || quota == null || RelayJson.declaresFailure(root)) {
      return Refusals.of(answer, "/" + PATH, Refusals.Credential.ACCESS_TOKEN, status, request);
    }
    BigDecimal used = RelayJson.decimal(data, "used_quota");
    BigDecimal requests = RelayJson.decimal(data, "request_count");
    return Reading.of(
        new Figures(
            status.quotaUnit(),
            status.fromQuota(quota),
            used == null ? null : status.fromQuota(quota.add(used)),
            status.fromQuota(used),
            false,
            null,
            name(data, request),
            count(requests),
            status.quotaNote()));
  }

  /** A count of calls: a whole number a long holds, else unknown (never a wrapped or cut value). */
  private static @Nullable Long count(@Nullable BigDecimal value) {
    if (value == null || value.signum() < 0) {
      return null;
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException notACount) {
      return null;
    }
  }

  private static @Nullable String name(@Nullable JsonObject user, ProviderRequest request) {
    for (String field : new String[] {"display_name", "username"}) {
      String name = RelayText.name(RelayJson.string(user, field), request);
      if (name != null) {
        return name;
      }
    }
    return null;
  }
}
