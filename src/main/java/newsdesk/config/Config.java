package newsdesk.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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
    int sseMaxBufferBytes,
    int maxTopicsPerConnection,
    int maxPendingPerSubscriber,
    long reconnectMillis,
    int eventLoops,
    boolean sampleContent) {}
