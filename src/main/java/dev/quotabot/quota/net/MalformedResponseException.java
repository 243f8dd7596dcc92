package dev.quotabot.quota.net;

import java.io.IOException;

/** The upstream's answer is not HTTP/1.1 this client accepts; the message says what was wrong. */
final class MalformedResponseException extends IOException {
  MalformedResponseException(String what) {
    super(what);
  }
}
