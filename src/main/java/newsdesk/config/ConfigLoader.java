package newsdesk.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves {@link Config}: built-in defaults, then the file ({@code --config}, else
 * {@code NEWSDESK_CONFIG}, else {@code newsdesk.properties} in the data directory if present), then
 * environment variables ({@code NEWSDESK_} + the key upper-cased, dots and hyphens as underscores),
 * then flags. Keys are listed in docs/configuration.md.
 */
public final class ConfigLoader {
  public static final String DEFAULT_PUSH_CONTACT = "mailto:webmaster@localhost";
  /** Every key and its default, in the order of {@link Config}'s groups. */
  public static final Map<String, String> DEFAULTS = Map.ofEntries(
      // server
      Map.entry("host", "0.0.0.0"),
      Map.entry("port", "8080"),
      Map.entry("public-url", ""),
      Map.entry("time-zone", "UTC"),
      Map.entry("event-loops", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()))),
      // connections. A process here has 20,000 file descriptors: the rest are the store's, logs, peers.
      Map.entry("limits.max-connections", "19000"),
      Map.entry("limits.header-timeout-seconds", "15"),
      Map.entry("limits.body-timeout-seconds", "60"),
      // storage
      Map.entry("data", "./data"),
      Map.entry("store", ""),
      Map.entry("sample-content", "true"),
      // bus. Empty: the in-process bus of one node; redis://host:port: the Redis Streams bus of a cluster.
      Map.entry("bus", ""),
      Map.entry("bus.stream", "newsdesk:events"),
      Map.entry("bus.max-length", "100000"),
      // history
      Map.entry("history.keep", "100000"),
      Map.entry("history.prune-seconds", "60"),
      Map.entry("history.memory", "4096"),
      // subscribers
      Map.entry("heartbeat-seconds", "15"),
      Map.entry("sse.max-buffer-bytes", "262144"),
      Map.entry("sse.max-topics", "32"),
      Map.entry("sse.max-pending", "10000"),
      // Generous: readers behind one office or carrier NAT share an address.
      Map.entry("limits.connections-per-client", "2000"),
      // Fronts whose X-Forwarded-For names the client (IPs or CIDR blocks); none by default, since
      // any client can send the header.
      Map.entry("limits.trusted-proxies", ""),
      Map.entry("shutdown.retry-ms", "1000"),
      // webSocket
      Map.entry("ws.max-subscriptions", "32"),
      Map.entry("ws.max-frame-bytes", "65536"),
      // mercure
      Map.entry("mercure.publisher-key", ""),
      Map.entry("mercure.subscriber-key", ""),
      Map.entry("mercure.anonymous", "true"),
      Map.entry("mercure.cors-origins", ""),
      Map.entry("mercure.audience", ""),
      Map.entry("mercure.issuer", ""),
      Map.entry("mercure.jwks-url", ""),
      Map.entry("mercure.jwks-file", ""),
      Map.entry("mercure.subscriptions", "false"),
      // push. The VAPID contact push services use to reach the operator: set it in production.
      Map.entry("push.contact", DEFAULT_PUSH_CONTACT),
      Map.entry("push.allow-insecure-endpoints", "false"),
      Map.entry("push.ttl-seconds", "86400"),
      Map.entry("push.max-attempts", "6"),
      Map.entry("push.concurrency-per-origin", "64"),
      // limits: token buckets per node. Publishing is per token, the rest per client address; a
      // burst lets a page's or a tool's bunch of requests through at once.
      Map.entry("limits.publish-per-second", "1000"),
      Map.entry("limits.publish-burst", "2000"),
      Map.entry("limits.api-per-second", "200"),
      Map.entry("limits.api-burst", "400"),
      Map.entry("limits.push-per-second", "20"),
      Map.entry("limits.push-burst", "40"),
      Map.entry("limits.sign-in-per-minute", "10"),
      Map.entry("limits.sign-in-burst", "5"),
      Map.entry("limits.sign-in-ip-per-minute", "60"),
      Map.entry("limits.sign-in-ip-burst", "20"),
      Map.entry("limits.max-keys", "100000"),
      // callbacks: WebSub subscribers and webhooks. Private addresses only for tests and development.
      Map.entry("callbacks.allow-private", "false"),
      Map.entry("callbacks.first-retry-ms", "5000"),
      Map.entry("websub.lease-min-seconds", "300"),
      Map.entry("websub.lease-default-seconds", "864000"),
      Map.entry("websub.lease-max-seconds", "2592000"),
      // images: uploads (docs/decisions/0162-image-upload-limits.md)
      Map.entry("images.max-bytes", "16777216"),
      Map.entry("images.max-side", "12000"),
      Map.entry("images.max-pixels", "40000000"),
      Map.entry("images.decoders", "2"));

  private ConfigLoader() {}

  /**
   * @param configFile the {@code --config} flag, or null
   * @param flags values given on the command line, by key; absent keys were not given
   */
  public static Config load(Path configFile, Map<String, String> flags, Map<String, String> env) {
    var values = new HashMap<>(DEFAULTS);
    String dataFromEarly = firstNonNull(flags.get("data"), env.get(envName("data")), DEFAULTS.get("data"));
    Path file = configFile != null ? configFile
        : env.get("NEWSDESK_CONFIG") != null ? Path.of(env.get("NEWSDESK_CONFIG"))
        : Path.of(dataFromEarly).resolve("newsdesk.properties");
    boolean explicit = configFile != null || env.get("NEWSDESK_CONFIG") != null;
    if (Files.exists(file)) {
      values.putAll(readProperties(file));
    } else if (explicit) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    for (String key : values.keySet()) {
      if (!DEFAULTS.containsKey(key)) throw new ConfigException("unknown setting '" + key + "' in " + file);
    }
    for (String key : DEFAULTS.keySet()) {
      String v = env.get(envName(key));
      if (v != null) values.put(key, v);
    }
    for (var flag : flags.entrySet()) {
      if (flag.getValue() == null) continue;
      if (!DEFAULTS.containsKey(flag.getKey())) {
        throw new ConfigException("unknown setting '" + flag.getKey() + "' given as a flag");
      }
      values.put(flag.getKey(), flag.getValue());
    }
    return build(values);
  }

  static String envName(String key) {
    return "NEWSDESK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** An IANA time zone name (Europe/Berlin) or UTC; an offset alone would miss summer time. */
  private static java.time.ZoneId zone(String name) {
    try {
      if (name.isBlank() || !name.equals("UTC") && !name.contains("/")) throw new java.time.DateTimeException(name);
      return java.time.ZoneId.of(name.strip());
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("time-zone must be an IANA time zone such as Europe/Berlin, or UTC; got '" + name + "'");
    }
  }

  private static Config build(Map<String, String> v) {
    int port = intIn(v, "port", 0, 65_535);
    String publicUrl = v.get("public-url").isBlank() ? "http://localhost:" + port : v.get("public-url");
    URI uri;
    try {
      uri = URI.create(publicUrl);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("public-url must be an absolute http(s) URL, got '" + publicUrl + "'");
    }
    return new Config(
        new Config.Server(nonBlank(v, "host"), port, uri, intIn(v, "event-loops", 1, 256), zone(v.get("time-zone"))),
        new Config.Connections(
            intIn(v, "limits.max-connections", 1, 10_000_000),
            Duration.ofSeconds(intIn(v, "limits.header-timeout-seconds", 1, 3_600)),
            Duration.ofSeconds(intIn(v, "limits.body-timeout-seconds", 1, 3_600))),
        new Config.Storage(Path.of(nonBlank(v, "data")), store(v.get("store")), bool(v, "sample-content")),
        new Config.Bus(busUrl(v.get("bus")), nonBlank(v, "bus.stream"), longIn(v, "bus.max-length", 1_000, 1_000_000_000)),
        new Config.History(
            longIn(v, "history.keep", 1, Long.MAX_VALUE),
            Duration.ofSeconds(intIn(v, "history.prune-seconds", 1, 86_400)),
            intIn(v, "history.memory", 0, 1_000_000)),
        new Config.Subscribers(
            Duration.ofSeconds(intIn(v, "heartbeat-seconds", 1, 3_600)),
            intIn(v, "sse.max-buffer-bytes", 4_096, 64 << 20),
            intIn(v, "sse.max-topics", 1, 1_000),
            intIn(v, "sse.max-pending", 1, 1_000_000),
            intIn(v, "limits.connections-per-client", 1, 1_000_000),
            list(v, "limits.trusted-proxies"),
            longIn(v, "shutdown.retry-ms", 0, 3_600_000)),
        new Config.WebSocket(
            intIn(v, "ws.max-subscriptions", 1, 10_000),
            intIn(v, "ws.max-frame-bytes", 1_024, 16 << 20)),
        new Config.Mercure(
            v.get("mercure.publisher-key"),
            v.get("mercure.subscriber-key"),
            bool(v, "mercure.anonymous"),
            list(v, "mercure.cors-origins"),
            v.get("mercure.audience"),
            v.get("mercure.issuer"),
            v.get("mercure.jwks-url"),
            v.get("mercure.jwks-file"),
            bool(v, "mercure.subscriptions")),
        new Config.Push(
            pushContact(v.get("push.contact")),
            bool(v, "push.allow-insecure-endpoints"),
            Duration.ofSeconds(longIn(v, "push.ttl-seconds", 0, 28L * 24 * 3600)),
            intIn(v, "push.max-attempts", 1, 100),
            intIn(v, "push.concurrency-per-origin", 1, 10_000)),
        new Config.Limits(
            intIn(v, "limits.publish-per-second", 1, 1_000_000),
            intIn(v, "limits.publish-burst", 1, 1_000_000),
            intIn(v, "limits.api-per-second", 1, 1_000_000),
            intIn(v, "limits.api-burst", 1, 1_000_000),
            intIn(v, "limits.push-per-second", 1, 1_000_000),
            intIn(v, "limits.push-burst", 1, 1_000_000),
            intIn(v, "limits.sign-in-per-minute", 1, 1_000_000),
            intIn(v, "limits.sign-in-burst", 1, 1_000_000),
            intIn(v, "limits.sign-in-ip-per-minute", 1, 1_000_000),
            intIn(v, "limits.sign-in-ip-burst", 1, 1_000_000),
            intIn(v, "limits.max-keys", 1, 100_000_000)),
        callbacks(v),
        new Config.Images(longIn(v, "images.max-bytes", 1_024, 256L << 20), intIn(v, "images.max-side", 16, 65_535),
            longIn(v, "images.max-pixels", 256, 500_000_000L), intIn(v, "images.decoders", 1, 64)));
  }

  private static Config.Callbacks callbacks(Map<String, String> v) {
    long min = longIn(v, "websub.lease-min-seconds", 1, 365L * 86_400);
    long dflt = longIn(v, "websub.lease-default-seconds", 1, 365L * 86_400);
    long max = longIn(v, "websub.lease-max-seconds", 1, 365L * 86_400);
    if (min > dflt || dflt > max) {
      throw new ConfigException("websub leases must hold lease-min-seconds <= lease-default-seconds <= lease-max-seconds");
    }
    return new Config.Callbacks(bool(v, "callbacks.allow-private"),
        Duration.ofMillis(longIn(v, "callbacks.first-retry-ms", 10, 3_600_000)), min, dflt, max);
  }

  private static String busUrl(String value) {
    String url = value.strip();
    if (url.isEmpty()) return url;
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("redis") || scheme.equals("rediss")) && uri.getHost() != null) return url;
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw new ConfigException("bus must be empty (in-process) or a redis://host:port URL, got '"
        + Config.Bus.withoutPassword(url) + "'");
  }

  /** Empty (the embedded store), or a PostgreSQL URL naming a host: the store reads the rest. */
  private static String store(String value) {
    String s = value.strip();
    if (s.isEmpty()) return s;
    String lower = s.toLowerCase(Locale.ROOT);
    boolean url = lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    boolean jdbc = lower.startsWith("jdbc:postgresql:");
    try {
      if (jdbc || url && URI.create(s).getHost() != null) return s;
    } catch (IllegalArgumentException malformed) {
      // refused below
    }
    // Not the value itself: it may carry a password.
    throw new ConfigException("store must be empty (embedded SQLite) or a postgresql://user@host:5432/db"
        + " or jdbc:postgresql: URL");
  }

  /** A comma-separated setting, blanks dropped. */
  private static List<String> list(Map<String, String> v, String key) {
    return Arrays.stream(v.get(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String pushContact(String value) {
    String c = value.strip();
    String lower = c.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("mailto:") && c.contains("@") || lower.startsWith("https://") && c.length() > 8)) {
      throw new ConfigException("push.contact must be a mailto: or https: URI, got '" + value + "'");
    }
    return c;
  }

  private static Map<String, String> readProperties(Path file) {
    var p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    var out = new HashMap<String, String>();
    p.forEach((k, val) -> out.put(k.toString().trim(), val.toString().trim()));
    return out;
  }

  private static int intIn(Map<String, String> v, String key, int min, int max) {
    return (int) longIn(v, key, min, max);
  }

  private static long longIn(Map<String, String> v, String key, long min, long max) {
    try {
      long n = Long.parseLong(v.get(key).trim());
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number from " + min + " to " + max + ", got '" + v.get(key) + "'");
    }
  }

  private static boolean bool(Map<String, String> v, String key) {
    return switch (v.get(key).trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(key + " must be true or false, got '" + v.get(key) + "'");
    };
  }

  private static String nonBlank(Map<String, String> v, String key) {
    String s = v.get(key).strip();
    if (s.isEmpty()) throw new ConfigException(key + " must not be empty, got '" + v.get(key) + "'");
    return s;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T t : values) if (t != null) return t;
    return null;
  }
}
