package newsdesk.mercure;

import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.testing.Await;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that never reads while 200 MB of updates are published: the server cuts it off, its
 * heap does not grow with what was published, and a subscriber that does read gets every update.
 */
class SlowSubscriberMemoryTest {
  private static final int UPDATES = 2_000;
  private static final int UPDATE_BYTES = 100_000; // 2,000 x 100 kB = 200 MB

  @TempDir Path dir;

  private static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void aStalledSubscriberIsCutOffAndTheHeapStaysBounded() throws Exception {
    try (var server = TestServer.start(dir, Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY))) {
      String topic = "https://example.com/flood";
      String query = "/.well-known/mercure?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
      var received = new AtomicInteger();
      try (var stalled = new Socket(); var healthy = new Socket()) {
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.app().port()));
        stalled.getOutputStream().write(("GET " + query + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        healthy.connect(new InetSocketAddress("127.0.0.1", server.app().port()));
        healthy.getOutputStream().write(("GET " + query + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        // Counts events without keeping them, so the test's own heap stays flat too.
        Thread reader = Thread.ofVirtual().start(() -> {
          try (var in = new BufferedReader(new InputStreamReader(healthy.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) if (line.startsWith("id: ")) received.incrementAndGet();
          } catch (java.io.IOException ignored) {
            // the socket closes at the end of the test
          }
        });
        Await.until(() -> server.app().sse().openConnections() == 2, Duration.ofSeconds(10), "both subscribers are connected");

        long before = heapAfterGc();
        String publisher = Jwts.publisher(List.of("*"));
        String data = "x".repeat(UPDATE_BYTES);
        for (int i = 0; i < UPDATES; i++) {
          assertThat(publish(server, publisher, form("topic", topic, "data", data)).statusCode()).isEqualTo(200);
        }
        Await.until(() -> received.get() == UPDATES, Duration.ofSeconds(60), "the reading subscriber has every update");
        long after = heapAfterGc();
        System.out.printf("heap after GC: before %d kB, after %d kB, growth %d kB%n", before >> 10, after >> 10, (after - before) >> 10);

        assertThat(server.app().sse().openConnections()).as("the stalled subscriber was cut off").isEqualTo(1);
        assertThat(after - before).as("heap growth after publishing 200 MB").isLessThan(48L << 20);
        healthy.close();
        reader.join(Duration.ofSeconds(10));
      }
    }
  }
}
