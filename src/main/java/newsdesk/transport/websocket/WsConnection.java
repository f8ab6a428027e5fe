package newsdesk.transport.websocket;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsdesk.http.Blocking;
import newsdesk.http.VertxInternals;
import newsdesk.hub.Audience;
import newsdesk.hub.Hub;
import newsdesk.hub.ResumePoint;
import newsdesk.hub.Shard;
import newsdesk.hub.Subscription;
import newsdesk.hub.TopicSelector;

/**
 * One open WebSocket: reads the client's messages and holds its subscriptions, each a hub
 * {@link Subscription} with its own {@link WsSink}. Everything runs on the socket's event loop,
 * which is also its shard's loop, so nothing here is locked.
 *
 * <p>The outbound buffer is the socket's write queue, bounded by {@link WsOptions#maxBufferBytes}.
 * A write that finds it still full means the reader has fallen behind: the socket is closed at once,
 * dropping what is queued, and the client resumes each subscription from its last event id.
 */
final class WsConnection {
  private static final Logger log = LoggerFactory.getLogger(WsConnection.class);
  static final short POLICY_VIOLATION = 1008;
  static final short MESSAGE_TOO_BIG = 1009;
  static final short INTERNAL_ERROR = 1011;
  static final short SERVICE_RESTART = 1012;
  static final short TRY_AGAIN_LATER = 1013;
  /** Frames that are not JSON at all a client may send before it is taken for something else. */
  private static final int MAX_GARBAGE = 3;

  private final ServerWebSocket ws;
  // The channel under the socket (vertx-web wraps the socket, so it is taken from the handshake's
  // connection); null where there is none, and then an abort is a clean close.
  private final Channel channel;
  private final Hub hub;
  private final Shard shard;
  private final Blocking blocking;
  private final WsOptions options;
  private final Audience audience;
  private final Runnable onOverflow;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  // Subscribe requests whose resume point is still being read, by id; the value tells a request
  // apart from a later one that reuses its id after an unsubscribe.
  private final Map<String, Object> resolving = new HashMap<>();
  private final List<Runnable> drainWaiters = new ArrayList<>();
  private Runnable onClosed;
  private boolean open = true;
  private int garbage;

