package dev.quotabot.quota.headers;

import java.net.URI;
import java.util.Map;

/**
 * The cheapest call one API takes for one model: where it goes, its headers (the key among them)
 * and its JSON body.
 */
record CheapCall(URI url, Map<String, String> headers, String json) {
  CheapCall {
    headers = Map.copyOf(headers);
  }

  /** Never the headers: they hold the key. */
  @Override
  public String toString() {
    return "CheapCall[url=" + url + "]";
  }
}
