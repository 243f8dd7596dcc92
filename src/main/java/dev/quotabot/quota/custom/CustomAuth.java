package dev.quotabot.quota.custom;

import dev.quotabot.quota.ApiKey;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a custom provider is sent the key: {@code bearer} ({@code Authorization: Bearer <key>}),
 * {@code raw} ({@code Authorization: <key>}, as Zhipu-style APIs want it) or {@code header:<Name>}
 * ({@code <Name>: <key>}, such as {@code header:X-Api-Key}).
 *
 * @param header the request header that carries the key
 * @param bearer whether the key is preceded by {@code Bearer }
 */
public record CustomAuth(String header, boolean bearer) {
  /** An HTTP header name: an RFC 9110 token. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

  private static final String AUTHORIZATION = "Authorization";
  private static final String HEADER = "header:";

  public static final CustomAuth BEARER = new CustomAuth(AUTHORIZATION, true);
  public static final CustomAuth RAW = new CustomAuth(AUTHORIZATION, false);

  /**
   * Reads the configured form.
   *
   * @throws IllegalArgumentException saying what is wrong (the text itself is not repeated: a key
   *     pasted in the wrong place must not reach a log)
   */
  public static CustomAuth parse(String text) {
    if (text.equals("bearer")) {
      return BEARER;
    }
    if (text.equals("raw")) {
      return RAW;
    }
    if (text.startsWith(HEADER)) {
      String name = text.substring(HEADER.length());
      if (TOKEN.matcher(name).matches()) {
        return new CustomAuth(name, false);
      }
      throw new IllegalArgumentException(
          "must name a header after header: (letters, digits and - only, such as"
              + " header:X-Api-Key)");
    }
    throw new IllegalArgumentException("must be bearer, raw or header:<Name>");
  }

  /** The one header that carries {@code key}. */
  Map<String, String> headers(ApiKey key) {
    return Map.of(header, bearer ? "Bearer " + key.reveal() : key.reveal());
  }
}
