package newsdesk.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket client as bytes over a plain socket (RFC 6455 §5), for frames no client library
 * sends: unmasked, reserved bits or opcodes, broken UTF-8, oversized control frames.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CONTINUATION = 0x0;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

  private final Socket socket;

  private RawWebSocket(Socket socket) {
    this.socket = socket;
  }

  /** A socket to {@code port} that has completed the handshake to {@code /ws}. */
  public static RawWebSocket open(int port) {
    return open(port, 0);
  }

  /** As {@link #open(int)}, with a small receive buffer when {@code receiveBuffer} is not 0. */
  public static RawWebSocket open(int port, int receiveBuffer) {
    try {
      var s = new Socket();
      if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.setSoTimeout(20_000);
      var ws = new RawWebSocket(s);
      ws.handshake();
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handshake() throws IOException {
    socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new AssertionError("the server closed during the handshake: " + head);
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) throw new AssertionError("not upgraded: " + head);
  }

  /** A final, masked text frame, as a browser sends one. */
  public static byte[] text(String text) {
    return frame(0x80, TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One frame: {@code flags} is the first byte's top four bits (FIN 0x80, RSV1-3 0x40-0x10),
   * {@code opcode} its low four; a client must mask, so {@code masked} false is a protocol error.
   */
  public static byte[] frame(int flags, int opcode, boolean masked, byte[] payload) {
    var out = new ByteArrayOutputStream();
    out.write(flags | opcode);
    int mask = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.write(mask | payload.length);
    } else if (payload.length < 65_536) {
      out.write(mask | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length);
    } else {
      out.write(mask | 127);
      for (int shift = 56; shift >= 0; shift -= 8) out.write((int) ((long) payload.length >>> shift));
    }
    if (masked) out.writeBytes(MASK);
    for (int i = 0; i < payload.length; i++) out.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
    return out.toByteArray();
  }

  public void send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads frames until the server's close frame and returns its status code; -1 if the
   * connection ended without one, or none came within {@code timeout}.
   */
  public int awaitCloseCode(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      var in = new DataInputStream(socket.getInputStream());
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        byte[] payload = in.readNBytes((int) length);
        if ((first & 0x0f) == CLOSE) return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
      }
      return -1;
    } catch (IOException e) {
      return -1; // closed, reset or silent
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket
    }
  }
}
