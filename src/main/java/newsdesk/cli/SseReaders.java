package newsdesk.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads many SSE streams on one thread and counts what a synthetic load needs: streams opened (a
 * {@code 200} status line) and data lines holding a marker. One thread for the lot keeps the load's
 * own cost small, and lets the self-warm run it at idle priority (decision 0018).
 */
final class SseReaders implements AutoCloseable {
  private final Selector selector;
  private final Queue<SocketChannel> added = new ConcurrentLinkedQueue<>();
  private final String marker;
  private final AtomicLong opened;
  private final AtomicLong received;
  private final Thread thread;
  private volatile boolean closed;

  SseReaders(ThreadFactory threads, String marker, AtomicLong opened, AtomicLong received) throws IOException {
    this.selector = Selector.open();
    this.marker = marker;
    this.opened = opened;
    this.received = received;
    this.thread = threads.newThread(this::run);
    thread.start();
  }

  /** Connects, sends {@code request} (a whole HTTP request head) and reads the stream from then on. */
  SocketChannel open(InetSocketAddress server, String request) throws IOException {
    var channel = SocketChannel.open(server);
    var bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) channel.write(bytes);
    channel.configureBlocking(false);
    added.add(channel);
    selector.wakeup();
    return channel;
  }

  private void run() {
    var buffer = ByteBuffer.allocate(64 << 10);
    try {
      while (!closed) {
        selector.select(100);
        for (SocketChannel c; (c = added.poll()) != null; ) {
          try {
            c.register(selector, SelectionKey.OP_READ, new Lines());
          } catch (ClosedChannelException gone) {
            // closed by the load before its first read
          }
        }
        var keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          read(key, buffer);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // closed
    }
  }

  private static void read(SelectionKey key, ByteBuffer buffer) {
    var channel = (SocketChannel) key.channel();
    try {
      int n;
      while ((n = channel.read(buffer.clear())) > 0) ((Lines) key.attachment()).feed(buffer.flip());
      if (n < 0) {
        key.cancel();
        channel.close();
      }
    } catch (IOException gone) {
      key.cancel();
      try {
        channel.close();
      } catch (IOException ignored) {
        // gone already
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    selector.wakeup();
    thread.join(5_000);
    try {
      for (SelectionKey key : selector.keys()) key.channel().close();
      selector.close();
    } catch (IOException | ClosedSelectorException ignored) {
      // the load ends either way
    }
  }

  /** One stream's line so far; status and data lines are ASCII where it matters. */
  private final class Lines {
    private final StringBuilder line = new StringBuilder();

    void feed(ByteBuffer bytes) {
      while (bytes.hasRemaining()) {
        char c = (char) (bytes.get() & 0xff);
        if (c == '\n') {
          String l = line.toString();
          if (l.startsWith("HTTP/1.1 200")) opened.incrementAndGet();
          else if (l.startsWith("data:") && l.contains(marker)) received.incrementAndGet();
          line.setLength(0);
        } else if (line.length() < 4096) {
          line.append(c);
        }
      }
    }
  }
}
