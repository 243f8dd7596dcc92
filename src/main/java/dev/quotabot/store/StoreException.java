package dev.quotabot.store;

/**
 * The watch database cannot be opened or used. The message is one sentence an operator can act on:
 * it names the database's URL without its password and never carries a key.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    // no stack trace: the message is the whole story, and it is logged as one line
    super(message, null, false, false);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
