package dev.quotabot.quota;

import java.util.concurrent.CompletableFuture;

/** A query under way: its eventual report, and a way to abandon it. */
public interface RunningQuery {

  /** Completes normally by the query deadline, or with the rows known so far once cancelled. */
  CompletableFuture<QuotaReport> report();

  /** Closes every probe still in flight and starts no more (the asker went away). */
  void cancel();
}
