package dev.quotabot.quota;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The provider's model list as far as it is known.
 *
 * @param ids model ids in the provider's order (empty when never loaded)
 * @param lowerCaseIds the same ids lower-cased, for comparing case-insensitively (ModelScope's own
 *     routing does not depend on case); computed once per fetched list, not on every query
 * @param stale whether the last refresh failed, so {@code ids} may be out of date
 * @param fetchedAt when {@code ids} were fetched (null when never)
 */
public record CatalogSnapshot(
    List<String> ids, Set<String> lowerCaseIds, boolean stale, @Nullable Instant fetchedAt) {
  public static final CatalogSnapshot UNAVAILABLE = new CatalogSnapshot(List.of(), true, null);

  public CatalogSnapshot {
    ids = List.copyOf(ids);
    lowerCaseIds = Set.copyOf(lowerCaseIds);
  }

  /** A list as fetched; its ids are lower-cased here, once. */
  public CatalogSnapshot(List<String> ids, boolean stale, @Nullable Instant fetchedAt) {
    this(
        ids,
        ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
        stale,
        fetchedAt);
  }

  /** Whether the list was ever fetched successfully. */
  public boolean loaded() {
    return fetchedAt != null;
  }

  /** The same list, marked stale because a refresh failed. */
  public CatalogSnapshot asStale() {
    return stale ? this : new CatalogSnapshot(ids, lowerCaseIds, true, fetchedAt);
  }
}
