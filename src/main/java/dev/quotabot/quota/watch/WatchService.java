package dev.quotabot.quota.watch;

import dev.quotabot.quota.ApiKey;
import dev.quotabot.quota.Capability;
import dev.quotabot.quota.InvalidQueryException;
import dev.quotabot.quota.ModelList;
import dev.quotabot.quota.ModelQuota;
import dev.quotabot.quota.ProviderInfo;
import dev.quotabot.quota.QuotaQuery;
import dev.quotabot.quota.QuotaReport;
import dev.quotabot.quota.QuotaService;
import dev.quotabot.quota.Text;
import dev.quotabot.quota.watch.vault.KeyVault;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The only thing a door calls for watches: plan one, create it (first check at once), list, check
 * now, pause, resume, renew, remove, forget a user. Every change names the owner: nobody touches
 * another's watch.
 */
public final class WatchService {
  /** The most readings a trend is computed from. */
  static final int TREND_POINTS = 200;

  private final QuotaService quota;
  private final WatchStore store;
  private final KeyVault vault;
  private final WatchLimits limits;
  private final Clock clock;
  private final Pacing pacing;
  private final CheckRunner runner;
  private final WatchMeters meters;

  /** Checks under way, by watch id: a second ask for one joins it instead of spending twice. */
  private final Map<Long, CompletableFuture<CheckOutcome>> running = new ConcurrentHashMap<>();

  public WatchService(
      QuotaService quota,
      WatchStore store,
      KeyVault vault,
      WatchLimits limits,
      AlertSink alerts,
      Clock clock) {
    this(quota, store, vault, limits, alerts, clock, new WatchMeters(new CompositeMeterRegistry()));
  }

  /**
   * @param meters where checks and alerts are counted
   */
  public WatchService(
      QuotaService quota,
      WatchStore store,
      KeyVault vault,
      WatchLimits limits,
      AlertSink alerts,
      Clock clock,
      WatchMeters meters) {
    this.quota = quota;
    this.store = store;
    this.vault = vault;
    this.limits = limits;
    this.clock = clock;
    // java.util.Random is safe to share between the checks that run at once
    this.pacing = new Pacing(new Random());
    this.meters = meters;
    this.runner = new CheckRunner(quota, store, vault, alerts, clock, pacing, meters);
  }

  public WatchLimits limits() {
    return limits;
  }

  /**
   * Checks the non-secret part before the door asks for the key.
   *
   * @throws InvalidQueryException what to fix: unknown provider, bad levels, interval under the
   *     minimum, models for a provider that probes none, too many watches
   */
  public WatchPlan plan(String ownerId, WatchRequest request) {
    ProviderInfo provider =
        quota
            .provider(request.provider())
            .orElseThrow(
                () ->
                    new InvalidQueryException(
                        Text.of(
                            "quota.unknown_provider_use",
                            "ids",
                            String.join(
                                ", ", quota.providers().stream().map(ProviderInfo::id).toList()))));
    Thresholds thresholds = Thresholds.parse(request.thresholds());
    Duration interval = interval(request.intervalMinutes());
    List<String> models = models(provider, request.models());
    refuseWhenFull(ownerId);
    return new WatchPlan(
        new WatchSettings(
            provider.id(),
            models,
            thresholds,
            interval,
            request.midnightReminder(),
            request.locale()),
        provider);
  }

  private Duration interval(@Nullable Integer minutes) {
    if (minutes == null) {
      return limits.defaultInterval();
    }
    Duration asked = Duration.ofMinutes(minutes);
    if (asked.compareTo(limits.minInterval()) < 0) {
      throw new InvalidQueryException(
          Text.of("watch.interval_too_short", "min", limits.minInterval().toMinutes()));
    }
    return asked;
  }

  /** Split and checked as a query's models are; refused for a provider that takes none. */
  private List<String> models(ProviderInfo provider, @Nullable String raw) {
    if (ModelList.namesNoModel(raw)) {
      return List.of();
    }
    List<String> models = ModelList.parse(List.of(raw), quota.settings().maxModels());
    if (!provider.takesModels() && !models.isEmpty()) {
      throw new InvalidQueryException(
          provider.can(Capability.BALANCES)
              ? Text.of(
                  "quota.models_not_taken_balance",
                  "name",
                  provider.name(),
                  "provider",
                  provider.id())
              : Text.of(
                  "quota.models_not_taken", "name", provider.name(), "provider", provider.id()));
    }
    return models;
  }

