package newsdesk.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as a list, for tests that read a store behind its back. */
final class SqlRows {
  interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private SqlRows() {}

  /** Runs {@code sql} on {@code c} with one optional string parameter; each row through {@code column}. */
  static <T> List<T> of(Connection c, String sql, String parameter, Column<T> column) throws SQLException {
    try (var ps = c.prepareStatement(sql)) {
      if (parameter != null) ps.setString(1, parameter);
      var out = new ArrayList<T>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(column.read(rs));
      }
      return out;
    }
  }
}
