package dev.quotabot;

import dev.quotabot.config.AppConfig;
import dev.quotabot.config.ConfigException;
import dev.quotabot.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar quota-bot.jar [--config FILE] [--healthcheck]}. Wiring only. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    boolean healthCheck = Arrays.asList(args).contains(HealthCheckCommand.FLAG);
    String[] configArgs =
        Arrays.stream(args)
            .filter(arg -> !arg.equals(HealthCheckCommand.FLAG))
            .toArray(String[]::new);
    ConsoleLogs.useEarly(System.getenv());
    AppConfig config;
    try {
      config = ConfigLoader.load(configArgs, Path.of(""), System.getenv());
    } catch (ConfigException invalid) {
      LOG.error(invalid.getMessage());
      System.exit(2);
      return;
    }
    ConsoleLogs.use(config.logFormat());
    if (healthCheck) {
      System.exit(HealthCheckCommand.run(config.web()));
      return;
    }
    Application application;
    try {
      application = Application.start(config);
    } catch (RuntimeException failed) {
      LOG.error("Cannot start: {}", StartupFailure.describe(failed, config));
      System.exit(1);
      return;
    }
    TerminationSignals.onTermination(application::close);
  }
}