  WsConnection(ServerWebSocket ws, Channel channel, Hub hub, Shard shard, Blocking blocking, WsOptions options,
      Audience audience, Runnable onOverflow, Runnable onClosed) {
    this.ws = ws;
    this.channel = channel;
    this.hub = hub;
    this.shard = shard;
    this.blocking = blocking;
    this.options = options;
    this.audience = audience;
    this.onOverflow = onOverflow;
    this.onClosed = onClosed;
    ws.setWriteQueueMaxSize(options.maxBufferBytes());
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> onGarbage());
    ws.exceptionHandler(this::onFailure);
    ws.closeHandler(v -> released());
  }

  boolean isOpen() {
    return open;
  }

  private void onText(String text) {
    if (!open) return;
    WsProtocol.Message m;
    try {
      m = WsProtocol.parse(text, options.maxTopics());
    } catch (WsProtocol.NotJson e) {
      onGarbage();
      return;
    } catch (WsProtocol.Bad e) {
      write(WsProtocol.error(e.id, 400, e.getMessage()));
      return;
    }
    switch (m) {
      case WsProtocol.Subscribe s -> subscribe(s);
      case WsProtocol.Unsubscribe u -> unsubscribe(u.id());
      case WsProtocol.Ping p -> write(WsProtocol.PONG);
      case WsProtocol.Pong p -> { } // the answer to our heartbeat; nothing to do
    }
  }

  /**
   * A frame or message over {@code ws.max-frame-bytes} (1009), a broken frame (1002, or 1007 for
   * text that is not UTF-8): the client's fault, closed with RFC 6455's code for it and not logged
   * as ours. A connection that just dropped has nobody left to tell.
   */
  private void onFailure(Throwable e) {
    if (e instanceof CorruptedWebSocketFrameException c) {
      close((short) c.closeStatus().code(), c.getMessage());
    } else if (VertxInternals.isMessageTooLarge(e)) {
      close(MESSAGE_TOO_BIG, "the message is over the size limit");
    } else if (e instanceof HttpClosedException) {
      released();
    } else {
      log.warn("WebSocket failed; closing it", e);
      close(INTERNAL_ERROR, "connection failed");
    }
  }

  private void onGarbage() {
    if (++garbage > MAX_GARBAGE) {
      close(POLICY_VIOLATION, "messages must be JSON text");
    } else {
      write(WsProtocol.error(null, 400, "a message must be a JSON object in a text frame"));
    }
  }

  /**
   * Where the subscription resumes is read from the store on a virtual thread first, as for SSE;
   * then it subscribes on this loop, after telling the client so.
   */
  private void subscribe(WsProtocol.Subscribe s) {
    String id = s.id();
    if (subscriptions.containsKey(id) || resolving.containsKey(id)) {
      write(WsProtocol.error(id, 409, "subscription id '" + id + "' is in use; unsubscribe it first"));
      return;
    }
    if (subscriptions.size() + resolving.size() >= options.maxSubscriptions()) {
      write(WsProtocol.error(id, 429, "at most " + options.maxSubscriptions() + " subscriptions per connection"));
      return;
    }
    List<TopicSelector> selectors = s.topics().stream().map(TopicSelector::of).toList();
    if (s.lastEventId() == null) {
      start(id, selectors, ResumePoint.LIVE);
      return;
    }
    Object request = new Object();
    resolving.put(id, request);
    blocking.call(() -> hub.resumePoint(s.lastEventId())).onComplete(r -> {
      if (resolving.get(id) != request) return; // unsubscribed meanwhile
      resolving.remove(id);
      if (!open) return;
      if (r.succeeded()) {
        start(id, selectors, r.result());
      } else {
        write(WsProtocol.error(id, 503, "the event history cannot be read right now; retry"));
      }
    });
  }

  private void start(String id, List<TopicSelector> selectors, ResumePoint resume) {
    // "subscribed" goes out before the hub may write a gap or replayed events.
    write(WsProtocol.subscribed(id, resume.precedingId()));
    if (!open) return;
    var sink = new WsSink(this, id);
    subscriptions.put(id, hub.subscribe(shard, selectors, audience, sink, resume));
  }

  private void unsubscribe(String id) {
    Subscription sub = subscriptions.remove(id);
    if (sub == null && resolving.remove(id) == null) {
      write(WsProtocol.error(id, 404, "no subscription '" + id + "' on this connection"));
      return;
    }
    if (sub != null) {
      sub.cancel();
      ((WsSink) sub.sink()).cancel();
    }
    // Events already queued for it went out before this; none follow.
    write(WsProtocol.unsubscribed(id));
  }

  /** Heartbeat: a JSON message, so browser code (which never sees ping frames) can spot a dead socket. */
  void heartbeat() {
    write(WsProtocol.PING);
  }

  /** Writes one text frame, or cuts the socket off when the reader has fallen behind its buffer. */
  void write(Buffer text) {
    if (!alive()) return;
    if (ws.writeQueueFull()) {
      onOverflow.run();
      abort();
      return;
    }
    // A text frame over the shared bytes: the public API would copy a String per subscriber.
    ws.writeFrame(VertxInternals.textFrame(text));
  }

  boolean writable() {
    return alive() && !ws.writeQueueFull();
  }

  /** The socket has one drain handler; this shares it among the subscriptions replaying history. */
  void whenWritable(Runnable task) {
    if (!alive()) return;
    if (!ws.writeQueueFull()) {
      task.run();
      return;
    }
    drainWaiters.add(task);
    if (drainWaiters.size() == 1) {
      ws.drainHandler(v -> {
        ws.drainHandler(null);
        var tasks = new ArrayList<>(drainWaiters);
        drainWaiters.clear();
        for (Runnable t : tasks) if (open) t.run();
      });
    }
  }

  /**
   * Whether the socket can still be written. Vert.x marks it closed when the client's close frame
   * arrives, before the close handler runs, and then throws on writeQueueFull; an event delivered in
   * between must not throw inside the shard's fan-out loop.
   */
  private boolean alive() {
    if (open && ws.isClosed()) released();
    return open;
  }

  /** A clean close with a code the client acts on; subscriptions stop at once. */
  void close(short code, String reason) {
    if (!open) return;
    released();
    ws.close(code, reason);
  }

  /**
   * Closes the socket now, dropping what is queued: a clean close would wait behind writes that a
   * reader who stopped reading never lets through. So this goes to the Netty channel underneath.
   */
  private void abort() {
    released();
    if (channel != null) channel.close();
    else ws.close();
  }

  /** The client can no longer be written to: stop every subscription and free them now. */
  private void released() {
    if (onClosed == null) return;
    open = false;
    for (Subscription s : subscriptions.values()) s.cancel();
    subscriptions.clear();
    resolving.clear();
    drainWaiters.clear();
    Runnable task = onClosed;
    onClosed = null;
    task.run();
  }
}
