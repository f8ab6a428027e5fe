package newsdesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import newsdesk.Newsdesk;
import newsdesk.config.ConfigLoader;

/**
 * A server of this JVM's own for a synthetic load: the embedded store (with the sample stories) in a
 * scratch directory, the in-process bus, a loopback port, a random publisher key, whatever the real
 * server's settings. Its directory is deleted when it closes.
 */
final class ScratchServer implements AutoCloseable {
  private final Path dir;
  private final byte[] publisherKey;
  private final Newsdesk server;

  private ScratchServer(Path dir, byte[] publisherKey, Newsdesk server) {
    this.dir = dir;
    this.publisherKey = publisherKey;
    this.server = server;
  }

  /** @param connections how many connections the load opens from 127.0.0.1 at once, at most */
  static ScratchServer start(int connections) throws Exception {
    Path dir = Files.createTempDirectory("newsdesk-scratch");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    byte[] encoded = Base64.getEncoder().encode(key);
    var flags = new HashMap<String, String>(Map.of(
        "host", "127.0.0.1", "port", Integer.toString(freePort()), "data", dir.toString(),
        "push.contact", "mailto:scratch@newsdesk.invalid",
        "mercure.publisher-key", new String(encoded, java.nio.charset.StandardCharsets.US_ASCII),
        "limits.connections-per-client", Integer.toString(connections + 100),
        // The load publishes from one token as fast as the server answers.
        "limits.publish-per-second", "1000000", "limits.publish-burst", "1000000"));
    try {
      return new ScratchServer(dir, encoded, Newsdesk.start(ConfigLoader.load(null, flags, Map.of())));
    } catch (Exception | Error e) {
      delete(dir);
      throw e;
    }
  }

  /**
   * A port nothing listens on now: given port 0, the server's verticle instances can each bind a port
   * of their own, and the second bind fails.
   */
  private static int freePort() throws IOException {
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /**
   * Moves its event loops and acceptor to SCHED_IDLE (where Linux and {@code chrt} allow; else
   * nothing changes): its load then runs only on CPU time the real server does not want.
   */
  void runIdle() {
    server.onEveryLoopThread(IdlePriority::lowerCurrentThread);
  }

  int port() {
    return server.port();
  }

  /** The Mercure publisher key, as the server reads it (the bytes of its Base64 text). */
  byte[] publisherKey() {
    return publisherKey.clone();
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
