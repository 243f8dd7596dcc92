package dev.quotabot.quota.watch.vault;

/** A sealed secret cannot be opened: which key it needs and why, never the secret itself. */
public final class VaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VaultException(String message) {
    super(message);
  }
}
