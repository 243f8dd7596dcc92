package dev.quotabot.quota;

import java.math.BigDecimal;

/**
 * What the account behind a key has left, read from the provider's free balance endpoint. Unknown
 * amounts are null, never 0.
 *
 * @param provider who keeps the account ({@code modelscope})
 * @param unit what the amounts count ({@code 魔粒})
 * @param availableBalance what can be spent now
 * @param totalBalance available plus amounts held for calls still running
 * @param frozenAmount held for calls still running
 * @param user the account's name, when the provider tells
 * @param status {@link ProbeStatus#OK} when the balance was read, else why not
 * @param error human explanation when the balance could not be read; otherwise null
 */
public record AccountBalance(
    String provider,
    String unit,
    BigDecimal availableBalance,
    BigDecimal totalBalance,
    BigDecimal frozenAmount,
    String user,
    ProbeStatus status,
    String error) {

  public static AccountBalance failed(
      String provider, String unit, ProbeStatus status, String error) {
    return new AccountBalance(provider, unit, null, null, null, null, status, error);
  }

  public boolean isKnown() {
    return status == ProbeStatus.OK;
  }
}
