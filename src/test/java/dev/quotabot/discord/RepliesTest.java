package dev.quotabot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RepliesTest {

  @Test
  void showsAProblemQuotingWhatWasTypedAsTypedNeverAsFormattingOrALink() {
    String problem =
        "A model name is longer than 200 characters (it starts with \"**@everyone** ||x||"
            + " [a](https://evil.example) \\[b\\](https://evil.example)…\"): check the models"
            + " list.";

    String shown = Replies.refusal(BotText.EN, problem);

    assertEquals(
        "⚠️ Cannot check: A model name is longer than 200 characters (it starts with"
            + " \"\\*\\*@everyone\\*\\* \\|\\|x\\|\\| \\[a\\](https://evil.example)"
            + " \\\\\\[b\\\\\\](https://evil.example)…\"): check the models list.",
        shown);
  }

  @Test
  void keepsTheCoresMessagesReadable() {
    String shown =
        Replies.refusal(
            BotText.ZH, "base_url must start with https:// (plain http is not allowed here).");

    assertEquals(
        "⚠️ 无法查询：base\\_url must start with https:// (plain http is not allowed here).", shown);
    assertTrue(Replies.NO_MENTIONS.isEmpty());
  }
}
