package dev.quotabot.quota.relay;

import dev.quotabot.quota.AccountBalance;
import dev.quotabot.quota.ProbeStatus;

/**
 * Puts the key's figures and, when admin access was given, the wallet's into one {@link
 * AccountBalance}. The key's own figures come first (they are what the key can spend); the wallet
 * stands in where the key has no limit of its own or its figures could not be read, and is
 * otherwise summed up in the note.
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
  static AccountBalance compose(Reading key, Reading wallet, RelayStatus status) {
    boolean walletRead = wallet != null && wallet.read();
    if (key.read()) {
      Figures token = key.figures();
      if (token.unlimited() && walletRead) {
        return fromWallet(
            wallet.figures(),
            token,
            "This token has no limit of its own, so these are the account's wallet, read with the"
                + " access token.");
      }
      if (token.unlimited()) {
        String why =
            wallet == null
                ? NEEDS_ACCESS_TOKEN
                : "This token has no limit of its own: it spends the account's wallet, which the"
                    + " access token could not read: "
                    + wallet.problem();
        return balance(token, null, why);
      }
      return balance(
          token,
          walletRead ? wallet.figures().name() : null,
          wallet == null ? null : walletRead ? summary(wallet.figures()) : walletProblem(wallet));
    }
    if (walletRead && key.failure() != ProbeStatus.INVALID_KEY) {
      return fromWallet(
          wallet.figures(),
          null,
          "The key's own figures could not be read ("
              + key.problem()
              + "); these are the account's wallet, read with the access token.");
    }
    return new AccountBalance(
        PROVIDER,
        status.known() ? status.quotaUnit() : null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        wallet == null ? null : walletRead ? summary(wallet.figures()) : walletProblem(wallet),
        key.failure(),
        key.problem());
  }

  private static AccountBalance balance(Figures token, String otherName, String extra) {
    return new AccountBalance(
        PROVIDER,
        token.unit(),
        token.available(),
        token.total(),
        null,
        token.used(),
        token.unlimited(),
        token.expiresAt(),
        token.name() != null ? token.name() : otherName,
        Notes.join(token.note(), extra),
        ProbeStatus.OK,
        null);
  }

  private static AccountBalance fromWallet(Figures wallet, Figures token, String why) {
    return new AccountBalance(
        PROVIDER,
        wallet.unit(),
        wallet.available(),
        wallet.total(),
        null,
        wallet.used(),
        false,
        token == null ? null : token.expiresAt(),
        token != null && token.name() != null ? token.name() : wallet.name(),
        Notes.join(why, requests(wallet), wallet.note()),
        ProbeStatus.OK,
        null);
  }

  private static String summary(Figures wallet) {
    return Notes.join(
        "The account's wallet (access token): "
            + wallet.available().toPlainString()
            + " "
            + wallet.unit()
            + " left"
            + (wallet.used() == null ? "" : ", " + wallet.used().toPlainString() + " used")
            + ".",
        requests(wallet));
  }

  private static String requests(Figures wallet) {
    return wallet.requests() == null
        ? null
        : "The account has made " + wallet.requests() + " requests.";
  }

  private static String walletProblem(Reading wallet) {
    return "The account's wallet could not be read with the access token: " + wallet.problem();
  }
}
