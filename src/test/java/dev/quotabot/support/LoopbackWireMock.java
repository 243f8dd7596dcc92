package dev.quotabot.support;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** A WireMock upstream on a random loopback port, for {@code @RegisterExtension}. */
public final class LoopbackWireMock {
  private LoopbackWireMock() {}

  /** Bound to 127.0.0.1 only (never every interface), on a port the system picks. */
  public static WireMockExtension extension() {
    return WireMockExtension.newInstance()
        .options(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }
}
