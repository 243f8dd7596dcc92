package dev.quotabot.quota.watch;

import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.QueryInput;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.watch.vault.KeyVault;
import dev.quotabot.quota.watch.vault.SealedSecret;
import dev.quotabot.quota.watch.vault.VaultException;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check of a stored watch: opens its key, runs the query (probes only when the watch names
 * models), applies the alert rule, delivers what the owner is told and saves the result. A failed
 * check is never retried at once (a retry can spend quota): it backs off.
 */
final class CheckRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

  /** {@link Watch#lastStatus()} when the sealed key did not open. */
  static final String VAULT_ERROR = "vault_error";

  /** {@link Watch#lastStatus()} when the stored settings no longer make a valid query. */
  static final String INVALID_QUERY = "invalid_query";

  static final String OK = ProbeStatus.OK.wireName();

  /** How long a door may take to deliver one alert before it counts as not delivered. */
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private final QuotaService quota;
  private final WatchStore store;
  private final KeyVault vault;
  private final AlertSink sink;
  private final Clock clock;
  private final Pacing pacing;
  private final WatchMeters meters;

  CheckRunner(
      QuotaService quota,
      WatchStore store,
      KeyVault vault,
      AlertSink sink,
      Clock clock,
      Pacing pacing) {
    this(quota, store, vault, sink, clock, pacing, new WatchMeters(new CompositeMeterRegistry()));
  }

  CheckRunner(
      QuotaService quota,
      WatchStore store,
      KeyVault vault,
      AlertSink sink,
      Clock clock,
      Pacing pacing,
      WatchMeters meters) {
    this.quota = quota;
    this.store = store;
    this.vault = vault;
    this.sink = sink;
    this.clock = clock;
    this.pacing = pacing;
    this.meters = meters;
  }

  CompletableFuture<CheckOutcome> run(Watch watch) {
    try {
      return start(watch);
    } catch (RuntimeException unexpected) {
      return CompletableFuture.failedFuture(unexpected);
    }
  }

  private CompletableFuture<CheckOutcome> start(Watch asked) {
    // the stored watch, not the caller's copy: the owner may have changed it since it was listed
    Optional<Watch> stored = store.find(asked.id());
    if (stored.isEmpty()) {
      return CompletableFuture.completedFuture(
          new CheckOutcome(asked, null, Optional.empty(), List.of()));
    }
    Watch watch = stored.get();
    Instant now = clock.instant();
    WatchSecret secret;
    SealedSecret sealed;
    try {
      sealed =
          store
              .secret(watch.id())
              .orElseThrow(() -> new VaultException("the watch has no sealed key stored"));
      secret = vault.open(sealed);
    } catch (VaultException closed) {
      Watch saved = failed(watch, now, VAULT_ERROR);
      store.saveCheck(saved, Optional.empty());
      meters.checked(watch.settings().provider(), VAULT_ERROR);
      // the vault's message names keys by id only, never a secret
      LOG.warn(
          "Watch {} ({}, {}): its sealed key does not open: {} Next try at {}.",
          watch.id(),
          watch.settings().provider(),
          watch.fingerprint(),
          closed.getMessage(),
          saved.nextCheckAt());
      return CompletableFuture.completedFuture(
          new CheckOutcome(saved, null, Optional.empty(), List.of()));
    }
    QuotaQuery query;
    try {
      query = quota.check(input(watch.settings(), secret));
    } catch (InvalidQueryException refused) {
      // the operator changed something (a provider removed, plain http refused now)
      Watch saved = failed(watch, now, INVALID_QUERY);
      store.saveCheck(saved, Optional.empty());
      meters.checked(watch.settings().provider(), INVALID_QUERY);
      LOG.warn(
          "Watch {} ({}, {}): its settings no longer make a query: {}",
          watch.id(),
          watch.settings().provider(),
          watch.fingerprint(),
          refused.getMessage());
      return CompletableFuture.completedFuture(
          new CheckOutcome(saved, null, Optional.empty(), List.of()));
    }
    resealIfOld(watch, sealed, secret);
    return meters.counted(quota.query(query)).thenCompose(report -> conclude(watch, report));
  }

  /** The query a watch's settings and secret make: the same a door would build. */
  static QueryInput input(WatchSettings settings, WatchSecret secret) {
    return new QueryInput(
        secret.key().reveal(),
        settings.models(),
        settings.provider(),
        secret.baseUrl(),
        null,
        null);
  }

  /** A key sealed with the previous encryption key is sealed again with the current one. */
  private void resealIfOld(Watch watch, SealedSecret sealed, WatchSecret secret) {
    try {
      if (!vault.isCurrent(sealed)) {
        store.reseal(watch.id(), vault.seal(secret));
        LOG.info("Watch {}: its key is sealed with the current encryption key now.", watch.id());
      }
    } catch (RuntimeException failed) {
      // the old key still opens it; the next check tries again
      LOG.warn("Watch {}: could not seal its key again: {}", watch.id(), failed.getMessage());
    }
  }

  private CompletableFuture<CheckOutcome> conclude(Watch watch, QuotaReport report) {
    Instant at = clock.instant();
    List<Alert> alerts = new ArrayList<>();
    Watch after;
    Optional<Reading> reading = Optional.empty();
    if (rejectsKey(report)) {
      if (watch.state() != WatchState.KEY_REJECTED) {
        alerts.add(alert(watch, Alert.Kind.KEY_REJECTED, null, null, null, at));
      }
      after =
          with(
              watch,
              WatchState.KEY_REJECTED,
              at,
              pacing.next(at, watch.settings().interval()),
              watch.lastReading(),
              ProbeStatus.INVALID_KEY.wireName(),
              watch.alertedLevel(),
              0,
              watch.remindedOn());
    } else {
      reading = Gauge.read(report);
      if (reading.isEmpty()) {
        after = failed(watch, at, failureStatus(report));
      } else {
        after = read(watch, report, reading.get(), at, alerts);
      }
    }
    meters.checked(
        watch.settings().provider(), after.lastStatus() == null ? OK : after.lastStatus());
    Optional<Watch> current = store.find(watch.id());
    if (current.isEmpty()) {
      // removed while it was being checked: nothing is sent, nothing is saved
      return CompletableFuture.completedFuture(new CheckOutcome(after, report, reading, List.of()));
    }
    Watch checked = withState(after, stateAfter(watch, after, current.get()));
    Optional<Reading> read = reading;
    return deliver(alerts)
        .thenApply(
            dmFailed -> {
              Watch saved = dmFailed == null ? checked : checked.withDmFailed(dmFailed);
              store.saveCheck(saved, read);
              LOG.debug(
                  "Watch {} ({}, {}) checked: {}, {} alert(s), next at {}",
                  saved.id(),
                  saved.settings().provider(),
                  saved.fingerprint(),
                  saved.lastStatus(),
                  alerts.size(),
                  saved.nextCheckAt());
              return new CheckOutcome(saved, report, read, alerts);
            });
  }

  /**
   * The state to save: a rejected key pauses the watch whatever happened meanwhile; otherwise a
   * pause or resume the owner made while the check ran wins over the check's own.
   */
  private static WatchState stateAfter(Watch before, Watch after, Watch now) {
    if (after.state() == WatchState.KEY_REJECTED || now.state() == before.state()) {
      return after.state();
    }
    return now.state();
  }

  /** A check that read a value: the alert rule, the reminder, and the next check. */
  private Watch read(
      Watch watch, QuotaReport report, Reading reading, Instant at, List<Alert> out) {
    WatchSettings settings = watch.settings();
    Crossing crossing = Crossing.of(settings.thresholds(), watch.alertedLevel(), reading);
    if (crossing.alert() != null) {
      out.add(alert(watch, Alert.Kind.THRESHOLD, crossing.alert(), reading, null, at));
    }
    Instant next = pacing.next(at, settings.interval());
    String remindedOn = watch.remindedOn();
    if (settings.midnightReminder()) {
      Optional<ExpiryReminder> reminder = ExpiryReminder.find(report, at, next, watch.remindedOn());
      if (reminder.isPresent()) {
        ExpiryReminder due = reminder.get();
        out.add(
            alert(watch, Alert.Kind.EXPIRES_TONIGHT, null, due.reading(at), due.expiresAt(), at));
        remindedOn = due.day();
      }
    }
    // a key that works again un-pauses the watch the bot paused; the owner's pause stays
    WatchState state = watch.state() == WatchState.KEY_REJECTED ? WatchState.ACTIVE : watch.state();
    return with(watch, state, at, next, reading, OK, crossing.alertedLevel(), 0, remindedOn);
  }

  /** A check that read nothing: one more failure, and a longer wait. */
  private Watch failed(Watch watch, Instant at, String status) {
    int failures = watch.failures() + 1;
    return with(
        watch,
        watch.state(),
        at,
        Pacing.backoff(at, watch.settings().interval(), failures),
        watch.lastReading(),
        status,
        watch.alertedLevel(),
        failures,
        watch.remindedOn());
  }

  /**
   * Delivers the alerts one after another; completes with whether one could not be delivered (those
   * are kept for the owner's next list), or null when there was none.
   */
  private CompletableFuture<@Nullable Boolean> deliver(List<Alert> alerts) {
    CompletableFuture<@Nullable Boolean> chain = CompletableFuture.completedFuture(null);
    for (Alert alert : alerts) {
      chain =
          chain.thenCompose(
              failedBefore ->
                  deliverOne(alert)
                      .thenApply(
                          delivered -> {
                            if (!delivered) {
                              keep(alert);
                            }
                            return Boolean.TRUE.equals(failedBefore) || !delivered;
                          }));
    }
    return chain;
  }

  private void keep(Alert alert) {
    try {
      store.keep(alert);
    } catch (RuntimeException failed) {
      // the watch may have been removed meanwhile; the check itself still counts
      LOG.warn("Alert for watch {} could not be kept: {}", alert.watchId(), failed.getMessage());
    }
  }

  private CompletableFuture<Boolean> deliverOne(Alert alert) {
    CompletableFuture<AlertSink.Delivery> delivery;
    try {
      delivery = sink.deliver(alert);
    } catch (RuntimeException broken) {
      delivery = CompletableFuture.failedFuture(broken);
    }
    return delivery
        .orTimeout(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                meters.alerted(alert.kind(), WatchMeters.FAILED);
                LOG.warn(
                    "Alert for watch {} not delivered: {}", alert.watchId(), failure.toString());
                return false;
              }
              meters.alerted(alert.kind(), WatchMeters.delivery(result));
              return result == AlertSink.Delivery.DELIVERED;
            });
  }

  /** The upstream refused the key: for the account, or for every model probed. */
  static boolean rejectsKey(QuotaReport report) {
    if (report.account().status() == ProbeStatus.INVALID_KEY) {
      return true;
    }
    List<ModelQuota> models = report.models();
    return !models.isEmpty()
        && models.stream().allMatch(row -> row.status() == ProbeStatus.INVALID_KEY);
  }

  /** Why nothing was read, in the report's status vocabulary. */
  static String failureStatus(QuotaReport report) {
    if (!report.account().isKnown()) {
      return report.account().status().wireName();
    }
    return report.models().stream()
        .filter(row -> !row.isSuccess())
        .map(row -> row.status().wireName())
        .findFirst()
        .orElse(ProbeStatus.UPSTREAM_ERROR.wireName());
  }

  static Alert alert(
      Watch watch,
      Alert.Kind kind,
      @Nullable Threshold level,
      @Nullable Reading reading,
      @Nullable Instant expiresAt,
      Instant at) {
    return new Alert(
        0,
        watch.id(),
        watch.ownerId(),
        kind,
        watch.fingerprint(),
        watch.settings().provider(),
        watch.settings().locale(),
        level,
        reading,
        expiresAt,
        at);
  }

  static Watch with(
      Watch watch,
      WatchState state,
      Instant checkedAt,
      Instant nextCheckAt,
      @Nullable Reading lastReading,
      String status,
      int alertedLevel,
      int failures,
      @Nullable String remindedOn) {
    return new Watch(
        watch.id(),
        watch.ownerId(),
        watch.fingerprint(),
        watch.settings(),
        state,
        watch.createdAt(),
        watch.expiresAt(),
        nextCheckAt,
        checkedAt,
        lastReading,
        status,
        alertedLevel,
        failures,
        watch.dmFailed(),
        remindedOn);
  }

  private static Watch withState(Watch watch, WatchState state) {
    return with(
        watch,
        state,
        watch.lastCheckAt() == null ? watch.createdAt() : watch.lastCheckAt(),
        watch.nextCheckAt(),
        watch.lastReading(),
        watch.lastStatus() == null ? OK : watch.lastStatus(),
        watch.alertedLevel(),
        watch.failures(),
        watch.remindedOn());
  }
}
