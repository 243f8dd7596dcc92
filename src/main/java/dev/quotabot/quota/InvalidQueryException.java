package dev.quotabot.quota;

/**
 * The query cannot run as asked. Its {@link #text()} is written for the person who sent it: it says
 * what to fix and never contains a key; the message is its English wording.
 */
public final class InvalidQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Text text;

  public InvalidQueryException(Text text) {
    super(text.english(), null, false, false);
    this.text = text;
  }

  /** What to fix, to be worded in the reader's language. */
  public Text text() {
    return text;
  }
}
