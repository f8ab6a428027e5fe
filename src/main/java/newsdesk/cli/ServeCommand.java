package newsdesk.cli;

import java.util.concurrent.Callable;
import newsdesk.Newsdesk;
import newsdesk.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the server on the embedded store (SQLite in the data directory).")
final class ServeCommand implements Callable<Integer> {
  private static volatile boolean serving;

  @Mixin
  ServerOptions options = new ServerOptions();

  static boolean isServing() {
    return serving;
  }

  @Override
  public Integer call() throws Exception {
    Newsdesk server;
    try {
      server = Newsdesk.start(options.resolve());
    } catch (ConfigException e) {
      System.err.println("newsdesk: " + e.getMessage());
      return 2;
    }
    serving = true;
    // SIGTERM and Ctrl-C: tell subscribers to reconnect, then close cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.out.println("Newsdesk is running at " + server.config().publicUrl() + "  (Ctrl-C stops it)");
    return 0;
  }
}
