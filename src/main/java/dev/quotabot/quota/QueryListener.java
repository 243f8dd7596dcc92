package dev.quotabot.quota;

/**
 * Hears a query's parts the moment each is known, for doors that show rows as they arrive: the
 * account first, then each row; every call happens before the report completes, and no two calls
 * overlap. Called on upstream threads: implementations must not block.
 */
public interface QueryListener {
  QueryListener NONE = new QueryListener() {};

  default void onAccount(Account account) {}

  /**
   * @param index the row's position in the report
   */
  default void onModel(int index, ModelQuota row) {}
}
