package dev.quotabot.quota.net;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** GETs a small JSON answer from an upstream. */
public interface UpstreamHttp {

  /**
   * @param url where to ask
   * @param headers request headers (credentials included: they are never logged)
   * @param timeout the whole call, body included
   * @param upstreamName how the upstream is named in failure texts ("DeepSeek")
   * @return never completes exceptionally; failures are an {@link UpstreamResponse} with a {@code
   *     failure}
   */
  CompletableFuture<UpstreamResponse> get(
      URI url, Map<String, String> headers, Duration timeout, String upstreamName);
}
