package dev.quotabot.quota;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the account behind a key has left, read from the provider's free balance endpoints: the
 * outcome, and one {@link Balance} per amount the provider reported separately.
 *
 * @param provider the provider's id ({@code modelscope}, {@code newapi}, {@code deepseek}…)
 * @param unit the unit of the first balance, or, when none was read, the unit the provider counts
 *     in (null when that depends on the account)
 * @param status {@link ProbeStatus#OK} when the balances were read, else why not
 * @param errorText why they could not be read, for a person; otherwise null
 * @param user the account's or token's name, when the provider tells
 * @param noteText a remark on how to read the numbers, for a person; every figure it mentions is
 *     also a field
 * @param balances the amounts, the one that limits what the key can spend first; empty when nothing
 *     was read
 * @param estimatedCalls how many calls of each price tier the first balance pays for: an estimate
 *     from the provider's published prices, empty where there are none
 * @param limits quota windows of the account or key itself (a coding plan's 5-hour and weekly
 *     windows), as opposed to a model's windows on its row; empty where there are none
 * @param spend what each model spent of the key's quota, from the provider's recent log; empty
 *     where the provider keeps no such log
 * @param site the site the key belongs to (its software, its display name), for a provider anyone
 *     can host; null otherwise
 */
public record Account(
    String provider,
    @Nullable String unit,
    ProbeStatus status,
    @Nullable Text errorText,
    @Nullable String user,
    @Nullable Text noteText,
    List<Balance> balances,
    List<CallEstimate> estimatedCalls,
    List<RateWindow> limits,
    List<ModelSpend> spend,
    @Nullable Site site) {

  public Account {
    balances = List.copyOf(balances);
    estimatedCalls = List.copyOf(estimatedCalls);
    limits = List.copyOf(limits);
    spend = List.copyOf(spend);
    if (!balances.isEmpty()) {
      unit = balances.get(0).unit();
    }
  }

  /** An account without call estimates. */
  public Account(
      String provider,
      @Nullable String unit,
      ProbeStatus status,
      @Nullable Text errorText,
      @Nullable String user,
      @Nullable Text noteText,
      List<Balance> balances) {
    this(
        provider, unit, status, errorText, user, noteText, balances, List.of(), List.of(),
        List.of(), null);
  }

  /** Balances read, with the account's name and a note when known. */
  public static Account read(
      String provider, List<Balance> balances, @Nullable String user, @Nullable Text note) {
    return new Account(provider, null, ProbeStatus.OK, null, user, note, balances);
  }

  /** Nothing could be read: {@code status} and {@code error} say why. */
  public static Account failed(
      String provider, @Nullable String unit, ProbeStatus status, Text error) {
    return new Account(provider, unit, status, error, null, null, List.of());
  }

  /** Why the balances could not be read, in English (the JSON API's {@code error}); or null. */
  public @Nullable String error() {
    return errorText == null ? null : errorText.english();
  }

  /** The remark on the numbers in English (the JSON API's {@code note}); or null. */
  public @Nullable String note() {
    return noteText == null ? null : noteText.english();
  }

  public boolean isKnown() {
    return status == ProbeStatus.OK;
  }

  /** The first balance (the one that limits what the key can spend), or null when none. */
  public @Nullable Balance primary() {
    return balances.isEmpty() ? null : balances.get(0);
  }

  /** The same account with the name added. */
  public Account withUser(@Nullable String name) {
    return new Account(
        provider,
        unit,
        status,
        errorText,
        name,
        noteText,
        balances,
        estimatedCalls,
        limits,
        spend,
        site);
  }

  /** The same account with call estimates. */
  public Account withEstimatedCalls(List<CallEstimate> estimates) {
    return new Account(
        provider, unit, status, errorText, user, noteText, balances, estimates, limits, spend,
        site);
  }

  /** The same account with its own quota windows. */
  public Account withLimits(List<RateWindow> windows) {
    return new Account(
        provider,
        unit,
        status,
        errorText,
        user,
        noteText,
        balances,
        estimatedCalls,
        windows,
        spend,
        site);
  }

  /** The same account with what each model spent recently. */
  public Account withSpend(List<ModelSpend> spent) {
    return new Account(
        provider,
        unit,
        status,
        errorText,
        user,
        noteText,
        balances,
        estimatedCalls,
        limits,
        spent,
        site);
  }

  /** The same account with what is known of its site. */
  public Account withSite(@Nullable Site known) {
    return new Account(
        provider,
        unit,
        status,
        errorText,
        user,
        noteText,
        balances,
        estimatedCalls,
        limits,
        spend,
        known);
  }

  /** The same account with {@code sentence} added to its note. */
  public Account withNoteAdded(Text sentence) {
    Text joined = Text.then(noteText, sentence);
    return new Account(
        provider,
        unit,
        status,
        errorText,
        user,
        joined,
        balances,
        estimatedCalls,
        limits,
        spend,
        site);
  }
}
