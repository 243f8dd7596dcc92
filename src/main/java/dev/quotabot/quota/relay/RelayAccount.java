package dev.quotabot.quota.relay;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Puts the key's figures and, when admin access was given, the wallet's into one {@link Account}: a
 * {@code key} balance and a {@code wallet} balance. The one that limits what the key can spend
 * comes first: the key's own quota, or the wallet when the key has no limit of its own or its
 * figures could not be read.
 */
final class RelayAccount {
  static final String PROVIDER = "newapi";
  static final String NEEDS_ACCESS_TOKEN =
      "This token has no limit of its own: it spends the account's wallet, which only the relay's"
          + " access token can read (give user_id and access_token).";

  private RelayAccount() {}

  /**
   * @param key what the key's endpoints gave
   * @param wallet what the wallet gave; null when no admin access was given
   * @param status the relay's unit, for failures
   */
  static Account compose(Reading key, @Nullable Reading wallet, RelayStatus status) {
    boolean walletRead = wallet != null && wallet.read();
    List<Balance> balances = new ArrayList<>();
    if (key.read()) {
      Figures token = key.figures();
      String note;
      if (token.unlimited() && walletRead) {
        balances.add(wallet.figures().toBalance(Balance.Scope.WALLET));
        note =
            Notes.join(
                "This token has no limit of its own: it spends the account's wallet (the first"
                    + " balance), read with the access token.",
                wallet.figures().note());
      } else if (token.unlimited()) {
        note =
            wallet == null
                ? NEEDS_ACCESS_TOKEN
                : "This token has no limit of its own: it spends the account's wallet, which the"
                    + " access token could not read: "
                    + wallet.problem();
      } else {
        note = wallet == null || walletRead ? null : walletProblem(wallet);
      }
      balances.add(token.toBalance(Balance.Scope.KEY));
      if (walletRead && !token.unlimited()) {
        balances.add(wallet.figures().toBalance(Balance.Scope.WALLET));
      }
      String name =
          token.name() != null ? token.name() : walletRead ? wallet.figures().name() : null;
      return Account.read(PROVIDER, balances, name, Notes.join(token.note(), note));
    }
    if (walletRead && key.failure() != ProbeStatus.INVALID_KEY) {
      return Account.read(
          PROVIDER,
          List.of(wallet.figures().toBalance(Balance.Scope.WALLET)),
          wallet.figures().name(),
          Notes.join(
              "The key's own figures could not be read ("
                  + key.problem()
                  + "); the balance is the account's wallet, read with the access token.",
              wallet.figures().note()));
    }
    if (key.leaked() != null) {
      balances.add(key.leaked().toBalance(Balance.Scope.KEY));
    }
    if (walletRead) {
      balances.add(wallet.figures().toBalance(Balance.Scope.WALLET));
    }
    return new Account(
        PROVIDER,
        status.known() ? status.quotaUnit() : null,
        key.failure(),
        key.problem(),
        walletRead ? wallet.figures().name() : null,
        wallet == null || walletRead ? null : walletProblem(wallet),
        balances);
  }

  private static String walletProblem(Reading wallet) {
    return "The account's wallet could not be read with the access token: " + wallet.problem();
  }
}
