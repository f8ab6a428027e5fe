package newsdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.x as bytes over a plain socket, for requests no client library would send: broken
 * framing, odd versions, bad Host headers. Each exchange reads until the server closes.
 */
public final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READ_TIMEOUT_MILLIS = 20_000;

  private RawHttp() {}

  /** A response as read off the wire; {@code head} is the status line and headers. */
  public record Response(int status, String head, String body) {
    public boolean isProblem() {
      return contentType().startsWith("application/problem+json");
    }

    public String contentType() {
      String v = header("Content-Type");
      return v == null ? "" : v.toLowerCase(Locale.ROOT);
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
      }
      return null;
    }

    /** The body as JSON: a problem's type, status and detail. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public static Response exchange(int port, String request) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends {@code request} as it is on a new connection, then reads the answer until the server closes. */
  public static Response exchange(int port, byte[] request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      try {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
      } catch (SocketException e) {
        // The server may answer and close before it has read everything: the answer is what counts.
      }
      return parse(readAll(s.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the peer closes; a reset after some bytes ends the read like a close. */
  public static byte[] readAll(InputStream in) throws IOException {
    var all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) all.write(buf, 0, n);
    } catch (SocketException reset) {
      if (all.size() == 0) throw reset;
    }
    return all.toByteArray();
  }

  public static Response parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0 || !text.startsWith("HTTP/1.")) throw new AssertionError("not an HTTP response: '" + text + "'");
    String head = text.substring(0, end);
    return new Response(Integer.parseInt(head.substring(9, 12)), head, text.substring(end + 4));
  }
}