  private void refuseWhenFull(String ownerId) {
    if (store.countOfOwner(ownerId) >= limits.maxPerUser()) {
      throw new InvalidQueryException(Text.of("watch.too_many", "max", limits.maxPerUser()));
    }
  }

  /**
   * Runs one check with the key and, when the key works and the levels apply to what it reads,
   * stores the watch sealed. Completes exceptionally with {@link InvalidQueryException} when it is
   * refused (bad key or address, a rejected key, percent levels where there is no total, nothing to
   * watch); nothing is stored then.
   */
  public CompletableFuture<WatchCreated> create(
      String ownerId, WatchPlan plan, String rawKey, @Nullable String baseUrl) {
    CompletableFuture<WatchCreated> created = new CompletableFuture<>();
    try {
      refuseWhenFull(ownerId);
      WatchSettings settings = plan.settings();
      @Nullable String address = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
      QuotaQuery query =
          quota.check(CheckRunner.input(settings, new WatchSecret(ApiKey.of(rawKey), address)));
      WatchSecret secret = new WatchSecret(query.key(), address);
      meters
          .counted(quota.query(query))
          .whenComplete(
              (report, failure) -> {
                try {
                  if (failure != null) {
                    created.completeExceptionally(failure);
                  } else {
                    created.complete(store(ownerId, plan, secret, report));
                  }
                } catch (RuntimeException refused) {
                  created.completeExceptionally(refused);
                }
              });
    } catch (RuntimeException refused) {
      created.completeExceptionally(refused);
    }
    return created;
  }

  /** Stores the watch the first check allows, or says why not. */
  private WatchCreated store(
      String ownerId, WatchPlan plan, WatchSecret secret, QuotaReport report) {
    Reading reading = firstReading(plan, report);
    WatchSettings settings = plan.settings();
    Instant now = clock.instant();
    Watch stored =
        store.create(
            ownerId,
            secret.key().fingerprint(),
            settings,
            vault.seal(secret),
            now,
            now.plus(limits.lifetime()),
            pacing.next(now, settings.interval()));
    // the owner sees this reading in the answer: only a later crossing sends a DM
    int alreadyCrossed = settings.thresholds().deepestCrossed(reading);
    Watch checked =
        CheckRunner.with(
            stored,
            stored.state(),
            now,
            stored.nextCheckAt(),
            reading,
            CheckRunner.OK,
            alreadyCrossed,
            0,
            null);
    store.saveCheck(checked, Optional.of(reading));
    return new WatchCreated(checked, report);
  }

  /**
   * The value the watch will follow, or the refusal: a rejected key, a failed check, nothing to
   * follow, or percent levels without a total.
   */
  private static Reading firstReading(WatchPlan plan, QuotaReport report) {
    String name = plan.provider().name();
    if (CheckRunner.rejectsKey(report)) {
      throw new InvalidQueryException(
          Text.of("watch.key_rejected", "name", name, "reason", reason(report)));
    }
    Optional<Reading> read = Gauge.read(report);
    if (read.isEmpty()) {
      boolean failed =
          !report.account().isKnown() && report.models().stream().noneMatch(ModelQuota::isSuccess);
      throw new InvalidQueryException(
          failed
              ? Text.of("watch.check_failed", "reason", reason(report))
              : Text.of("watch.nothing_to_watch", "name", name));
    }
    Reading reading = read.get();
    if (!plan.settings().thresholds().appliesTo(reading)) {
      throw new InvalidQueryException(
          Text.of(
              "watch.percent_needs_total",
              "name",
              name,
              "unit",
              reading.unit(),
              "example",
              suggestedAmount(reading.available())));
    }
    return reading;
  }

