package dev.quotabot.quota.watch;

import java.util.concurrent.CompletableFuture;

/** Where alerts go: a door that can reach the owner privately (the Discord bot's DMs). */
public interface AlertSink {

  /** Sends one alert; never completes exceptionally (a failure is a {@link Delivery}). */
  CompletableFuture<Delivery> deliver(Alert alert);

  /** What became of an alert. */
  enum Delivery {
    /** The owner got it. */
    DELIVERED,
    /** The owner cannot be messaged (DMs closed: Discord's 50007, or a spurious 50001). */
    REFUSED,
    /** The door is not connected now (logging in, or off). */
    UNAVAILABLE
  }
}
