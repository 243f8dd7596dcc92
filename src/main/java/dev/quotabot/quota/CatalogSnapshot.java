package dev.quotabot.quota;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provider's model list as far as it is known.
 *
 * @param ids model ids in the provider's order (empty when never loaded)
 * @param loaded whether the list was ever fetched successfully
 * @param stale whether the last refresh failed, so {@code ids} may be out of date
 * @param fetchedAt when {@code ids} were fetched (null when never)
 */
public record CatalogSnapshot(List<String> ids, boolean loaded, boolean stale, Instant fetchedAt) {
  public static final CatalogSnapshot UNAVAILABLE =
      new CatalogSnapshot(List.of(), false, true, null);

  public CatalogSnapshot {
    ids = List.copyOf(ids);
  }

  /** Ids compared case-insensitively: ModelScope's own routing does not depend on case. */
  public Set<String> lowerCaseIds() {
    return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
