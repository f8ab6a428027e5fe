package newsdesk.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything an operator can set. Built by {@link ConfigLoader} from defaults, a properties file,
 * {@code NEWSDESK_*} environment variables and command-line flags, later ones winning.
 */
public record Config(
    String host,
    int port,
    Path dataDir,
    URI publicUrl,
    Duration heartbeat,
    long historyKeep,
    Duration historyPruneEvery,
    int historyMemory,
    int sseMaxBufferBytes,
    int maxTopicsPerConnection,
    int maxPendingPerSubscriber,
    int wsMaxSubscriptions,
    int wsMaxFrameBytes,
    int connectionsPerClient,
    long reconnectMillis,
    int eventLoops,
    boolean sampleContent,
    String mercurePublisherKey,
    String mercureSubscriberKey,
    boolean mercureAnonymous,
    List<String> corsOrigins,
    String pushContact,
    boolean pushAllowInsecureEndpoints,
    long pushTtlSeconds,
    int pushMaxAttempts,
    int pushConcurrencyPerOrigin) {

  public Config {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Keys are secrets: a Config may be logged, they may not. */
  @Override
  public String toString() {
    return "Config[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", publicUrl=" + publicUrl
        + ", mercurePublisherKey=" + (mercurePublisherKey.isEmpty() ? "unset" : "***")
        + ", mercureSubscriberKey=" + (mercureSubscriberKey.isEmpty() ? "unset" : "***")
        + ", mercureAnonymous=" + mercureAnonymous + ", corsOrigins=" + corsOrigins
        + ", pushContact=" + pushContact + ", pushAllowInsecureEndpoints=" + pushAllowInsecureEndpoints + ", ...]";
  }
}
