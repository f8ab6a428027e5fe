package newsdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Newsdesk nodes as an operator runs a cluster: separate processes on one PostgreSQL database (a
 * fresh one, dropped on close) and one Redis stream (a stream of the cluster's own, deleted on
 * close), each with its own data directory.
 */
public final class Cluster implements AutoCloseable {
  /** The Redis these machines run. */
  public static final String LOCAL_REDIS = "redis://127.0.0.1:6379";

  private final PostgresDatabase database;
  private final String busUrl;
  private final String stream;
  private final NodeGroup nodes;

  private Cluster(PostgresDatabase database, String busUrl, String stream, NodeGroup nodes) {
    this.database = database;
    this.busUrl = busUrl;
    this.stream = stream;
    this.nodes = nodes;
  }

  /**
   * Starts {@code count} nodes under {@code dir} and waits until each answers {@code /healthz}.
   *
   * @param busUrl the Redis, e.g. {@link #LOCAL_REDIS} or a {@link RedisServer}'s
   * @param publicUrl the front's address, or null for each node's own
   * @param flags more {@code serve} flags for every node
   */
  public static Cluster start(Path dir, int count, String busUrl, String publicUrl, List<String> flags) {
    return start(dir, count, busUrl, publicUrl, flags, url -> url);
  }

  /**
   * As {@link #start(Path, int, String, String, List)}, with the nodes' store address made from the
   * database's by {@code storeUrl}: e.g. through a {@link TcpProxy} the test can cut.
   */
  public static Cluster start(Path dir, int count, String busUrl, String publicUrl, List<String> flags,
      java.util.function.UnaryOperator<String> storeUrl) {
    return start(dir, count, busUrl, publicUrl, flags, storeUrl, java.util.Map.of());
  }

  /** As {@link #start(Path, int, String, String, List)}, with more settings (key = value) for every node. */
  public static Cluster start(Path dir, int count, String busUrl, String publicUrl, List<String> flags,
      java.util.Map<String, String> settings) {
    return start(dir, count, busUrl, publicUrl, flags, url -> url, settings);
  }

  private static Cluster start(Path dir, int count, String busUrl, String publicUrl, List<String> flags,
      java.util.function.UnaryOperator<String> storeUrl, java.util.Map<String, String> more) {
    String stream = "newsdesk:test:" + UUID.randomUUID();
    PostgresDatabase database = PostgresDatabase.create();
    try {
      // bus.stream has no flag: a settings file carries it.
      Path settings = Files.writeString(Files.createDirectories(dir).resolve("cluster.properties"),
          "bus = " + busUrl + "\nbus.stream = " + stream + "\n" + lines(more));
      var shared = new ArrayList<>(List.of("--store", storeUrl.apply(database.url()), "--config", settings.toString(),
          "--no-sample-content"));
      shared.addAll(flags);
      return new Cluster(database, busUrl, stream, NodeGroup.start(dir, count, publicUrl, shared));
    } catch (IOException e) {
      database.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      database.close();
      throw e;
    }
  }

  private static String lines(java.util.Map<String, String> settings) {
    var out = new StringBuilder();
    settings.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
    return out.toString();
  }

  public List<NodeProcess> nodes() {
    return nodes.nodes();
  }

  public NodeProcess node(int index) {
    return nodes.node(index);
  }

  public NodeGroup group() {
    return nodes;
  }

  /** The database every node stores in: the log a test checks readers against. */
  public PostgresDatabase database() {
    return database;
  }

  /** How many entries the cluster's stream holds now ({@code XLEN}). */
  public long busLength() {
    String out = redisCli("XLEN", stream).strip();
    try {
      return Long.parseLong(out);
    } catch (NumberFormatException e) {
      throw new AssertionError("XLEN " + stream + " answered: " + out);
    }
  }

  /** Stops every node (SIGTERM), deletes the stream where its Redis still runs, drops the database. */
  @Override
  public void close() {
    try {
      nodes.close();
    } finally {
      try {
        deleteStream();
      } finally {
        database.close();
      }
    }
  }

  private void deleteStream() {
    try {
      redisCli("DEL", stream);
    } catch (UncheckedIOException e) {
      // no redis-cli: the stream stays, trimmed like any other
    }
  }

  /** Runs redis-cli against the cluster's Redis: its output. */
  private String redisCli(String... command) {
    URI redis = URI.create(busUrl);
    var cmd = new ArrayList<>(List.of("redis-cli", "-h", redis.getHost(), "-p", Integer.toString(redis.getPort())));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
