package newsdesk.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import newsdesk.config.Config;
import newsdesk.config.ConfigLoader;
import newsdesk.store.sql.SqlStore;
import newsdesk.store.sql.Stores;
import picocli.CommandLine.Option;

/** Flags shared by the commands that open the store (the data directory, or PostgreSQL). */
final class ServerOptions {
  @Option(names = "--config", description = "Properties file (default: newsdesk.properties in the data directory, if present)")
  Path config;

  @Option(names = "--data", description = "Data directory (default ./data)")
  String data;

  @Option(names = "--store", description = "PostgreSQL that several nodes share: postgresql://user@host:5432/db"
      + " or a jdbc:postgresql: URL (default: embedded SQLite in the data directory)")
  String store;

  @Option(names = "--port", description = "HTTP port (default 8080)")
  Integer port;

  @Option(names = "--host", description = "Address to listen on (default 0.0.0.0)")
  String host;

  @Option(names = "--public-url", description = "Base URL readers use (default http://localhost:<port>)")
  String publicUrl;

  @Option(names = "--heartbeat-seconds", description = "SSE heartbeat interval (default 15)")
  Integer heartbeatSeconds;

  @Option(names = "--history-keep", description = "Events kept for Last-Event-ID resume (default 100000)")
  Long historyKeep;

  @Option(names = "--mercure-publisher-key", description = "Key that checks publishers' JWTs: an HMAC secret (>= 32 bytes) or a PEM public key")
  String mercurePublisherKey;

  @Option(names = "--mercure-subscriber-key", description = "Key that checks subscribers' JWTs (same forms)")
  String mercureSubscriberKey;

  @Option(names = "--cors-origins", description = "Origins allowed to use the Mercure hub from a browser, comma-separated")
  String corsOrigins;

  @Option(names = "--trusted-proxies",
      description = "Fronts (IPs or CIDR blocks, comma-separated) whose X-Forwarded-For names the client (default: none)")
  String trustedProxies;

  @Option(names = "--publish-per-second",
      description = "API writes and Mercure publishes per token and second, on each node (default 1000)")
  Integer publishPerSecond;

  @Option(names = "--api-per-second", description = "API requests per client address and second, on each node (default 200)")
  Integer apiPerSecond;

  @Option(names = "--push-per-second",
      description = "Push subscription requests per client address and second, on each node (default 20)")
  Integer pushPerSecond;

  @Option(names = "--max-connections", description = "Open HTTP connections of every kind before new ones get 503 (default 19000)")
  Integer maxConnections;

  @Option(names = "--header-timeout-seconds", description = "Time a client has to send a request's head (default 15)")
  Integer headerTimeoutSeconds;

  @Option(names = "--body-timeout-seconds", description = "Time a client has to send a request's body (default 60)")
  Integer bodyTimeoutSeconds;

  @Option(names = "--push-contact", description = "VAPID contact for push services: mailto:… or https://… (set it in production)")
  String pushContact;

  @Option(names = "--push-allow-insecure-endpoints", negatable = false,
      description = "Accept http:// push endpoints on loopback (development and tests only)")
  boolean pushAllowInsecureEndpoints;

  @Option(names = "--allow-private-callbacks", negatable = false,
      description = "Accept WebSub and webhook callbacks on loopback and private addresses (development and tests only)")
  boolean allowPrivateCallbacks;

  @Option(names = "--bus", description = "Cluster bus: redis://host:port (default: in-process, one node)")
  String bus;

  @Option(names = "--no-sample-content", negatable = false, description = "Do not add sample stories to an empty store")
  boolean noSampleContent;

  Config resolve() {
    Map<String, String> flags = new HashMap<>();
    flags.put("data", data);
    flags.put("store", store);
    flags.put("port", port == null ? null : port.toString());
    flags.put("host", host);
    flags.put("public-url", publicUrl);
    flags.put("heartbeat-seconds", heartbeatSeconds == null ? null : heartbeatSeconds.toString());
    flags.put("history.keep", historyKeep == null ? null : historyKeep.toString());
    flags.put("sample-content", noSampleContent ? "false" : null);
    flags.put("mercure.publisher-key", mercurePublisherKey);
    flags.put("mercure.subscriber-key", mercureSubscriberKey);
    flags.put("mercure.cors-origins", corsOrigins);
    flags.put("limits.trusted-proxies", trustedProxies);
    flags.put("limits.publish-per-second", publishPerSecond == null ? null : publishPerSecond.toString());
    flags.put("limits.api-per-second", apiPerSecond == null ? null : apiPerSecond.toString());
    flags.put("limits.push-per-second", pushPerSecond == null ? null : pushPerSecond.toString());
    flags.put("limits.max-connections", maxConnections == null ? null : maxConnections.toString());
    flags.put("limits.header-timeout-seconds", headerTimeoutSeconds == null ? null : headerTimeoutSeconds.toString());
    flags.put("limits.body-timeout-seconds", bodyTimeoutSeconds == null ? null : bodyTimeoutSeconds.toString());
    flags.put("push.contact", pushContact);
    flags.put("push.allow-insecure-endpoints", pushAllowInsecureEndpoints ? "true" : null);
    flags.put("bus", bus);
    flags.put("callbacks.allow-private", allowPrivateCallbacks ? "true" : null);
    return ConfigLoader.load(config, flags, System.getenv());
  }

  /** The store these options name: PostgreSQL with {@code --store}, else the data directory's file. */
  SqlStore openStore() {
    var storage = resolve().storage();
    return Stores.open(storage.store(), storage.dataDir());
  }

  /** Runs a command's work on the store, closed after; a bad setting is exit code 2 with its reason. */
  int withStore(java.util.function.ToIntFunction<SqlStore> work) {
    try (var store = openStore()) {
      return work.applyAsInt(store);
    } catch (newsdesk.config.ConfigException e) {
      System.err.println("newsdesk: " + e.getMessage());
      return 2;
    }
  }
}
