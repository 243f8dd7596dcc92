package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProbeStatusTest {

  @Test
  void wireNamesAreExactlyTheDesignVocabulary() {
    // GIVEN the status vocabulary clients rely on (DESIGN.md)
    List<String> design =
        List.of(
            "ok",
            "no_quota_headers",
            "limit_reached",
            "invalid_key",
            "model_unavailable",
            "insufficient_balance",
            "upstream_error",
            "timeout",
            "network_error");

    // WHEN / THEN the enum puts exactly those names on the wire
    assertEquals(design, Arrays.stream(ProbeStatus.values()).map(ProbeStatus::wireName).toList());
  }

  @Test
  void onlyOkAndNoQuotaHeadersCountAsSuccess() {
    // GIVEN every status
    // WHEN / THEN the probe "worked" only for ok and no_quota_headers
    assertEquals(
        List.of(ProbeStatus.OK, ProbeStatus.NO_QUOTA_HEADERS),
        Arrays.stream(ProbeStatus.values()).filter(ProbeStatus::isSuccess).toList());
  }
}
