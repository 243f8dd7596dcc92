package dev.quotabot.quota.modelscope;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** ModelScope's daily quota resets at 00:00 in Asia/Shanghai (UTC+8, no daylight saving). */
final class DailyReset {
  static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

  private DailyReset() {}

  /** The next reset strictly after {@code now}, with the +08:00 offset. */
  static OffsetDateTime after(Instant now) {
    return now.atOffset(ZONE).toLocalDate().plusDays(1).atStartOfDay().atOffset(ZONE);
  }
}
