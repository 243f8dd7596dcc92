package dev.quotabot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry every part records into: Prometheus's when metrics are on, with the JVM (memory, GC,
 * threads, classes) and process (CPU, uptime, open files) meters bound; otherwise an empty
 * composite registry, whose meters record nothing. One instance per process, passed to each part
 * (no global registry).
 */
public final class Metrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final @Nullable PrometheusMeterRegistry prometheus;
  private final @Nullable JvmGcMetrics gc;

  private Metrics(
      MeterRegistry registry,
      @Nullable PrometheusMeterRegistry prometheus,
      @Nullable JvmGcMetrics gc) {
    this.registry = registry;
    this.prometheus = prometheus;
    this.gc = gc;
  }

  /** Records nothing: what every part gets while {@code metrics.port} is empty. */
  public static Metrics off() {
    return new Metrics(new CompositeMeterRegistry(), null, null);
  }

  /** A Prometheus registry with the JVM's and the process's meters bound. */
  public static Metrics onPrometheus() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gc = new JvmGcMetrics();
    List<MeterBinder> binders =
        List.of(
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics());
    binders.forEach(binder -> binder.bindTo(prometheus));
    return new Metrics(prometheus, prometheus, gc);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry to scrape, when metrics are on. */
  public Optional<PrometheusMeterRegistry> scraped() {
    return Optional.ofNullable(prometheus);
  }

  /** Stops listening to GC notifications and closes the registry. */
  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
