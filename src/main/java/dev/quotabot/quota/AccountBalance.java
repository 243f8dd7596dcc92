package dev.quotabot.quota;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the account (or token) behind a key has left, read from the provider's free balance
 * endpoint. Unknown amounts are null, never 0.
 *
 * @param provider who keeps the account ({@code modelscope}, {@code newapi}, {@code deepseek}…)
 * @param unit what the amounts count: {@code 魔粒}, a currency code ({@code USD}, {@code CNY}) or
 *     {@code tokens}
 * @param availableBalance what can be spent now (the remaining balance)
 * @param totalBalance the total granted or held (available plus used or frozen, as the provider
 *     defines it)
 * @param frozenAmount held for calls still running
 * @param used spent so far
 * @param unlimited true when the key has no limit (then {@code availableBalance} is null); null
 *     when the provider does not say
 * @param expiresAt when the key or grant expires; null for never or unknown
 * @param user the account's name, when the provider tells
 * @param note a human remark on how to read the numbers (e.g. where the real wallet is)
 * @param status {@link ProbeStatus#OK} when the balance was read, else why not
 * @param error human explanation when the balance could not be read; otherwise null
 */
public record AccountBalance(
    String provider,
    String unit,
    BigDecimal availableBalance,
    BigDecimal totalBalance,
    BigDecimal frozenAmount,
    BigDecimal used,
    Boolean unlimited,
    Instant expiresAt,
    String user,
    String note,
    ProbeStatus status,
    String error) {

  /** A balance with only the fields ModelScope reports. */
  public AccountBalance(
      String provider,
      String unit,
      BigDecimal availableBalance,
      BigDecimal totalBalance,
      BigDecimal frozenAmount,
      String user,
      ProbeStatus status,
      String error) {
    this(
        provider,
        unit,
        availableBalance,
        totalBalance,
        frozenAmount,
        null,
        null,
        null,
        user,
        null,
        status,
        error);
  }

  public static AccountBalance failed(
      String provider, String unit, ProbeStatus status, String error) {
    return new AccountBalance(provider, unit, null, null, null, null, status, error);
  }

  public boolean isKnown() {
    return status == ProbeStatus.OK;
  }

  /** The same balance with the account's name added. */
  public AccountBalance withUser(String name) {
    return with(name, note);
  }

  /** The same balance with {@code sentence} added to its note. */
  public AccountBalance withNoteAdded(String sentence) {
    return with(user, note == null || note.isBlank() ? sentence : note + " " + sentence);
  }

  private AccountBalance with(String otherUser, String otherNote) {
    return new AccountBalance(
        provider,
        unit,
        availableBalance,
        totalBalance,
        frozenAmount,
        used,
        unlimited,
        expiresAt,
        otherUser,
        otherNote,
        status,
        error);
  }
}
