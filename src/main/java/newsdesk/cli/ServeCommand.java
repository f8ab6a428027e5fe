package newsdesk.cli;

import java.util.concurrent.Callable;
import newsdesk.Newsdesk;
import newsdesk.config.Config;
import newsdesk.config.ConfigException;
import newsdesk.store.sql.DataDirLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the server: on the embedded store (SQLite in the data directory), or on PostgreSQL with --store.")
final class ServeCommand implements Callable<Integer> {
  private static volatile boolean serving;
  /** Held for the life of the process: one server per data directory, and no restore under it. */
  private static DataDirLock dataDirLock;

  @Mixin
  ServerOptions options = new ServerOptions();

  static boolean isServing() {
    return serving;
  }

  @Override
  public Integer call() throws Exception {
    Newsdesk server;
    try {
      Config config = options.resolve();
      if (!lockDataDir(config.storage())) return 1;
      server = Newsdesk.start(config);
    } catch (ConfigException e) {
      System.err.println("newsdesk: " + e.getMessage());
      return 2;
    }
    serving = true;
    if (!"false".equals(System.getProperty("newsdesk.jit-idle"))) CompilerThreads.runIdleOnceSettled();
    // After /healthz answers, so a deploy's readiness check never waits for it.
    SelfWarm warm = SelfWarm.startUnlessOff(server::openConnections);
    OldGenerationUpkeep upkeep = OldGenerationUpkeep.startUnderSerialCollector();
    // SIGTERM and Ctrl-C: tell subscribers to reconnect, then close cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (upkeep != null) upkeep.close();
      if (warm != null) warm.close();
      server.close();
    }, "shutdown"));
    System.out.println("Newsdesk is running at " + server.config().server().publicUrl() + "  (Ctrl-C stops it)");
    return 0;
  }

  /** On the embedded store, takes the data directory's lock; false (and says why) if another process holds it. */
  private static boolean lockDataDir(Config.Storage storage) throws java.io.IOException {
    if (storage.store() != null && !storage.store().isBlank()) return true; // PostgreSQL: nothing kept in the directory
    var lock = DataDirLock.take(storage.dataDir());
    if (lock.isEmpty()) {
      System.err.println("newsdesk: another server (or a restore) is using " + storage.dataDir() + " (it holds "
          + storage.dataDir().resolve(DataDirLock.FILE) + "); one server per data directory");
      return false;
    }
    dataDirLock = lock.get();
    return true;
  }
}
