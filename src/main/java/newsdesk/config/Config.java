package newsdesk.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything an operator can set, one group per concern. Built only by {@link ConfigLoader} from
 * defaults, a properties file, {@code NEWSDESK_*} environment variables and command-line flags,
 * later ones winning; each component's comment names its key. A new setting goes into the group
 * of its concern (or a new group here), into {@link ConfigLoader#DEFAULTS} and into docs.
 */
public record Config(
    Server server,
    Connections connections,
    Storage storage,
    Bus bus,
    History history,
    Subscribers subscribers,
    WebSocket webSocket,
    Mercure mercure,
    Push push,
    Limits limits,
    Callbacks callbacks,
    Images images) {

  /**
   * The HTTP server.
   *
   * @param host {@code host}
   * @param port {@code port}; 0 picks a free one
   * @param publicUrl {@code public-url}: the address readers use, in links and Mercure topics
   * @param eventLoops {@code event-loops}: Vert.x event loops, one HTTP server instance each
   * @param timeZone {@code time-zone}: the newsroom's, in which the desk shows and takes times
   */
  public record Server(String host, int port, URI publicUrl, int eventLoops, java.time.ZoneId timeZone) {}

  /**
   * Every HTTP connection, before it is a request to any address: how many may be open and how
   * long a client may take to send a request.
   *
   * @param max {@code limits.max-connections}: open connections of every kind (streams included);
   *     past it a new connection's request is answered 503
   * @param headerTimeout {@code limits.header-timeout-seconds}: from a connection opening, or its
   *     previous response ending, until the next request's head is in
   * @param bodyTimeout {@code limits.body-timeout-seconds}: from a request's head until its body is in
   */
  public record Connections(int max, Duration headerTimeout, Duration bodyTimeout) {}

  /**
   * Where stories, events and keys are kept; how instances share events ({@code bus}) gets a group
   * of its own beside this one. The store URL may hold a password: {@link #toString()} never shows it.
   *
   * @param dataDir {@code data}: the SQLite database, VAPID keys and {@code newsdesk.properties}
   * @param store {@code store}: a {@code postgresql://} or {@code jdbc:postgresql:} URL that several
   *     nodes share; empty for the embedded SQLite file in {@code dataDir}
   * @param sampleContent {@code sample-content}: add sample stories to an empty store
   */
  public record Storage(Path dataDir, String store, boolean sampleContent) {
    /** The store as logs may show it: {@code embedded}, or the URL with any password masked. */
    public String storeShown() {
      return store.isEmpty() ? "embedded"
          : store.replaceAll("(://[^/@:]*:)[^/@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
      return "Storage[dataDir=" + dataDir + ", store=" + storeShown() + ", sampleContent=" + sampleContent + "]";
    }
  }

  /**
   * How the nodes of a cluster share committed events. The URL may hold a password:
   * {@link #toString()} never shows it.
   *
   * @param url {@code bus}: empty for the in-process bus of one node, else {@code redis://host:port}
   * @param stream {@code bus.stream}: the Redis stream every node appends to and reads
   * @param maxLength {@code bus.max-length}: about how many entries the stream keeps
   */
  public record Bus(String url, String stream, long maxLength) {
    public boolean inProcess() {
      return url.isEmpty();
    }

    @Override
    public String toString() {
      return "Bus[url=" + (url.isEmpty() ? "in-process" : withoutPassword(url)) + ", stream=" + stream
          + ", maxLength=" + maxLength + "]";
    }

    /** A bus URL fit for a log line or an error message: any user information masked. */
    static String withoutPassword(String url) {
      int at = url.lastIndexOf('@');
      int scheme = url.indexOf("://");
      return at < 0 || scheme < 0 || at < scheme ? url : url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
    }
  }

  /**
   * The event history that resuming clients replay from.
   *
   * @param keep {@code history.keep}: events kept in the store
   * @param pruneEvery {@code history.prune-seconds}: how often older ones are dropped
   * @param memory {@code history.memory}: recent events also kept in memory for fast resumes
   */
  public record History(long keep, Duration pruneEvery, int memory) {}

  /**
   * Live subscribers on SSE, Mercure and WebSocket alike.
   *
   * @param heartbeat {@code heartbeat-seconds}: how often an idle connection hears from us
   * @param maxBufferBytes {@code sse.max-buffer-bytes}: outbound bytes a slow reader may hold up
   * @param maxTopics {@code sse.max-topics}: topics one connection (or subscribe message) may carry
   * @param maxPending {@code sse.max-pending}: events one subscriber may have queued
   * @param connectionsPerClient {@code limits.connections-per-client}: live connections per client address
   * @param trustedProxies {@code limits.trusted-proxies}: fronts (IPs, CIDR blocks) whose
   *     {@code X-Forwarded-For} names the client; empty trusts none
   * @param reconnectMillis {@code shutdown.retry-ms}: the {@code retry:} sent at shutdown
   */
  public record Subscribers(Duration heartbeat, int maxBufferBytes, int maxTopics, int maxPending,
      int connectionsPerClient, List<String> trustedProxies, long reconnectMillis) {
    public Subscribers {
      trustedProxies = List.copyOf(trustedProxies);
    }
  }

  /**
   * The WebSocket transport's own limits.
   *
   * @param maxSubscriptions {@code ws.max-subscriptions}: subscriptions one socket may hold
   * @param maxFrameBytes {@code ws.max-frame-bytes}: the largest frame a client may send
   */
  public record WebSocket(int maxSubscriptions, int maxFrameBytes) {}

  /**
   * The Mercure hub. The keys are secrets: {@link #toString()} never shows them.
   *
   * @param publisherKey {@code mercure.publisher-key}; empty means nobody may publish
   * @param subscriberKey {@code mercure.subscriber-key}; empty means anonymous subscribers only
   * @param anonymous {@code mercure.anonymous}: whether subscribing without a token is allowed
   * @param corsOrigins {@code mercure.cors-origins}: other origins whose pages may subscribe
   * @param audience {@code mercure.audience}: the hub's resource identifier, the {@code aud} of
   *     draft-08 access tokens; empty means {@code <public-url>/.well-known/mercure}
   * @param issuer {@code mercure.issuer}: when set, the {@code iss} every draft-08 token must carry
   * @param jwksUrl {@code mercure.jwks-url}: a JWK Set fetched (and cached) for issuers that rotate keys
   * @param jwksFile {@code mercure.jwks-file}: a JWK Set read from a file at start-up
   * @param subscriptions {@code mercure.subscriptions}: active subscriptions (events and API)
   */
  public record Mercure(String publisherKey, String subscriberKey, boolean anonymous, List<String> corsOrigins,
      String audience, String issuer, String jwksUrl, String jwksFile, boolean subscriptions) {
    public Mercure {
      corsOrigins = List.copyOf(corsOrigins);
    }

    public Mercure(String publisherKey, String subscriberKey, boolean anonymous, List<String> corsOrigins) {
      this(publisherKey, subscriberKey, anonymous, corsOrigins, "", "", "", "", false);
    }

    @Override
    public String toString() {
      return "Mercure[publisherKey=" + (publisherKey.isEmpty() ? "unset" : "***")
          + ", subscriberKey=" + (subscriberKey.isEmpty() ? "unset" : "***")
          + ", anonymous=" + anonymous + ", corsOrigins=" + corsOrigins + ", audience=" + audience
          + ", issuer=" + issuer + ", jwksUrl=" + jwksUrl + ", jwksFile=" + jwksFile + ", subscriptions=" + subscriptions + "]";
    }
  }

  /**
   * Web Push.
   *
   * @param contact {@code push.contact}: the VAPID contact push services use to reach the operator
   * @param allowInsecureEndpoints {@code push.allow-insecure-endpoints}: http:// on loopback (tests)
   * @param ttl {@code push.ttl-seconds}: how long a push service keeps an undelivered message
   * @param maxAttempts {@code push.max-attempts}: tries per delivery
   * @param concurrencyPerOrigin {@code push.concurrency-per-origin}: open requests per push service
   */
  public record Push(String contact, boolean allowInsecureEndpoints, Duration ttl, int maxAttempts,
      int concurrencyPerOrigin) {}

  /**
   * Rate limits: token buckets, each a rate and a burst, counted on each node by itself.
   *
   * @param publishPerSecond {@code limits.publish-per-second}: API writes and Mercure publishes per token
   * @param publishBurst {@code limits.publish-burst}
   * @param apiPerSecond {@code limits.api-per-second}: requests to {@code /api/} per client address
   * @param apiBurst {@code limits.api-burst}
   * @param pushPerSecond {@code limits.push-per-second}: push subscription requests per client address
   * @param pushBurst {@code limits.push-burst}
   * @param signInPerMinute {@code limits.sign-in-per-minute}: sign-in attempts per account
   * @param signInBurst {@code limits.sign-in-burst}
   * @param signInIpPerMinute {@code limits.sign-in-ip-per-minute}: sign-in attempts per client address
   * @param signInIpBurst {@code limits.sign-in-ip-burst}
   * @param maxKeys {@code limits.max-keys}: clients, tokens or accounts each limit tracks at once
   */
  public record Limits(int publishPerSecond, int publishBurst, int apiPerSecond, int apiBurst, int pushPerSecond,
      int pushBurst, int signInPerMinute, int signInBurst, int signInIpPerMinute, int signInIpBurst, int maxKeys) {}

  /**
   * Calls back to other servers: WebSub subscribers (and webhooks).
   *
   * @param allowPrivate {@code callbacks.allow-private}: accept callback URLs on loopback, private
   *     and link-local addresses (tests, development); off, they are refused after DNS resolution
   * @param firstRetry {@code callbacks.first-retry-ms}: the first retry's delay; doubling after it
   * @param leaseMinSeconds {@code websub.lease-min-seconds}: the shortest WebSub lease granted
   * @param leaseDefaultSeconds {@code websub.lease-default-seconds}: the lease when none is asked for
   * @param leaseMaxSeconds {@code websub.lease-max-seconds}: the longest WebSub lease granted
   */
  public record Callbacks(boolean allowPrivate, Duration firstRetry, long leaseMinSeconds, long leaseDefaultSeconds,
      long leaseMaxSeconds) {}

  /**
   * Image uploads.
   *
   * @param maxBytes {@code images.max-bytes}: the largest upload, in bytes
   * @param maxSide {@code images.max-side}: the widest or highest image, in pixels, read from its header
   * @param maxPixels {@code images.max-pixels}: the most pixels in all (each costs 4 bytes of memory decoded)
   * @param decoders {@code images.decoders}: uploads decoded and resized at once
   */
  public record Images(long maxBytes, int maxSide, long maxPixels, int decoders) {}
}
