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
 * @param error human explanation when they could not be read; otherwise null
 * @param user the account's or token's name, when the provider tells
 * @param note a human remark on how to read the numbers; every figure it mentions is also a field
 * @param balances the amounts, the one that limits what the key can spend first; empty when nothing
 *     was read
 * @param estimatedCalls how many calls of each price tier the first balance pays for: an estimate
 *     from the provider's published prices, empty where there are none
 */
public record Account(
    String provider,
    @Nullable String unit,
    ProbeStatus status,
    @Nullable String error,
    @Nullable String user,
    @Nullable String note,
    List<Balance> balances,
    List<CallEstimate> estimatedCalls) {

  public Account {
    balances = List.copyOf(balances);
    estimatedCalls = List.copyOf(estimatedCalls);
    if (!balances.isEmpty()) {
      unit = balances.get(0).unit();
    }
  }

  /** An account without call estimates. */
  public Account(
      String provider,
      @Nullable String unit,
      ProbeStatus status,
      @Nullable String error,
      @Nullable String user,
      @Nullable String note,
      List<Balance> balances) {
    this(provider, unit, status, error, user, note, balances, List.of());
  }

  /** Balances read, with the account's name and a note when known. */
  public static Account read(
      String provider, List<Balance> balances, @Nullable String user, @Nullable String note) {
    return new Account(provider, null, ProbeStatus.OK, null, user, note, balances);
  }

  /** Nothing could be read: {@code status} and {@code error} say why. */
  public static Account failed(
      String provider, @Nullable String unit, ProbeStatus status, String error) {
    return new Account(provider, unit, status, error, null, null, List.of());
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
    return new Account(provider, unit, status, error, name, note, balances, estimatedCalls);
  }

  /** The same account with call estimates. */
  public Account withEstimatedCalls(List<CallEstimate> estimates) {
    return new Account(provider, unit, status, error, user, note, balances, estimates);
  }

  /** The same account with {@code sentence} added to its note. */
  public Account withNoteAdded(String sentence) {
    String joined = note == null || note.isBlank() ? sentence : note + " " + sentence;
    return new Account(provider, unit, status, error, user, joined, balances, estimatedCalls);
  }
}
