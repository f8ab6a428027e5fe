package newsdesk.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of its own on the local PostgreSQL (127.0.0.1:5432, user postgres, trust), created
 * empty and dropped on close, so tests never see each other's data. Nodes of a cluster test share
 * one: pass {@link #url()} as each node's {@code store}.
 */
public final class PostgresDatabase implements AutoCloseable {
  public static final String SERVER = "127.0.0.1:5432";
  private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "/postgres";
  private static final String USER = "postgres";

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  public static PostgresDatabase create() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    String name = "newsdesk_t_" + HexFormat.of().formatHex(random);
    admin("CREATE DATABASE " + name);
    return new PostgresDatabase(name);
  }

  public String name() {
    return name;
  }

  /** As an operator writes it: {@code postgresql://postgres@127.0.0.1:5432/<name>}. */
  public String url() {
    return "postgresql://" + USER + "@" + SERVER + "/" + name;
  }

  /** The driver's form, user included. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + SERVER + "/" + name + "?user=" + USER;
  }

  /** A connection of the test's own, for looking behind the store's back. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  /**
   * The ids of the log's events on {@code topic}, in log order, read behind the nodes' back: what
   * every reader of that topic must end with. An event without a publisher's id has its seq as id.
   */
  public List<String> eventIds(String topic) {
    return query("SELECT coalesce(event_id, seq::text) FROM events WHERE jsonb_exists(topics::jsonb, ?) ORDER BY seq",
        topic, rs -> rs.getString(1));
  }

  /** Every seq in the log, in order. */
  public List<Long> eventSeqs() {
    return query("SELECT seq FROM events ORDER BY seq", null, rs -> rs.getLong(1));
  }

  private <T> List<T> query(String sql, String parameter, SqlRows.Column<T> column) {
    try (Connection c = connect()) {
      return SqlRows.of(c, sql, parameter, column);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the event log of " + name, e);
    }
  }

  @Override
  public void close() {
    // FORCE: a store a failed test left open must not keep the database alive.
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null); var s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + SERVER + " refused: " + sql
          + " (is it running? .ci/run starts it)", e);
    }
  }
}
