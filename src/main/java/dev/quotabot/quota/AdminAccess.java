package dev.quotabot.quota;

/**
 * A relay's account-level access: the user id and the system access token from the relay's settings
 * page. The token is a secret exactly like an API key (masked, never logged).
 */
public record AdminAccess(String userId, ApiKey accessToken) {

  @Override
  public String toString() {
    return "AdminAccess[userId=" + userId + ", accessToken=" + accessToken + "]";
  }
}
