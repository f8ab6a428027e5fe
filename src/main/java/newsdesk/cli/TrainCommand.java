package newsdesk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import newsdesk.Newsdesk;
import newsdesk.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The launcher's training run for the JVM's AOT cache: a server of its own on a scratch directory and a
 * loopback port, put through {@link TrainingLoad}, then stopped (the JVM writes the cache as it exits).
 */
@Command(name = "train", hidden = true, mixinStandardHelpOptions = true,
    description = "Run a server under a short synthetic load, then stop (the launcher's AOT cache training run).")
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--subscribers", description = "Subscribers on SSE and on Mercure each (default 2000)")
  int subscribers = 2000;

  @Option(names = "--messages", description = "Messages published (default 200)")
  int messages = 200;

  @Override
  public Integer call() throws Exception {
    Path scratch = Files.createTempDirectory("newsdesk-train");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    var flags = new HashMap<String, String>(Map.of(
        "host", "127.0.0.1", "port", "0", "data", scratch.toString(),
        "mercure.publisher-key", Base64.getEncoder().encodeToString(key),
        "limits.connections-per-client", Integer.toString(4 * subscribers + 100)));
    try (var server = Newsdesk.start(ConfigLoader.load(null, flags, Map.of()))) {
      long[] delivered = new TrainingLoad(server.port(), Base64.getEncoder().encode(key)).run(subscribers, messages);
      System.out.println("newsdesk: training run delivered " + delivered[0] + " of " + delivered[1] + " messages");
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }
}
