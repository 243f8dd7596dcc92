package dev.quotabot.quota.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing one HTTP/1.1 response: status, framing, caps, and what is malformed. */
final class Http1ResponseTest {
  private static final int CAP = 64;

  @Test
  void readsContentLengthBody() throws IOException {
    Http1Response response =
        read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Other: y\r\n\r\nhello and more");

    assertEquals(200, response.status());
    assertEquals("hello", text(response));
  }

  @Test
  void readsChunkedBodyWithExtensionsAndTrailers() throws IOException {
    // GIVEN a chunked body with a chunk extension, upper-case hex and a trailer
    String wire =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\n\r\n"
            + "4;name=value\r\n{\"a\"\r\n"
            + "A\r\n:12345678}\r\n"
            + "0\r\nX-Trailer: t\r\n\r\n";

    // WHEN it is read THEN the chunks are joined (Transfer-Encoding wins over Content-Length)
    assertEquals("{\"a\":12345678}", text(read(wire)));
  }

  @Test
  void capsChunkedBodyInTheMiddleOfAChunk() throws IOException {
    String wire =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "28\r\n"
            + "a".repeat(40)
            + "\r\n28\r\n"
            + "b".repeat(40)
            + "\r\n0\r\n\r\n";

    assertEquals("a".repeat(40) + "b".repeat(24), text(read(wire)));
  }

  @Test
  void readsUntilCloseWithoutFramingUpToTheCap() throws IOException {
    assertEquals("short", text(read("HTTP/1.0 200 OK\r\n\r\nshort")));
    assertEquals(CAP, read("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(1000)).body().length);
  }

  @Test
  void capsContentLengthBody() throws IOException {
    Http1Response response =
        read("HTTP/1.1 500 Oops\r\nContent-Length: 1000\r\n\r\n" + "e".repeat(1000));

    assertEquals(500, response.status());
    assertEquals("e".repeat(CAP), text(response));
  }

  @Test
  void skipsInterimResponsesAndKeepsRedirectsAsTheyAre() throws IOException {
    assertEquals(
        "done",
        text(
            read(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone")));
    Http1Response redirect =
        read(
            "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\n\r\n");
    assertEquals(302, redirect.status());
  }

  @Test
  void noBodyFor204And304() throws IOException {
    assertEquals(0, read("HTTP/1.1 204 No Content\r\n\r\nleftover").body().length);
    assertEquals(0, read("HTTP/1.1 304 Not Modified\r\n\r\nleftover").body().length);
  }

  @Test
  void acceptsBareLineFeedsAndRepeatedEqualLengths() throws IOException {
    assertEquals("ok", text(read("HTTP/1.1 200 OK\nContent-Length: 2, 2\n\nok")));
  }

  @Test
  void bodyCutShortIsReturnedAsFarAsItCame() throws IOException {
    assertEquals("half", text(read("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf")));
    assertEquals(
        "abc",
        text(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n")));
  }

  @Test
  void timeoutWhileReadingTheBodyIsAFailure() {
    InputStream head =
        new ByteArrayInputStream(
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
    InputStream stalls =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new SocketTimeoutException("Read timed out");
          }
        };

    assertThrows(
        SocketTimeoutException.class,
        () -> Http1Response.read(new SequenceInputStream(head, stalls), CAP));
  }

  @ParameterizedTest(name = "malformed: {0}")
  @ValueSource(
      strings = {
        "HTTP/2 200\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNo-Colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\n folded: value\r\n\r\n",
        "HTTP/1.1 200 OK\r\nName : value\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nab",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
      })
  void refusesMalformedHeads(String wire) {
    assertThrows(MalformedResponseException.class, () -> read(wire));
  }

  @Test
  void boundsLinesHeaderCountAndHeadSize() {
    assertThrows(
        MalformedResponseException.class,
        () -> read("HTTP/1.1 200 OK\r\nX: " + "a".repeat(Http1Response.MAX_LINE) + "\r\n\r\n"));
    assertThrows(
        MalformedResponseException.class,
        () ->
            read(
                "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(Http1Response.MAX_HEADERS + 1) + "\r\n"));
    String interim =
        "HTTP/1.1 100 Continue\r\n" + ("X: " + "a".repeat(4000) + "\r\n").repeat(20) + "\r\n";
    assertThrows(MalformedResponseException.class, () -> read(interim.repeat(3)));
  }

  @Test
  void closedBeforeAnyAnswerIsEndOfFile() {
    assertThrows(EOFException.class, () -> read(""));
    assertThrows(EOFException.class, () -> read("HTTP/1.1 200 OK\r\nX: y\r\n"));
  }

  @Test
  void bodyBytesAreKeptExactly() throws IOException {
    byte[] binary = {0, (byte) 0xff, '\r', '\n', 42};
    byte[] head =
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] wire = new byte[head.length + binary.length];
    System.arraycopy(head, 0, wire, 0, head.length);
    System.arraycopy(binary, 0, wire, head.length, binary.length);

    assertArrayEquals(binary, Http1Response.read(new ByteArrayInputStream(wire), CAP).body());
  }

  private static Http1Response read(String wire) throws IOException {
    return Http1Response.read(
        new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), CAP);
  }

  private static String text(Http1Response response) {
    return new String(response.body(), StandardCharsets.ISO_8859_1);
  }
}
