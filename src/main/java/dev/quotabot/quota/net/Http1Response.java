package dev.quotabot.quota.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.1 response from a connection that closes after it: the status line and headers
 * (bounded: {@value #MAX_LINE} bytes a line, {@value #MAX_HEADERS} headers, {@value
 * #MAX_HEAD_BYTES} bytes in all), then the body framed by {@code Transfer-Encoding: chunked},
 * {@code Content-Length} or the end of the connection.
 *
 * <p>At most {@code maxBodyBytes} of the body are read: at the cap reading stops and the bytes read
 * so far are the body (the caller closes the connection, so the rest is never received). A body
 * that ends early (the connection closes or breaks, or a chunk is malformed) is likewise returned
 * as far as it came, as the JDK client does; only a timeout while reading it is a failure. Interim
 * (1xx) responses are skipped; 3xx responses are returned as they are.
 *
 * @param status the final status code
 * @param body the body, at most {@code maxBodyBytes}
 */
record Http1Response(int status, byte[] body) {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEADERS = 100;
  static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_INTERIM_RESPONSES = 5;
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] [1-9][0-9][0-9]( .*)?");

  /**
   * @param in the connection's input, buffered
   * @throws MalformedResponseException when the status line or headers are not acceptable
   * @throws IOException when the connection fails before the body (timeouts included)
   */
  static Http1Response read(InputStream in, int maxBodyBytes) throws IOException {
    int[] headBudget = {MAX_HEAD_BYTES};
    for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
      int status = statusLine(in, headBudget);
      Framing framing = headers(in, headBudget);
      if (status == 101) {
        throw new MalformedResponseException("it switched protocols");
      }
      if (status >= 200) {
        boolean bodyless = status == 204 || status == 304;
        return new Http1Response(status, bodyless ? new byte[0] : body(in, framing, maxBodyBytes));
      }
    }
    throw new MalformedResponseException("too many interim responses");
  }

  private static int statusLine(InputStream in, int[] budget) throws IOException {
    String line = line(in, budget);
    if (line == null) {
      throw new EOFException("closed without a response");
    }
    if (!STATUS_LINE.matcher(line).matches()) {
      throw new MalformedResponseException("not an HTTP/1.1 status line");
    }
    return Integer.parseInt(line.substring(9, 12));
  }

  /** What the headers say about the body; other headers are not kept. */
  private record Framing(boolean chunked, long contentLength) {}

  private static Framing headers(InputStream in, int[] budget) throws IOException {
    boolean chunked = false;
    boolean otherCoding = false;
    long contentLength = -1;
    for (int count = 0; ; count++) {
      String line = line(in, budget);
      if (line == null) {
        throw new EOFException("closed in the middle of the headers");
      }
      if (line.isEmpty()) {
        break;
      }
      if (count == MAX_HEADERS) {
        throw new MalformedResponseException("more than " + MAX_HEADERS + " headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new MalformedResponseException("a header line is not valid");
      }
      String name = line.substring(0, colon);
      if (!name.equals(name.strip())) {
        throw new MalformedResponseException("a header name is not valid");
      }
      String value = line.substring(colon + 1).strip();
      switch (name.toLowerCase(Locale.ROOT)) {
        case "transfer-encoding" -> {
          String last = value.substring(value.lastIndexOf(',') + 1).strip();
          boolean isChunked = last.equalsIgnoreCase("chunked");
          chunked = isChunked;
          otherCoding = !isChunked;
        }
        case "content-length" -> {
          long length = contentLength(value);
          if (contentLength != -1 && contentLength != length) {
            throw new MalformedResponseException("conflicting Content-Length headers");
          }
          contentLength = length;
        }
        default -> {
          // not needed
        }
      }
    }
    if (chunked || otherCoding) {
      return new Framing(chunked, -1);
    }
    return new Framing(false, contentLength);
  }

  /** A length, or a list of the same length repeated ("42, 42"). */
  private static long contentLength(String value) throws MalformedResponseException {
    String[] parts = value.split(",", -1);
    String first = parts[0].strip();
    for (String part : parts) {
      String digits = part.strip();
      if (digits.isEmpty()
          || digits.length() > 18
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new MalformedResponseException("Content-Length is not a number");
      }
      if (!digits.equals(first)) {
        throw new MalformedResponseException("conflicting Content-Length values");
      }
    }
    return Long.parseLong(first);
  }

  private static byte[] body(InputStream in, Framing framing, int maxBodyBytes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(maxBodyBytes, 16 * 1024));
    try {
      if (framing.chunked()) {
        chunked(in, body, maxBodyBytes);
      } else {
        long wanted = framing.contentLength() < 0 ? Long.MAX_VALUE : framing.contentLength();
        copy(in, body, Math.min(wanted, maxBodyBytes));
      }
    } catch (SocketTimeoutException timeout) {
      throw timeout;
    } catch (IOException cutShort) {
      // the body as far as it came
    }
    return body.toByteArray();
  }

  private static void chunked(InputStream in, ByteArrayOutputStream body, int maxBodyBytes)
      throws IOException {
    while (body.size() < maxBodyBytes) {
      String sizeLine = line(in, new int[] {MAX_LINE});
      if (sizeLine == null) {
        return;
      }
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
      if (hex.isEmpty()
          || hex.length() > 8
          || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new MalformedResponseException("a chunk size is not valid");
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        return; // trailers are not needed: the connection is closed next
      }
      long room = maxBodyBytes - body.size();
      copy(in, body, Math.min(size, room));
      if (size > room) {
        return;
      }
      String end = line(in, new int[] {MAX_LINE});
      if (end == null || !end.isEmpty()) {
        throw new MalformedResponseException("a chunk does not end with a line break");
      }
    }
  }

  /** Copies up to {@code count} bytes, fewer if the stream ends first. */
  private static void copy(InputStream in, ByteArrayOutputStream out, long count)
      throws IOException {
    byte[] buffer = new byte[8 * 1024];
    long left = count;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        return;
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  /**
   * One line without its CRLF (a bare LF is accepted), or null at the end of the stream before any
   * byte. Each byte read is taken from {@code budget[0]}.
   */
  private static String line(InputStream in, int[] budget) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (line.length() == 0) {
          return null;
        }
        throw new EOFException("closed in the middle of a line");
      }
      if (c == '\n') {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return line.toString();
      }
      if (line.length() == MAX_LINE) {
        throw new MalformedResponseException("a line is longer than " + MAX_LINE + " bytes");
      }
      if (--budget[0] < 0) {
        throw new MalformedResponseException(
            "the headers are longer than " + MAX_HEAD_BYTES + " bytes");
      }
      line.append((char) c);
    }
  }
}
