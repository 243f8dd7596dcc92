package dev.quotabot.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quotabot.support.CoreDoubles;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What {@link Provider}'s defaults answer for a provider that does not do a thing. */
final class ProviderTest {

  @Test
  void aProviderThatProbesNothingAnswersAFailedRowInsteadOfThrowing() {
    // GIVEN a provider that reads balances only and does not override probe
    Provider balancesOnly =
        new Provider() {
          @Override
          public ProviderInfo info() {
            return new ProviderInfo(
                "deepseek", "DeepSeek", Set.of(Capability.BALANCES), null, List.of(), "sk-…");
          }

          @Override
          public CompletableFuture<ProviderResult> readAccount(ProviderRequest request) {
            return CompletableFuture.completedFuture(
                ProviderResult.balanceOnly(CoreDoubles.BALANCE));
          }
        };

    // WHEN it is asked to probe anyway
    ModelQuota row =
        balancesOnly
            .probe(
                new ProviderRequest(
                    ApiKey.of("sk-0123456789abcdefghij"),
                    List.of("m"),
                    null,
                    null,
                    Duration.ofSeconds(1)),
                "m")
            .join();

    // THEN it says so in a failed row, and nothing was sent anywhere
    assertEquals(ProbeStatus.UPSTREAM_ERROR, row.status());
    assertEquals("DeepSeek probes no model.", row.error());
    assertEquals("m", row.model());
  }
}
