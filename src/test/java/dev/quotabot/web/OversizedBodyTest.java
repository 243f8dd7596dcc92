package dev.quotabot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quotabot.support.HttpCalls;
import dev.quotabot.support.RunningAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends its whole body before reading (as most HTTP libraries do) must see the 413,
 * not a reset: a server that closes with unread data makes the kernel reset the connection, and the
 * reset can overtake the answer.
 */
final class OversizedBodyTest {
  private static final int PIECE = 16 * 1024;
  @RegisterExtension static final RunningAppExtension app = new RunningAppExtension();

  @Test
  void aDeclaredBodyOfAMegabyteIsReadToItsEndAndAnswered413() throws IOException {
    int size = 1_000_000;
    String head = head("Content-Length: " + size);

    String answer = sendWholeBodyThenRead(head, size, false);

    assertTooBig(answer);
  }

  @Test
  void aChunkedBodyOfAMegabyteIsReadToItsEndAndAnswered413() throws IOException {
    String head = head("Transfer-Encoding: chunked");

    String answer = sendWholeBodyThenRead(head, 1_000_000, true);

    assertTooBig(answer);
  }

  @Test
  void aBodyDeclaredFarAboveTheDrainLimitIsAnsweredAtOnceWithoutWaitingForIt() throws IOException {
    // GIVEN a client that announces 100 MB and then only listens
    try (Socket socket = new Socket(app.uri("/").getHost(), app.uri("/").getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(ascii(head("Content-Length: " + 100 * 1024 * 1024)));
      socket.getOutputStream().flush();

      // THEN the 413 comes without a single body byte sent
      assertTooBig(readAll(socket.getInputStream()));
    }
    assertEquals(200, HttpCalls.get(app.uri("/health")).statusCode());
  }

  private static String head(String framing) {
    return "POST /api/balance HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + framing
        + "\r\n\r\n";
  }

  /**
   * Writes the head, then the body in pieces with short pauses (so that the server has long
   * answered before the last piece leaves), then reads the answer.
   */
  private static String sendWholeBodyThenRead(String head, int size, boolean chunked)
      throws IOException {
    try (Socket socket = new Socket(app.uri("/").getHost(), app.uri("/").getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(ascii(head));
      byte[] piece = new byte[PIECE];
      Arrays.fill(piece, (byte) 'x');
      for (int sent = 0; sent < size; sent += PIECE) {
        if (chunked) {
          out.write(ascii(Integer.toHexString(PIECE) + "\r\n"));
        }
        out.write(piece);
        if (chunked) {
          out.write(ascii("\r\n"));
        }
        out.flush();
        if (sent % (16 * PIECE) == 0) {
          pause();
        }
      }
      if (chunked) {
        out.write(ascii("0\r\n\r\n"));
        out.flush();
      }
      return readAll(socket.getInputStream());
    }
  }

  private static void assertTooBig(String answer) {
    assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    assertTrue(answer.contains("64 KB"), answer);
    assertTrue(answer.contains("application/json"), answer);
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
