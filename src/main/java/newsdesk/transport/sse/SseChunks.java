package newsdesk.transport.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import newsdesk.store.Event;

/**
 * SSE events framed as HTTP/1.1 chunks ({@code <hex length>\r\n<event>\r\n}), ready to go on the
 * wire as they are. Framed once per event; every subscriber's socket gets a duplicate of the same
 * bytes, so the fan-out builds nothing per subscriber.
 */
final class SseChunks implements Function<Event, ByteBuf> {
  static final SseChunks INSTANCE = new SseChunks();

  private SseChunks() {}

  @Override
  public ByteBuf apply(Event e) {
    return frame(SseEncoder.INSTANCE.apply(e).getBytes());
  }

  static ByteBuf frame(String sse) {
    return frame(sse.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Direct memory owned by a JDK {@link ByteBuffer}, never released by hand: the garbage collector
   * frees it once the last write is done, which keeps reference counting out of a path shared by
   * thousands of sockets. Direct because the native transport writes only native memory: a heap
   * buffer would be copied into a fresh direct one for every socket.
   */
  static ByteBuf frame(byte[] payload) {
    byte[] head = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    var framed = ByteBuffer.allocateDirect(head.length + payload.length + 2);
    framed.put(head).put(payload).put((byte) '\r').put((byte) '\n').flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(framed));
  }
}
