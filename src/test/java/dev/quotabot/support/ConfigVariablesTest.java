package dev.quotabot.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConfigVariablesTest {
  @Test
  void listsNoParallelBranchKeyThatConfigKeyAlreadyHas() {
    // a merged branch's keys are checked against ConfigKey itself: drop them from the list
    assertEquals(Set.of(), ConfigVariables.listedButMerged());
  }

  @Test
  void knowsKeysTheirConventionalNamesAndSecrets() {
    assertTrue(ConfigVariables.known("QUOTABOT_WEB_PORT"));
    assertTrue(ConfigVariables.known("PORT"));
    assertFalse(ConfigVariables.known("QUOTABOT_WEB_PROT"));
    assertTrue(ConfigVariables.secret("DISCORD_TOKEN"));
    assertTrue(ConfigVariables.secret("QUOTABOT_DATABASE_PASSWORD"));
    assertFalse(ConfigVariables.secret("QUOTABOT_DATABASE_USER"));
  }
}
