package dev.quotabot.quota;

import java.util.concurrent.CompletableFuture;

/** The models a provider offers; lets a query skip probes that cannot succeed. */
public interface ModelDirectory {

  /** A provider without a model list. */
  ModelDirectory NONE =
      new ModelDirectory() {
        @Override
        public CompletableFuture<CatalogSnapshot> snapshot() {
          return CompletableFuture.completedFuture(CatalogSnapshot.UNAVAILABLE);
        }

        @Override
        public CatalogSnapshot current() {
          return CatalogSnapshot.UNAVAILABLE;
        }
      };

  /**
   * The list, fetched if it is missing or old. Never completes exceptionally: an unreachable list
   * is {@link CatalogSnapshot#UNAVAILABLE} (or the last one fetched, marked stale).
   */
  CompletableFuture<CatalogSnapshot> snapshot();

  /** What is known right now, however old, without asking the upstream. */
  CatalogSnapshot current();
}
