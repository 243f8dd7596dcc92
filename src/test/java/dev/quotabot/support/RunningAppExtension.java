package dev.quotabot.support;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The product with its default settings ({@link RunningApp#start} with no entries), started once
 * before a test class and stopped after it: {@code @RegisterExtension static final
 * RunningAppExtension app = new RunningAppExtension();}.
 */
public final class RunningAppExtension implements BeforeAllCallback, AfterAllCallback {
  private RunningApp app;

  @Override
  public void beforeAll(ExtensionContext context) {
    app = RunningApp.start(Map.of());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    app.close();
  }

  public int port() {
    return app.port();
  }

  public URI uri(String path) {
    return app.uri(path);
  }
}
