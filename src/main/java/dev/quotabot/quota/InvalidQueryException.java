package dev.quotabot.quota;

/**
 * The query cannot run as asked. The message is written for the person who sent it: it says what to
 * fix and never contains a key.
 */
public final class InvalidQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) {
    super(message, null, false, false);
  }
}
