package dev.quotabot.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times what each provider spends talking to its upstream, and counts the probes it sends: a probe
 * is a real call that costs the key's owner quota, so an operator should see how many go out.
 * Measured around the {@link Provider} (one decorator per provider) rather than inside the HTTP
 * stack, because only the provider knows which provider a call is for, and a door never does.
 */
public final class UpstreamMeters {
  static final String UPSTREAM = "quotabot.upstream.duration";
  static final String PROBES = "quotabot.probes.sent";

  /** Buckets for upstream answers: from a fast cached GET to the longest probe timeout. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(20)
  };

  private final MeterRegistry registry;

  public UpstreamMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The provider, measured: its account reads and probes are timed and its probes counted. */
  Provider measured(Provider provider) {
    return new MeteredProvider(provider, this);
  }

  Timer timer(String provider, String call) {
    return Timer.builder(UPSTREAM)
        .description(
            "Time a provider took to answer from its upstream: one account read or one probe")
        .tag("provider", provider)
        .tag("call", call)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  Counter probes(String provider) {
    return Counter.builder(PROBES)
        .description("Probes sent to an upstream: each one is a real call on the user's quota")
        .tag("provider", provider)
        .register(registry);
  }

  MeterRegistry registry() {
    return registry;
  }
}
