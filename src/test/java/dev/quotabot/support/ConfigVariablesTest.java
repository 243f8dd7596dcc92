package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ConfigVariablesTest {
  @Test
  void knowsKeysTheirConventionalNamesAndSecrets() {
    assertTrue(ConfigVariables.known("QUOTABOT_WEB_PORT"));
    assertTrue(ConfigVariables.known("PORT"));
    assertFalse(ConfigVariables.known("QUOTABOT_WEB_PROT"));
    assertTrue(ConfigVariables.known("QUOTABOT_DISCORD_SHARD_IDS"));
    assertTrue(ConfigVariables.known("QUOTABOT_METRICS_PORT"));
    assertTrue(ConfigVariables.secret("DISCORD_TOKEN"));
    assertTrue(ConfigVariables.secret("QUOTABOT_DATABASE_PASSWORD"));
    assertFalse(ConfigVariables.secret("QUOTABOT_DATABASE_USER"));
  }
}
