package dev.quotabot.quota;

import java.util.concurrent.CompletableFuture;

/** The models a provider offers; lets a query skip probes that cannot succeed. */
public interface ModelDirectory {

  /** Never completes exceptionally: an unreachable list is {@link CatalogSnapshot#UNAVAILABLE}. */
  CompletableFuture<CatalogSnapshot> snapshot();
}
