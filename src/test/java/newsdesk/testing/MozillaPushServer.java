package newsdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A push service speaking Mozilla's WebSocket protocol to Firefox (hello, register, unregister,
 * notification, ack; see Firefox's PushServiceWebSocket.sys.mjs) and RFC 8030 to application
 * servers: a POST to a registered endpoint becomes a {@code notification} on the browser's
 * socket, with the encrypted body passed through untouched. Firefox decrypts it and acks with
 * code 100 (101 on a decryption failure), which this server records.
 *
 * <p>{@code GET /acks} lists the acks as JSON, so a driver script can wait for delivery.
 */
public final class MozillaPushServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An ack Firefox sent for a message. */
  public record Ack(String channelId, String version, int code) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final String base;
  private final Map<String, ServerWebSocket> socketByChannel = new ConcurrentHashMap<>();
  private final Map<String, String> keyByChannel = new ConcurrentHashMap<>();
  private final List<Ack> acks = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicLong versions = new AtomicLong();

  public MozillaPushServer() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .webSocketHandler(this::socket)
        .requestHandler(this::http);
    try {
      server.listen().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("push server did not start", e);
    }
    base = "127.0.0.1:" + server.actualPort();
  }

  /** The value for Firefox's {@code dom.push.serverURL}. */
  public String webSocketUrl() {
    return "ws://" + base + "/";
  }

  public String httpBase() {
    return "http://" + base;
  }

  public List<Ack> acks() {
    return List.copyOf(acks);
  }

  /** What happened, in order, for a failing test's message. */
  public List<String> log() {
    return List.copyOf(log);
  }

  private void socket(ServerWebSocket ws) {
    ws.textMessageHandler(text -> {
      JsonNode m;
      try {
        m = JSON.readTree(text);
      } catch (Exception e) {
        log.add("unreadable frame " + text);
        return;
      }
      String type = m.path("messageType").asText("");
      log.add("<- " + type + (m.has("channelID") ? " " + m.get("channelID").asText() : ""));
      ObjectNode reply = JSON.createObjectNode();
      switch (type) {
        case "hello" -> {
          String uaid = m.path("uaid").asText("");
          reply.put("messageType", "hello").put("status", 200)
              .put("uaid", uaid.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : uaid)
              .put("use_webpush", true);
          reply.putObject("broadcasts");
          // A reconnecting browser re-binds its channels to this socket.
          socketByChannel.replaceAll((ch, old) -> old.isClosed() ? ws : old);
        }
        case "register" -> {
          String channel = m.path("channelID").asText();
          socketByChannel.put(channel, ws);
          // Firefox sends the applicationServerKey padded; VAPID's k= is unpadded.
          if (m.hasNonNull("key")) keyByChannel.put(channel, m.get("key").asText().replace("=", ""));
          reply.put("messageType", "register").put("channelID", channel).put("status", 200)
              .put("pushEndpoint", httpBase() + "/wpush/" + channel);
        }
        case "unregister" -> {
          String channel = m.path("channelID").asText();
          socketByChannel.remove(channel);
          reply.put("messageType", "unregister").put("channelID", channel).put("status", 200);
        }
        case "ack" -> {
          for (JsonNode u : m.path("updates")) {
            acks.add(new Ack(u.path("channelID").asText(), u.path("version").asText(), u.path("code").asInt()));
            log.add("ack " + u.path("code").asInt());
          }
          return;
        }
        case "nack" -> {
          log.add("nack " + m);
          return;
        }
        default -> {
          ws.writeTextMessage("{}"); // a ping
          return;
        }
      }
      ws.writeTextMessage(reply.toString());
    });
  }

  private void http(HttpServerRequest req) {
    if (req.method().name().equals("GET") && req.path().equals("/acks")) {
      var arr = JSON.createArrayNode();
      for (Ack a : acks) arr.addObject().put("channelID", a.channelId()).put("version", a.version()).put("code", a.code());
      req.response().putHeader("Content-Type", "application/json").end(arr.toString());
      return;
    }
    if (!req.method().name().equals("POST") || !req.path().startsWith("/wpush/")) {
      req.response().setStatusCode(404).end();
      return;
    }
    String channel = req.path().substring("/wpush/".length());
    req.body().onSuccess(body -> {
      ServerWebSocket ws = socketByChannel.get(channel);
      if (ws == null || ws.isClosed()) {
        req.response().setStatusCode(410).end("no such subscription");
        return;
      }
      String problem = null;
      if (req.getHeader("TTL") == null) problem = "no TTL";
      else if (!"aes128gcm".equals(req.getHeader("Content-Encoding"))) problem = "not aes128gcm";
      else if (req.getHeader("Authorization") == null
          || !req.getHeader("Authorization").contains("k=" + keyByChannel.get(channel))) {
        problem = "VAPID key is not the one the subscription was made with";
      }
      if (problem != null) {
        log.add("refused POST: " + problem);
        req.response().setStatusCode(problem.startsWith("VAPID") ? 403 : 400).end(problem);
        return;
      }
      String version = "v" + versions.incrementAndGet();
      ObjectNode n = JSON.createObjectNode();
      n.put("messageType", "notification").put("channelID", channel).put("version", version)
          .put("data", Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes()));
      n.putObject("headers").put("encoding", "aes128gcm");
      ws.writeTextMessage(n.toString());
      log.add("-> notification " + version + " (" + body.length() + " bytes)");
      req.response().setStatusCode(201).putHeader("Location", httpBase() + "/m/" + version).end();
    });
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing a test server
    }
  }
}
