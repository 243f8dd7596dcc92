package dev.quotabot.quota;

import java.util.Locale;

/** What happened when one model was probed: the machine-readable {@code status} of a row. */
public enum ProbeStatus {
  /** The call worked and every quota number was reported. */
  OK(true),
  /** The call worked but the upstream did not report (all) quota numbers: they are unknown. */
  NO_QUOTA_HEADERS(true),
  LIMIT_REACHED(false),
  INVALID_KEY(false),
  MODEL_UNAVAILABLE(false),
  INSUFFICIENT_BALANCE(false),
  UPSTREAM_ERROR(false),
  TIMEOUT(false),
  NETWORK_ERROR(false);

  private final boolean success;

  ProbeStatus(boolean success) {
    this.success = success;
  }

  /** True when the probe itself worked, whatever the numbers say. */
  public boolean isSuccess() {
    return success;
  }

  /** The name on the wire: {@code no_quota_headers}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
