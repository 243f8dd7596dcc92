package dev.quotabot.quota.headers;

import dev.quotabot.quota.ApiKey;

/** How one API style is called the cheapest way: one output token, streamed where it can be. */
interface CallStyle {
  CheapCall call(ApiKey key, String model);
}
