package dev.quotabot.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The headless Chromium of one browser test class, in a profile folder of its own: started once for
 * the class, then quit and its folder deleted on {@link #close} (so the class can hold it in an
 * {@code @AutoClose} field, beside the servers it drives).
 */
public final class BrowserSession implements AutoCloseable {
  private final Path profile;
  private final ChromeDriver driver;

  private BrowserSession(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts Chromium in a fresh profile folder ({@link HeadlessChromium#start}). */
  public static BrowserSession start() throws IOException {
    Path profile = Files.createTempDirectory("quotabot-chromium-");
    return new BrowserSession(profile, HeadlessChromium.start(profile));
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      HeadlessChromium.deleteRecursively(profile);
    }
  }
}
