package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import newsdesk.store.DeskSession;
import newsdesk.store.Role;
import newsdesk.store.SignedIn;
import newsdesk.store.User;

/** The desk's people and sessions (tables {@code users} and {@code desk_sessions}, V6). */
final class SqlUsers {
  private static final String USER_COLUMNS =
      "SELECT u.id, u.email, u.display_name, u.role, u.password_hash, u.created_at, u.disabled_at FROM users u";

  private SqlUsers() {}

  /** Runs in a serialised write, so the check and the insert see the same table. */
  static Optional<User> insert(Connection c, User u) throws SQLException {
    String email = u.email().toLowerCase(Locale.ROOT);
    if (byEmail(c, email).isPresent()) return Optional.empty();
    try (var ps = c.prepareStatement("INSERT INTO users (email, display_name, role, password_hash, created_at,"
        + " disabled_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, email);
      ps.setString(2, u.displayName());
      ps.setString(3, u.role().name());
      ps.setString(4, u.passwordHash());
      SqlRows.setInstant(ps, 5, u.createdAt());
      SqlRows.setInstant(ps, 6, u.disabledAt());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new SQLException("INSERT ... RETURNING gave no row");
        return Optional.of(new User(rs.getLong(1), email, u.displayName(), u.role(), u.passwordHash(), u.createdAt(),
            u.disabledAt()));
      }
    }
  }

  static Optional<User> byEmail(Connection c, String email) throws SQLException {
    try (var ps = c.prepareStatement(USER_COLUMNS + " WHERE u.email = ?")) {
      ps.setString(1, email.toLowerCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  static List<User> all(Connection c) throws SQLException {
    try (var ps = c.prepareStatement(USER_COLUMNS + " ORDER BY u.id"); ResultSet rs = ps.executeQuery()) {
      var out = new ArrayList<User>();
      while (rs.next()) out.add(user(rs));
      return out;
    }
  }

  static boolean disable(Connection c, String email, Instant at) throws SQLException {
    Optional<User> user = byEmail(c, email).filter(User::active);
    if (user.isEmpty()) return false;
    try (var ps = c.prepareStatement("UPDATE users SET disabled_at = ? WHERE id = ?")) {
      SqlRows.setInstant(ps, 1, at);
      ps.setLong(2, user.get().id());
      ps.executeUpdate();
    }
    try (var ps = c.prepareStatement("DELETE FROM desk_sessions WHERE user_id = ?")) {
      ps.setLong(1, user.get().id());
      ps.executeUpdate();
    }
    return true;
  }

  static void insertSession(Connection c, DeskSession s) throws SQLException {
    try (var ps = c.prepareStatement(
        "INSERT INTO desk_sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, s.idHash());
      ps.setLong(2, s.userId());
      SqlRows.setInstant(ps, 3, s.createdAt());
      SqlRows.setInstant(ps, 4, s.expiresAt());
      ps.executeUpdate();
    }
  }

  static Optional<SignedIn> session(Connection c, String idHash, Instant now) throws SQLException {
    try (var ps = c.prepareStatement("SELECT u.id, u.email, u.display_name, u.role, u.password_hash, u.created_at,"
        + " u.disabled_at, s.created_at AS session_created_at, s.expires_at FROM desk_sessions s"
        + " JOIN users u ON u.id = s.user_id"
        + " WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL")) {
      ps.setString(1, idHash);
      SqlRows.setInstant(ps, 2, now);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        User u = user(rs);
        var session = new DeskSession(idHash, u.id(), SqlRows.instant(rs, "session_created_at"),
            SqlRows.instant(rs, "expires_at"));
        return Optional.of(new SignedIn(session, u));
      }
    }
  }

  static boolean deleteSession(Connection c, String idHash) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM desk_sessions WHERE id_hash = ?")) {
      ps.setString(1, idHash);
      return ps.executeUpdate() == 1;
    }
  }

  static int pruneSessions(Connection c, Instant now) throws SQLException {
    try (var ps = c.prepareStatement("DELETE FROM desk_sessions WHERE expires_at <= ?")) {
      SqlRows.setInstant(ps, 1, now);
      return ps.executeUpdate();
    }
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
        Role.valueOf(rs.getString("role")), rs.getString("password_hash"), SqlRows.instant(rs, "created_at"),
        SqlRows.instant(rs, "disabled_at"));
  }
}
