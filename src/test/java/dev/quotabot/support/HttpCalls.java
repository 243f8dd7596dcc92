package dev.quotabot.support;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for tests that talk to the real server the way curl would. */
public final class HttpCalls {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private HttpCalls() {}

  public static HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  public static HttpResponse<String> postJson(URI uri, String json, String... headers) {
    return post(uri, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  public static HttpResponse<String> post(
      URI uri, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return send(
          request,
          Duration.ofSeconds(30),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  /**
   * Sends with this timeout and body handler; failures are thrown as they are, for tests that tell
   * a timeout from a closed connection.
   */
  public static <T> HttpResponse<T> send(
      HttpRequest.Builder request, Duration timeout, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return CLIENT.send(request.timeout(timeout).build(), body);
  }

  public static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
