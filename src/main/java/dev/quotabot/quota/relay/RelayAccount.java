package dev.quotabot.quota.relay;

import dev.quotabot.quota.Account;
import dev.quotabot.quota.Balance;
import dev.quotabot.quota.ProbeStatus;
import dev.quotabot.quota.Text;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Puts the key's figures and, when admin access was given, the wallet's into one {@link Account}: a
 * {@code key} balance and a {@code wallet} balance. The one that limits what the key can spend
 * comes first: the key's own quota (also when a refusal only says what is left of it), or the
 * wallet when the key has no limit of its own or its figures could not be read.
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
    Figures walletFigures = wallet != null && wallet.read() ? wallet.figures() : null;
    Figures token = key.figures();
    if (token != null) {
      return readKey(token, wallet, walletFigures);
    }
    Figures leaked = key.leaked();
    List<Balance> balances = new ArrayList<>();
    // a used-up key that said what is left limits spending more than the wallet: it comes first
    if (leaked != null) {
      balances.add(leaked.toBalance(Balance.Scope.KEY));
    }
    if (walletFigures != null) {
      balances.add(walletFigures.toBalance(Balance.Scope.WALLET));
    }
    String leakedNote = leaked == null ? null : leaked.note();
    if (walletFigures != null && key.failure() != ProbeStatus.INVALID_KEY) {
      return Account.read(
          PROVIDER,
          balances,
          walletFigures.name(),
          Notes.join(
              "The key's own figures could not be read ("
                  + key.problem()
                  + (leaked == null
                      ? "); the balance is the account's wallet, read with the access token."
                      : "); the key balance is what that refusal says is left, the wallet"
                          + " balance was read with the access token."),
              leakedNote,
              walletFigures.note()));
    }
    return new Account(
        PROVIDER,
        status.known() ? status.quotaUnit() : null,
        key.failure(),
        Text.untranslatedOrNull(key.problem()),
        walletFigures == null ? null : walletFigures.name(),
        Text.untranslatedOrNull(Notes.join(leakedNote, walletNote(wallet, walletFigures))),
        balances);
  }

  /**
   * The key's own figures were read: its balance, and the wallet's first when the key has no limit.
   */
  private static Account readKey(
      Figures token, @Nullable Reading wallet, @Nullable Figures walletFigures) {
    List<Balance> balances = new ArrayList<>();
    // one flat list of sentences: Notes drops the unit remark the token and the wallet share
    @Nullable String[] note;
    if (token.unlimited() && walletFigures != null) {
      balances.add(walletFigures.toBalance(Balance.Scope.WALLET));
      note =
          new String[] {
            token.note(),
            "This token has no limit of its own: it spends the account's wallet (the first"
                + " balance), read with the access token.",
            walletFigures.note()
          };
    } else if (token.unlimited()) {
      note =
          new String[] {
            token.note(),
            wallet == null
                ? NEEDS_ACCESS_TOKEN
                : "This token has no limit of its own: it spends the account's wallet, which the"
                    + " access token could not read: "
                    + wallet.problem()
          };
    } else {
      note = new String[] {token.note(), walletNote(wallet, walletFigures)};
    }
    balances.add(token.toBalance(Balance.Scope.KEY));
    if (walletFigures != null && !token.unlimited()) {
      balances.add(walletFigures.toBalance(Balance.Scope.WALLET));
    }
    String name =
        token.name() != null ? token.name() : walletFigures == null ? null : walletFigures.name();
    return Account.read(PROVIDER, balances, name, Notes.join(note));
  }

  /**
   * What the note says of the wallet beside the key's figures: its remark on its unit (it may
   * differ from the key's: billing on a CNY site without an exchange rate gives the key in CNY, the
   * wallet in USD), or why it could not be read; null when no admin access was given.
   */
  private static @Nullable String walletNote(
      @Nullable Reading wallet, @Nullable Figures walletFigures) {
    if (wallet == null) {
      return null;
    }
    return walletFigures != null
        ? walletFigures.note()
        : "The account's wallet could not be read with the access token: " + wallet.problem();
  }
}
