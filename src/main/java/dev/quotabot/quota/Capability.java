package dev.quotabot.quota;

import java.util.Locale;

/**
 * What a provider can do. The doors decide what to ask for and what to show from these (and from
 * the report), never from a provider's id.
 */
public enum Capability {
  /** It reads the account's (or key's) balances; free. */
  BALANCES,
  /** Each model asked is probed with one tiny real call, which may cost the user a call. */
  PROBES_MODELS,
  /** It has a list of the models it offers: suggestions, and unknown ids are not probed. */
  MODEL_CATALOG,
  /** It lists the models the key may use; models asked are looked for in that list. */
  LISTS_KEY_MODELS,
  /** Its per-model quota resets daily; the report then says when ({@code resets_at}). */
  DAILY_RESET,
  /** Anyone can host one (a relay): a query must name its address ({@code base_url}). */
  NEEDS_BASE_URL,
  /** It also reads the account's wallet with an admin user id and access token. */
  ADMIN_ACCESS;

  /** The name on the wire: {@code probes_models}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
