package newsdesk.cli;

import java.util.concurrent.Callable;
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

  @Option(names = "--burst", description = "Publishes to one reader, 64 at a time, before that (default 20000)")
  int burst = 20_000;

  @Override
  public Integer call() throws Exception {
    try (var server = ScratchServer.start(4 * subscribers);
        var load = new TrainingLoad(server.port(), server.publisherKey())) {
      long[] burstSeen = load.burst(burst, 64);
      long[] delivered = load.run(subscribers, messages);
      System.out.println("newsdesk: training run delivered " + burstSeen[0] + " of " + burstSeen[1] + " burst publishes and "
          + delivered[0] + " of " + delivered[1] + " messages");
    }
    return 0;
  }
}
