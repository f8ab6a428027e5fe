package newsdesk.store.sql;

import java.nio.file.Path;

/** Opens the store a {@code store} setting names: empty for the embedded SQLite file, else PostgreSQL. */
public final class Stores {
  private Stores() {}

  /**
   * @param setting empty, or a {@code postgresql://} / {@code jdbc:postgresql:} URL
   * @param dataDir where the embedded store keeps its file
   */
  public static SqlStore open(String setting, Path dataDir) {
    if (setting == null || setting.isBlank()) return SqliteStores.open(dataDir);
    if (!isValid(setting)) throw new IllegalArgumentException("store must be a postgresql:// or jdbc:postgresql: URL");
    return PostgresStores.open(setting);
  }

  /** Whether {@code setting} is one {@link #open} accepts: empty, or a PostgreSQL URL it can read. */
  public static boolean isValid(String setting) {
    if (setting == null || setting.isBlank()) return true;
    if (!PostgresUrl.isPostgres(setting)) return false;
    try {
      PostgresUrl.parse(setting);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
