package newsdesk.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import newsdesk.store.Store;
import newsdesk.testing.Await;
import newsdesk.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis Streams bus against the EventBus contract (real Redis at 127.0.0.1:6379, a stream of
 * each test's own), and through connections killed and a Redis server stopped and started again.
 */
class RedisEventBusTest extends EventBusContract {
  static final String SHARED = "redis://127.0.0.1:6379";
  /** A pace that never polls the tail: what arrives came over the bus or from a catch-up. */
  static final Pace NO_TAIL_POLL = new Pace(Duration.ofMillis(100), Duration.ofHours(1), Duration.ofHours(1));

  static Vertx vertx;
  final String stream = "newsdesk:test:" + UUID.randomUUID();
  final Map<EventBus, BusMetrics> metrics = new HashMap<>();
  String url = SHARED;
  Pace pace = Pace.CLUSTER;
  long maxLength = 10_000;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void deleteStream() throws Exception {
    command(SHARED, Request.cmd(Command.DEL).arg(stream));
  }

  @Override
  protected EventBus newBus(Store store) {
    var m = BusMetrics.unexported();
    var bus = new RedisEventBus(vertx, new RedisBusSettings(url, stream, maxLength), store, m, pace);
    metrics.put(bus, m);
    return bus;
  }

  @Override
  protected boolean clustered() {
    return true;
  }

  private static void command(String url, Request request) throws Exception {
    Redis client = Redis.createClient(vertx, url);
    try {
      client.send(request).await(5, TimeUnit.SECONDS);
    } finally {
      client.close().await(5, TimeUnit.SECONDS);
    }
  }

  private void awaitConnected(Node node, boolean connected) {
    Await.until(() -> metrics.get(node.bus).isConnected() == connected, DEADLINE,
        "the node's bus is " + (connected ? "connected" : "disconnected"));
  }

  /** A second node, once it and {@code first} are both connected to Redis. */
  private Node connectedWith(Node first) {
    var second = new Node();
    awaitConnected(first, true);
    awaitConnected(second, true);
    return second;
  }

  @Test
  void theStreamKeepsAboutMaxLengthEntries() throws Exception {
    maxLength = 50;
    var node = new Node();
    awaitConnected(node, true);
    for (int i = 0; i < 8; i++) node.publishMany(50);
    node.awaitSeen(400);
    Redis client = Redis.createClient(vertx, SHARED);
    try {
      // Trimming with ~ drops whole stream nodes (100 entries by default): never below MAXLEN, at most a node above.
      Await.until(() -> lastSeqInStream(client) == 400, DEADLINE, "the last event reached the stream");
      long length = client.send(Request.cmd(Command.XLEN).arg(stream)).await(5, TimeUnit.SECONDS).toLong();
      assertThat(length).isBetween(50L, 150L);
    } finally {
      client.close().await(5, TimeUnit.SECONDS);
    }
  }

  private long lastSeqInStream(Redis client) {
    try {
      var top = client.send(Request.cmd(Command.XREVRANGE).arg(stream).arg("+").arg("-").arg("COUNT").arg(1))
          .await(5, TimeUnit.SECONDS);
      return top.size() == 0 ? 0 : StreamEntries.seq(top.get(0).get(1));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void connectionsKilledByRedisAreReopenedAndNothingIsLost() throws Exception {
    pace = NO_TAIL_POLL;
    var a = new Node();
    var b = connectedWith(a);
    for (int i = 0; i < 5; i++) a.publish("before" + i);
    b.awaitSeen(5);

    command(SHARED, Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("normal"));
    for (int i = 0; i < 5; i++) a.publish("after" + i);

    b.awaitSeen(10);
    assertThat(b.seen).isEqualTo(seqs(1, 10));
    assertThat(a.seen).isEqualTo(seqs(1, 10));
  }

  @Test
  void aNodeReconnectingAfterRedisRestartedCatchesUpFromTheLog() throws Exception {
    pace = NO_TAIL_POLL;
    try (var redis = new RedisServer().start()) {
      url = redis.url();
      var a = new Node();
      var b = connectedWith(a);
      a.publish("one");
      b.awaitSeen(1);

      redis.stop();
      awaitConnected(a, false);
      awaitConnected(b, false);
      for (int i = 0; i < 3; i++) commit(store, "committed while the bus was down, never published");
      redis.start();

      a.awaitSeen(4);
      b.awaitSeen(4);
      assertThat(a.seen).isEqualTo(seqs(1, 4));
      assertThat(b.seen).isEqualTo(seqs(1, 4));
    }
  }

  @Test
  void publishingThroughARedisRestartLosesNothingAndRepeatsNothing() throws Exception {
    try (var redis = new RedisServer().start()) {
      url = redis.url();
      var a = new Node();
      var b = connectedWith(a);
      for (int i = 0; i < 10; i++) (i % 2 == 0 ? a : b).publish("up" + i);
      a.awaitSeen(10);
      b.awaitSeen(10);

      redis.stop();
      awaitConnected(a, false);
      awaitConnected(b, false);
      for (int i = 0; i < 10; i++) (i % 2 == 0 ? a : b).publish("down" + i);
      a.awaitSeen(20); // from the log: the bus is down
      b.awaitSeen(20);
      assertThat(metrics.get(a.bus).publishFailures() + metrics.get(b.bus).publishFailures()).isPositive();

      redis.start();
      awaitConnected(a, true);
      awaitConnected(b, true);
      for (int i = 0; i < 10; i++) (i % 2 == 0 ? a : b).publish("again" + i);
      a.awaitSeen(30);
      b.awaitSeen(30);
      assertThat(a.seen).isEqualTo(seqs(1, 30));
      assertThat(b.seen).isEqualTo(seqs(1, 30));
    }
  }
}
