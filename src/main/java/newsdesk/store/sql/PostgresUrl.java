package newsdesk.store.sql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a PostgreSQL store lives, from the operator's {@code store} setting: a libpq-style URL
 * ({@code postgresql://user:password@host:5432/db?sslmode=require}, also {@code postgres://}) or a
 * JDBC one ({@code jdbc:postgresql://host/db?user=…}), as the driver's JDBC URL and the user and
 * password to hand it apart (the driver does not read them from the authority).
 * {@link #toString()} never shows the password.
 */
record PostgresUrl(String jdbcUrl, String user, String password) {

  /** Whether {@code setting} names a PostgreSQL database (any other non-empty value is an error). */
  static boolean isPostgres(String setting) {
    String s = setting.strip().toLowerCase(Locale.ROOT);
    return s.startsWith("postgresql://") || s.startsWith("postgres://") || s.startsWith("jdbc:postgresql:");
  }

  static PostgresUrl parse(String setting) {
    String s = setting.strip();
    if (s.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) return new PostgresUrl(s, null, null);
    if (!isPostgres(s)) throw new IllegalArgumentException("not a postgresql:// or jdbc:postgresql: URL");
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason());
    }
    if (uri.getHost() == null) throw new IllegalArgumentException("the URL names no host");
    String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath();
    String jdbc = "jdbc:postgresql://" + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1)
        + db + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) password = decode(parts[1]);
    }
    return new PostgresUrl(jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // A JDBC URL may carry password=… among its parameters: show the place, not the query.
    int q = jdbcUrl.indexOf('?');
    return (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?…") + (user == null ? "" : " as " + user);
  }
}
