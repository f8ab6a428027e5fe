package newsdesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import newsdesk.config.Config;
import newsdesk.config.ConfigException;
import newsdesk.store.FileImageStore;
import newsdesk.store.sql.SqliteBackup;
import newsdesk.store.sql.SqliteBackup.Contents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code backup FILE} and {@code restore FILE}: the embedded store copied out while serving, and put back. */
final class StoreCopyCommands {
  private StoreCopyCommands() {}

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Copy the embedded store (content, event log, tokens, push subscriptions, the Web Push key pair)"
          + " to FILE, consistently, while the server runs. For PostgreSQL see docs/operations.md.")
  static final class Backup implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "The new backup file (never overwritten)")
    Path file;

    @Override
    public Integer call() {
      return run(options, dataDir -> {
        Contents c = SqliteBackup.backup(dataDir, file);
        System.out.printf("newsdesk: backed up %s to %s (%s, integrity_check ok): %s%n",
            SqliteBackup.storeFile(dataDir), file, size(c.bytes()), describe(c));
        // After the database: files never change, so this copy holds every image the backup names.
        int images = FileImageStore.copyMissing(dataDir.resolve("images"), imagesBeside(file));
        System.out.printf("newsdesk: copied %d new image files to %s%n", images, imagesBeside(file));
        if (!c.vapidKeys() && Files.exists(dataDir.resolve("vapid.json"))) {
          System.out.println("newsdesk: the Web Push key pair is still in " + dataDir.resolve("vapid.json")
              + " (the server moves it into the store at its next start): copy that file too");
        }
      });
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Make FILE, a backup, the embedded store of the data directory. Refused while a server runs on it;"
          + " the store it replaces is kept beside it.")
  static final class Restore implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "A file written by 'newsdesk backup'")
    Path file;

    @Override
    public Integer call() {
      return run(options, dataDir -> {
        var r = SqliteBackup.restore(dataDir, file, Clock.systemUTC());
        System.out.printf("newsdesk: restored %s into %s: %s%n", file, SqliteBackup.storeFile(dataDir), describe(r.contents()));
        int images = FileImageStore.copyMissing(imagesBeside(file), dataDir.resolve("images"));
        System.out.printf("newsdesk: put back %d image files from %s%n", images, imagesBeside(file));
        if (r.replacedKeptAs() != null) {
          System.out.println("newsdesk: the store it replaced is kept as " + r.replacedKeptAs() + "; delete it once the"
              + " restored one serves as it should");
        }
        System.out.println("newsdesk: start the server on " + dataDir + " to serve it");
      });
    }
  }

  /** Where a backup's image files go: beside it, as {@code FILE.images/}. */
  static Path imagesBeside(Path backup) {
    return backup.resolveSibling(backup.getFileName() + ".images");
  }

  private interface OnDataDir {
    void run(Path dataDir) throws IOException;
  }

  /** Runs {@code work} on the embedded store's data directory; refuses a PostgreSQL store. */
  private static int run(ServerOptions options, OnDataDir work) {
    try {
      Config.Storage storage = options.resolve().storage();
      if (storage.store() != null && !storage.store().isBlank()) {
        System.err.println("newsdesk: the store is PostgreSQL; back it up with PostgreSQL's own tools (pg_dump, or base"
            + " backups with WAL archiving): see docs/operations.md#backups. This command copies the embedded SQLite store.");
        return 2;
      }
      work.run(storage.dataDir());
      return 0;
    } catch (ConfigException e) {
      System.err.println("newsdesk: " + e.getMessage());
      return 2;
    } catch (SqliteBackup.Refused e) {
      System.err.println("newsdesk: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println("newsdesk: " + e);
      return 1;
    }
  }

  private static String describe(Contents c) {
    return c.events() + " events through seq " + c.lastSeq() + ", " + c.stories() + " stories, " + c.tokens()
        + " API tokens, " + (c.vapidKeys() ? "the Web Push key pair" : "no Web Push key pair yet");
  }

  private static String size(long bytes) {
    return bytes < 1 << 20 ? (bytes + 1023) / 1024 + " KiB" : String.format("%.1f MiB", bytes / (double) (1 << 20));
  }
}
