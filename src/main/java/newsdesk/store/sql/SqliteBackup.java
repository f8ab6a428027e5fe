package newsdesk.store.sql;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sqlite.SQLiteConfig;

/**
 * Backs up the embedded store while the server serves, and puts a backup back while it does not.
 * The copy is SQLite's {@code VACUUM INTO} on a connection of its own: one read transaction, so
 * the copy is the store as of one commit, and in WAL mode the server's writes go on beside it
 * (see docs/decisions/0132-sqlite-backup-vacuum-into.md). The store holds everything a node needs
 * back: content, the event log, tokens, push subscriptions and the Web Push key pair.
 */
public final class SqliteBackup {
  private static final String DB = "newsdesk.db";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What a store file holds: enough for an operator to see that the right thing was copied. */
  public record Contents(long bytes, long events, long lastSeq, long stories, long tokens, boolean vapidKeys) {}

  /** A restore done: what the store now holds, and where the store it replaced was kept (null if there was none). */
  public record Restored(Contents contents, Path replacedKeptAs) {}

  /** The operator asked for something this refuses to do; nothing was changed. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private SqliteBackup() {}

  /** The store file in {@code dataDir}. */
  public static Path storeFile(Path dataDir) {
    return dataDir.resolve(DB);
  }

  /**
   * Copies the store in {@code dataDir} to {@code target}, a new file: written beside it as
   * {@code target.partial}, checked ({@code PRAGMA integrity_check}), flushed to disk, then renamed,
   * so {@code target} is never a half-written copy.
   */
  public static Contents backup(Path dataDir, Path target) throws IOException {
    Path db = storeFile(dataDir);
    if (!Files.isRegularFile(db)) throw new Refused("there is no store at " + db);
    if (Files.exists(target)) throw new Refused(target + " exists: give a new name (a backup never overwrites a file)");
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try {
      try (Connection c = connect(db); var vacuum = c.prepareStatement("VACUUM INTO ?")) {
        vacuum.setString(1, partial.toString());
        vacuum.execute();
      }
      Contents contents = check(partial);
      // VACUUM INTO does not sync what it wrote; a backup must be on disk before it is called one.
      force(partial);
      Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
      force(absolute.getParent());
      return contents;
    } catch (SQLException e) {
      throw new IOException("copying " + db + " failed: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Makes {@code source}, a backup, the store of {@code dataDir}. Refused while a server holds the
   * directory's lock, or if {@code source} is not a sound Newsdesk store. A store already there is
   * not deleted: its WAL is folded in and it is renamed {@code newsdesk.db.before-restore-<UTC time>}.
   */
  public static Restored restore(Path dataDir, Path source, Clock clock) throws IOException {
    if (!Files.isRegularFile(source)) throw new Refused("there is no backup at " + source);
    Contents contents;
    try {
      contents = check(source);
    } catch (SQLException e) {
      throw new Refused(source + " is not a Newsdesk store SQLite can read (" + e.getMessage() + "); nothing was changed");
    }
    try (DataDirLock lock = DataDirLock.take(dataDir).orElseThrow(() -> new Refused("a server is running on " + dataDir
        + " (it holds " + dataDir.resolve(DataDirLock.FILE) + "): stop it first; nothing was changed"))) {
      Path db = storeFile(dataDir);
      Path kept = null;
      if (Files.exists(db)) {
        kept = db.resolveSibling(DB + ".before-restore-" + STAMP.format(clock.instant()));
        foldWal(db);
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
          Path file = db.resolveSibling(DB + suffix);
          if (Files.exists(file)) Files.move(file, kept.resolveSibling(kept.getFileName() + suffix));
        }
      }
      Path partial = db.resolveSibling(DB + ".partial");
      Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
      force(partial);
      Files.move(partial, db, StandardCopyOption.ATOMIC_MOVE);
      force(dataDir);
      return new Restored(contents, kept);
    }
  }

  /**
   * Copies what the write-ahead log of a stopped server's store holds into the file and removes
   * it, so the file alone is the whole store; if that fails the log is moved along with the file.
   */
  private static void foldWal(Path db) {
    try (Connection c = connect(db); var s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      // the store is kept as it is, its -wal beside it
    }
  }

  /** Checks that {@code file} is a sound Newsdesk store, and says what it holds. */
  private static Contents check(Path file) throws SQLException, IOException {
    try (Connection c = connect(file); var s = c.createStatement()) {
      try (var rs = s.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        String verdict = rs.getString(1);
        if (!"ok".equals(verdict)) throw new SQLException("PRAGMA integrity_check says: " + verdict);
      }
      try (var rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
          + " AND name IN ('events', 'stories', 'api_tokens', 'vapid_keys', 'flyway_schema_history')")) {
        rs.next();
        if (rs.getInt(1) != 5) throw new SQLException("it lacks the tables of a Newsdesk store");
      }
      try (var rs = s.executeQuery("SELECT (SELECT count(*) FROM events), (SELECT coalesce(max(seq), 0) FROM events),"
          + " (SELECT count(*) FROM stories), (SELECT count(*) FROM api_tokens), (SELECT count(*) FROM vapid_keys)")) {
        rs.next();
        return new Contents(Files.size(file), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) > 0);
      }
    }
  }

  private static Connection connect(Path file) throws SQLException {
    var config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** fsync: a file's bytes, or a directory's entries (a rename). */
  private static void force(Path path) throws IOException {
    try (var channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
