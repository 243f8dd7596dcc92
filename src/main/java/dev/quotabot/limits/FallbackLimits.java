package dev.quotabot.limits;

import dev.quotabot.health.HealthIndicator;
import dev.quotabot.health.HealthState;
import java.time.Duration;
import java.util.Map;

/**
 * Shared limits that fall back to local ones: each limit asks the shared store through one {@link
 * Circuit}, and while the store is away the same limit kept in this process's memory answers (a
 * client's allowance is then per replica, as before sharing). Its health is {@code rate_limits}:
 * {@code shared}, or {@code local_fallback} while the store is away. The fallback is still ready:
 * this replica serves queries with sound (only not shared) limits; the {@code database} indicator
 * is what takes it out of rotation.
 */
public final class FallbackLimits implements Limits {
  public static final String HEALTH_NAME = "rate_limits";

  private final Limits shared;
  private final Limits local;
  private final Circuit circuit;

  public FallbackLimits(Limits shared, Limits local, Circuit circuit) {
    this.shared = shared;
    this.local = local;
    this.circuit = circuit;
  }

  @Override
  public ClientRateLimit perClient(int perMinute) {
    ClientRateLimit onShared = shared.perClient(perMinute);
    ClientRateLimit onLocal = local.perClient(perMinute);
    return new ClientRateLimit() {
      @Override
      public long acquire(String clientKey) {
        return circuit.call(() -> onShared.acquire(clientKey), () -> onLocal.acquire(clientKey));
      }

      @Override
      public boolean blocks() {
        return true;
      }
    };
  }

  @Override
  public UserCooldowns perUser(Duration period) {
    UserCooldowns onShared = shared.perUser(period);
    UserCooldowns onLocal = local.perUser(period);
    return new UserCooldowns() {
      @Override
      public Duration tryStart(long userId) {
        return circuit.call(() -> onShared.tryStart(userId), () -> onLocal.tryStart(userId));
      }

      @Override
      public void release(long userId) {
        circuit.call(
            () -> {
              onShared.release(userId);
              return null;
            },
            () -> {
              onLocal.release(userId);
              return null;
            });
      }

      @Override
      public Duration remaining(long userId) {
        return circuit.call(() -> onShared.remaining(userId), () -> onLocal.remaining(userId));
      }
    };
  }

  /** {@code rate_limits}: {@code shared}, or {@code local_fallback} while the store is away. */
  public HealthIndicator health() {
    return new HealthIndicator() {
      @Override
      public String name() {
        return HEALTH_NAME;
      }

      @Override
      public HealthState check() {
        return HealthState.ready(circuit.isOpen() ? "local_fallback" : "shared", Map.of());
      }
    };
  }

  /** {@code rate_limits} of a process whose limits are its own ({@code local}). */
  public static HealthIndicator localHealth() {
    return new HealthIndicator() {
      @Override
      public String name() {
        return HEALTH_NAME;
      }

      @Override
      public HealthState check() {
        return HealthState.ready("local", Map.of());
      }
    };
  }
}
