package newsdesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import newsdesk.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link VertxInternals} relies on in Vert.x's internal classes, checked against a real server
 * so that a Vert.x upgrade that changes any of it fails here, saying what broke and what depends on
 * it, instead of quietly taking a slower path (every use falls back to the public API).
 */
class VertxInternalsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String UPGRADE = " — a Vert.x upgrade changed its internals: adapt newsdesk.http.VertxInternals";

  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() {
    vertx = NetworkTransport.start(new VertxOptions().setEventLoopPoolSize(1));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** As the application's server is set up (h2c off), answering each request with {@code handler}. */
  private int serve(Consumer<HttpServerRequest> handler) {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setHttp2ClearTextEnabled(false))
        .requestHandler(handler::accept);
    return server.listen().await().actualPort();
  }

  @Test
  void everyInternalClassAndMethodReliedOnIsThere() {
    String[][] reliedOn = {
        {"io.vertx.core.internal.ContextInternal", "unwrap"},
        {"io.vertx.core.internal.VertxInternal", "transport"},
        {"io.vertx.core.internal.VertxInternal", "eventLoopGroup"},
        {"io.vertx.core.internal.VertxInternal", "acceptorEventLoopGroup"},
        {"io.vertx.core.internal.buffer.BufferInternal", "getByteBuf"},
        {"io.vertx.core.http.impl.HttpServerConnection", "channelHandlerContext"},
        {"io.vertx.core.http.impl.websocket.WebSocketImplBase", "channelHandlerContext"},
        {"io.vertx.core.net.impl.ShutdownEvent", "timeout"},
    };
    List<String> missing = new ArrayList<>();
    for (String[] r : reliedOn) {
      try {
        Class<?> c = Class.forName(r[0]);
        Method m = c.getMethod(r[1]);
        if (m.getParameterCount() != 0) missing.add(r[0] + "." + r[1] + "() takes arguments now");
      } catch (ClassNotFoundException e) {
        missing.add(r[0] + " is gone");
      } catch (NoSuchMethodException e) {
        missing.add(r[0] + "." + r[1] + "() is gone");
      }
    }
    try {
      Class.forName("io.vertx.core.http.impl.websocket.WebSocketFrameImpl").getConstructor(
          io.vertx.core.http.WebSocketFrameType.class, io.netty.buffer.ByteBuf.class, boolean.class);
    } catch (ReflectiveOperationException e) {
      missing.add("io.vertx.core.http.impl.websocket.WebSocketFrameImpl(WebSocketFrameType, ByteBuf, boolean) is gone");
    }
    if (!missing.isEmpty()) fail(String.join("; ", missing) + UPGRADE);
  }

  /** The self-warm lowers a scratch server's loop threads from inside each (cli.ScratchServer.runIdle). */
  @Test
  void aTaskRunsOnEveryEventLoopAndTheAcceptor() throws Exception {
    var names = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
    var ran = new java.util.concurrent.CountDownLatch(2);
    VertxInternals.onEveryLoopThread(vertx, () -> {
      names.add(Thread.currentThread().getName().replaceAll("-\\d+$", ""));
      ran.countDown();
    });
    assertThat(ran.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("ran on both threads" + UPGRADE).isTrue();
    assertThat(names).containsExactlyInAnyOrder("vert.x-eventloop-thread", "vert.x-acceptor-thread");
  }

  /** transport.Shards keys the hub's shards by it: one shard per loop, not one per request. */
  @Test
  void requestsOnOneLoopRunOnDuplicatesOfOneEventLoopContext() throws Exception {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    int port = serve(req -> {
      contexts.add(Vertx.currentContext());
      threads.add(Thread.currentThread());
      req.response().end("ok");
    });
    for (int i = 0; i < 2; i++) {
      // A client (so a connection) of its own each time: nothing but the loop is shared.
      var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + i)).build();
      assertThat(HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
    }
    Context first = VertxInternals.eventLoopContext(contexts.get(0));
    Context second = VertxInternals.eventLoopContext(contexts.get(1));
    assertThat(contexts.get(0)).as("each request has a context of its own (a duplicate)" + UPGRADE)
        .isNotSameAs(contexts.get(1));
    assertThat(first).as("eventLoopContext(a request's context) is the loop's one context" + UPGRADE)
        .isSameAs(second).isNotSameAs(contexts.get(0));
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    first.runOnContext(v -> ran.complete(Thread.currentThread()));
    assertThat(ran.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the loop's context runs tasks on the loop" + UPGRADE)
        .isSameAs(threads.get(0));
  }

  /**
   * transport.sse.DetachedStream takes an SSE response's channel off Vert.x once its head is out
   * and writes HTTP/1.1 chunks to it directly; a server shutdown must still close that channel.
   */
  @Test
  void anHttp1ResponseCanBeTakenOffVertxAndTheServerStillClosesIt() throws Exception {
    CompletableFuture<Channel> detached = new CompletableFuture<>();
    int port = serve(req -> {
      req.response().setChunked(true).putHeader("Content-Type", "text/event-stream").write(":ok\n\n");
      Channel channel = VertxInternals.http1Channel(req.connection());
      if (channel == null) {
        detached.completeExceptionally(new AssertionError("no HTTP/1.1 channel under the request's connection" + UPGRADE));
        return;
      }
      var pipeline = channel.pipeline();
      for (String name : new ArrayList<>(pipeline.toMap().keySet())) pipeline.remove(name);
      channel.writeAndFlush(Unpooled.copiedBuffer("6\r\nnetty!\r\n", StandardCharsets.US_ASCII));
      detached.complete(channel);
    });
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) WAIT.toMillis());
      socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      Channel channel;
      try {
        channel = detached.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw (AssertionError) e.getCause();
      }
      String head = readUntil(socket.getInputStream(), "netty!\r\n");
      assertThat(head).as("Vert.x's head and first chunk, then a chunk written to the bare channel" + UPGRADE)
          .startsWith("HTTP/1.1 200").contains("\r\n\r\n5\r\n:ok\n\n\r\n6\r\nnetty!\r\n");

      server.close().await();
      assertThat(socket.getInputStream().read())
          .as("closing the server closes a channel taken off Vert.x (it stays in the server's channel group)" + UPGRADE)
          .isEqualTo(-1);
      assertThat(channel.isActive()).isFalse();
    }
  }

  /**
   * http.ServerConnections puts its guards (MalformedRequests, SlowRequests) just ahead of Vert.x's
   * own handler as a connection opens, where they see decoded requests; if the handler's name
   * changed they would silently be missing.
   */
  @Test
  void aHandlerGoesAheadOfVertxAsAConnectionOpensAndSeesDecodedRequests() throws Exception {
    CompletableFuture<Boolean> added = new CompletableFuture<>();
    CompletableFuture<Object> seen = new CompletableFuture<>();
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setHttp2ClearTextEnabled(false))
        .connectionHandler(conn -> added.complete(VertxInternals.addBeforeVertx(VertxInternals.http1Channel(conn),
            "probe", new io.netty.channel.ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                seen.complete(msg);
                ctx.fireChannelRead(msg);
              }
            })))
        .requestHandler(req -> req.response().end("ok"));
    int port = server.listen().await().actualPort();
    var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
    assertThat(HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
    assertThat(added.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("Vert.x's handler is named 'handler'" + UPGRADE).isTrue();
    assertThat(seen.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the handler sees decoded requests" + UPGRADE)
        .isInstanceOf(io.netty.handler.codec.http.HttpRequest.class);
  }

  /** Only HTTP/1.x responses are detached: an HTTP/2 stream shares its connection with others. */
  @Test
  void anHttp2ConnectionHasNoHttp1Channel() throws Exception {
    CompletableFuture<Boolean> http1 = new CompletableFuture<>();
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setHttp2ClearTextEnabled(true))
        .requestHandler(req -> {
          http1.complete(VertxInternals.http1Channel(req.connection()) != null);
          req.response().end(req.version().name());
        });
    int port = server.listen().await().actualPort();
    var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    String version = client.request(HttpMethod.GET, port, "127.0.0.1", "/")
        .compose(r -> r.send().compose(res -> res.body()))
        .await(WAIT.toSeconds(), TimeUnit.SECONDS).toString();
    assertThat(version).isEqualTo("HTTP_2");
    assertThat(http1.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("http1Channel of an HTTP/2 connection" + UPGRADE).isFalse();
  }

  /**
   * transport.websocket.WsConnection writes one encoded message to every socket as a text frame
   * over the same buffer, and cuts a slow reader off by closing the channel under its socket.
   */
  @Test
  void oneBufferGoesOutAsATextFrameToEverySocketAndTheChannelUnderASocketClosesIt() throws Exception {
    Buffer shared = Buffer.buffer("{\"type\":\"event\",\"data\":\"é\"}");
    List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    int port = serve(req -> req.toWebSocket().onSuccess(ws -> {
      ws.writeFrame(VertxInternals.textFrame(shared));
      sockets.add(ws);
    }));
    var first = new Listener();
    var second = new Listener();
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("ws://127.0.0.1:" + port + "/ws");
    http.newWebSocketBuilder().buildAsync(uri, first).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    http.newWebSocketBuilder().buildAsync(uri, second).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Await.until(() -> first.texts.size() == 1 && second.texts.size() == 1, WAIT, "each socket has its text message");
    assertThat(first.texts).as("a text frame over a shared buffer" + UPGRADE).containsExactly(shared.toString());
    assertThat(second.texts).as("the same buffer, written to a second socket" + UPGRADE).containsExactly(shared.toString());

    Channel channel = VertxInternals.channel(sockets.get(0));
    assertThat(channel).as("the channel under a server WebSocket" + UPGRADE).isNotNull();
    channel.close();
    Await.until(() -> first.closed.isDone(), WAIT, "the client sees its socket closed");
    assertThat(second.closed).isNotDone();
  }

  @Test
  void aSocketKeptThroughServerShutdownStaysOpenUntilClosedWithACodeOfOurOwn() throws Exception {
    List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    int port = serve(req -> req.toWebSocket().onSuccess(ws -> {
      VertxInternals.keepThroughServerShutdown(req.connection());
      sockets.add(ws);
    }));
    var listener = new Listener();
    HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Await.until(() -> sockets.size() == 1, WAIT, "the server has the socket");

    var stopped = server.shutdown(WAIT);
    Await.until(() -> {
      try (var probe = new java.net.Socket("127.0.0.1", port)) {
        return false;
      } catch (IOException refused) {
        return true;
      }
    }, WAIT, "the server to stop listening");
    assertThat(listener.closed).as("the socket outlives the server's shutdown event" + UPGRADE).isNotDone();
    sockets.get(0).close((short) 1012, "service restart");
    listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(listener.status).as("closed with our code, not the server's").isEqualTo(1012);
    stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void theTransportUnderVertxHasAName() {
    assertThat(VertxInternals.transportName(vertx)).as("the transport's name, for the log" + UPGRADE)
        .isNotNull().endsWith("Transport");
  }

  private static String readUntil(InputStream in, String end) throws IOException {
    var out = new ByteArrayOutputStream();
    while (!out.toString(StandardCharsets.US_ASCII).contains(end)) {
      int b = in.read();
      if (b < 0) throw new AssertionError("the connection ended before '" + end.strip() + "': " + out);
      out.write(b);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static final class Listener implements WebSocket.Listener {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    volatile int status;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      this.status = status;
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(null);
    }
  }
}
