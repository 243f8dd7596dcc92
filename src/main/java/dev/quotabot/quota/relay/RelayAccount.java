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
  static final Text NEEDS_ACCESS_TOKEN = Text.of("relay.needs_access_token");

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
    Text leakedNote = leaked == null ? null : leaked.note();
    if (walletFigures != null && key.failure() != ProbeStatus.INVALID_KEY) {
      Text problem = RelayText.problem(key);
      return Account.read(
          PROVIDER,
          balances,
          walletFigures.name(),
          Notes.join(
              leaked == null
                  ? Text.of("relay.key_unread_wallet_read", "problem", problem)
                  : Text.of("relay.key_unread_leftover_and_wallet", "problem", problem),
              leakedNote,
              walletFigures.note()));
    }
    return new Account(
        PROVIDER,
        status.known() ? status.quotaUnit() : null,
        key.failure(),
        key.problem(),
        walletFigures == null ? null : walletFigures.name(),
        Notes.join(leakedNote, walletNote(wallet, walletFigures)),
        balances);
  }

  /**
   * The key's own figures were read: its balance, and the wallet's first when the key has no limit.
   */
  private static Account readKey(
      Figures token, @Nullable Reading wallet, @Nullable Figures walletFigures) {
    List<Balance> balances = new ArrayList<>();
    // one flat list of sentences: Notes drops the unit remark the token and the wallet share
    @Nullable Text[] note;
    if (token.unlimited() && walletFigures != null) {
      balances.add(walletFigures.toBalance(Balance.Scope.WALLET));
      note =
          new Text[] {token.note(), Text.of("relay.unlimited_wallet_read"), walletFigures.note()};
    } else if (token.unlimited()) {
      note =
          new Text[] {
            token.note(),
            wallet == null
                ? NEEDS_ACCESS_TOKEN
                : Text.of("relay.unlimited_wallet_unread", "problem", RelayText.problem(wallet))
          };
    } else {
      note = new Text[] {token.note(), walletNote(wallet, walletFigures)};
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
  private static @Nullable Text walletNote(
      @Nullable Reading wallet, @Nullable Figures walletFigures) {
    if (wallet == null) {
      return null;
    }
    return walletFigures != null
        ? walletFigures.note()
        : Text.of("relay.wallet_unread", "problem", RelayText.problem(wallet));
  }
}
