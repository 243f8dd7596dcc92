package dev.quotabot.quota.relay;

import dev.quotabot.quota.ProviderRequest;
import dev.quotabot.quota.UpstreamText;
import org.jspecify.annotations.Nullable;

/** Upstream text made safe to show: the key and the admin access token are removed. */
final class RelayText {
  private RelayText() {}

  static @Nullable String clean(@Nullable String text, ProviderRequest request) {
    if (text == null) {
      return null;
    }
    String withoutToken =
        request.admin() == null ? text : request.admin().accessToken().redactFrom(text);
    return UpstreamText.clean(withoutToken, request.key());
  }

  /** A token's or user's name: cleaned and cut to 100 characters and "…"; null when empty. */
  static @Nullable String name(@Nullable String text, ProviderRequest request) {
    String name = clean(text, request);
    return name == null || name.length() <= UpstreamText.MAX_NAME_LENGTH
        ? name
        : UpstreamText.cut(name, UpstreamText.MAX_NAME_LENGTH) + "…";
  }
}