  /** Why the check failed, for a person: the account's reason, else the first model's. */
  private static Text reason(QuotaReport report) {
    if (report.account().errorText() != null) {
      return report.account().errorText();
    }
    return report.models().stream()
        .filter(row -> row.errorText() != null)
        .map(ModelQuota::errorText)
        .findFirst()
        .orElse(Text.upstream(CheckRunner.failureStatus(report)));
  }

  /** A round amount near a fifth of what is left, as an example level in the reading's unit. */
  static String suggestedAmount(BigDecimal available) {
    BigDecimal fifth = available.divide(BigDecimal.valueOf(5), MathContext.DECIMAL64);
    if (fifth.signum() <= 0) {
      return "1";
    }
    return fifth.round(new MathContext(1)).stripTrailingZeros().toPlainString();
  }

  /** The owner's watches with their trends, and their kept alerts (taken: shown once). */
  public WatchList list(String ownerId) {
    List<Alert> kept = store.takeKept(ownerId);
    List<WatchView> views = store.ofOwner(ownerId).stream().map(this::view).toList();
    return new WatchList(views, kept);
  }

  /** One of the owner's watches, if it is theirs. */
  public Optional<WatchView> view(String ownerId, long id) {
    return owned(ownerId, id).map(this::view);
  }

  private WatchView view(Watch watch) {
    Instant since = clock.instant().minus(limits.historyKept());
    return new WatchView(watch, Trend.of(store.history(watch.id(), since, TREND_POINTS)));
  }

  private Optional<Watch> owned(String ownerId, long id) {
    return store.find(id).filter(watch -> watch.ownerId().equals(ownerId));
  }

  /** Checks the owner's watch now (alerts go out as on a schedule); empty when not theirs. */
  public CompletableFuture<Optional<CheckOutcome>> checkNow(String ownerId, long id) {
    Optional<Watch> watch;
    try {
      watch = owned(ownerId, id);
    } catch (RuntimeException failed) {
      return CompletableFuture.failedFuture(failed);
    }
    if (watch.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return check(watch.get()).thenApply(Optional::of);
  }

  /** Checks a due watch (the scheduler's call) and delivers its alerts. */
  public CompletableFuture<CheckOutcome> check(Watch watch) {
    CompletableFuture<CheckOutcome> mine = new CompletableFuture<>();
    CompletableFuture<CheckOutcome> other = running.putIfAbsent(watch.id(), mine);
    if (other != null) {
      return other;
    }
    runner
        .run(watch)
        .whenComplete(
            (outcome, failure) -> {
              running.remove(watch.id(), mine);
              if (failure != null) {
                mine.completeExceptionally(failure);
              } else {
                mine.complete(outcome);
              }
            });
    return mine;
  }

  public Optional<Watch> pause(String ownerId, long id) {
    Optional<Watch> watch = owned(ownerId, id);
    if (watch.isEmpty()
        || !store.setState(id, ownerId, WatchState.PAUSED, watch.get().nextCheckAt())) {
      return Optional.empty();
    }
    return store.find(id);
  }

  /** Resumes a paused watch, or one paused because its key was rejected (a new check decides). */
  public Optional<Watch> resume(String ownerId, long id) {
    Optional<Watch> watch = owned(ownerId, id);
    if (watch.isEmpty()) {
      return Optional.empty();
    }
    // a rejected key is looked at on the next tick: the owner may have fixed it upstream
    Instant next =
        watch.get().state() == WatchState.KEY_REJECTED
            ? clock.instant()
            : watch.get().nextCheckAt();
    if (!store.setState(id, ownerId, WatchState.ACTIVE, next)) {
      return Optional.empty();
    }
    return store.find(id);
  }

  /** Moves the expiry to a full lifetime from now. */
  public Optional<Watch> renew(String ownerId, long id) {
    if (!store.renew(id, ownerId, clock.instant().plus(limits.lifetime()))) {
      return Optional.empty();
    }
    return owned(ownerId, id);
  }

  /** Hard-deletes the owner's watch: its row, sealed key, history and kept alerts. */
  public boolean remove(String ownerId, long id) {
    return store.delete(id, ownerId);
  }

  /** Hard-deletes everything of the owner; returns how many watches there were. */
  public int forget(String ownerId) {
    return store.deleteOwner(ownerId);
  }
}
