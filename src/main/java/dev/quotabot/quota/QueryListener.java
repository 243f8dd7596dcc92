package dev.quotabot.quota;

/**
 * Hears a query's parts the moment each is known, for doors that show rows as they arrive. Called
 * on upstream threads: implementations must not block.
 */
public interface QueryListener {
  QueryListener NONE = new QueryListener() {};

  default void onAccount(AccountBalance account) {}

  /**
   * @param index the model's position in the query
   */
  default void onModel(int index, ModelQuota row) {}
}
