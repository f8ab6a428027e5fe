package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import newsdesk.store.Image;
import newsdesk.store.ImageJson;
import newsdesk.store.ImageStore;

/**
 * The {@link ImageStore} of a cluster, in PostgreSQL beside the content, so that every node serves
 * every image: the image's record in {@code images}, its renditions' bytes in {@code image_files}.
 * One transaction puts both, not serialised with content writes (nothing in it is ordered);
 * {@code ON CONFLICT DO NOTHING} makes a second put of the same content, from any node, a no-op.
 */
final class SqlImageStore implements ImageStore {
  private final SqlConnections connections;
  private final SqlWrites writes;

  SqlImageStore(SqlConnections connections, SqlWrites writes) {
    this.connections = connections;
    this.writes = writes;
  }

  @Override
  public void put(Image image, Map<String, byte[]> files) {
    writes.transaction(false, s -> {
      Connection c = s.connection();
      try (var ps = c.prepareStatement("INSERT INTO image_files (name, data) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
        for (Image.Rendition r : image.renditions()) {
          byte[] bytes = files.get(r.file());
          if (bytes == null) throw new IllegalArgumentException("no bytes for " + r.file());
          ps.setString(1, r.file());
          ps.setBytes(2, bytes);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (var ps = c.prepareStatement(
          "INSERT INTO images (id, record, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
        ps.setString(1, image.id());
        ps.setString(2, ImageJson.write(image));
        ps.setLong(3, Instant.now().toEpochMilli());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<Image> image(String id) {
    if (!Image.isId(id)) return Optional.empty();
    return read("SELECT record FROM images WHERE id = ?", id).map(ImageJson::read);
  }

  @Override
  public Optional<byte[]> file(String name) {
    if (!Image.isFileName(name)) return Optional.empty();
    try (Connection c = connections.get(); var ps = c.prepareStatement("SELECT data FROM image_files WHERE name = ?")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        Optional<byte[]> out = rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
        connections.answered();
        return out;
      }
    } catch (SQLException e) {
      throw connections.failed("reading image file " + name + " failed", e);
    }
  }

  private Optional<String> read(String sql, String key) {
    try (Connection c = connections.get(); var ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (var rs = ps.executeQuery()) {
        Optional<String> out = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        connections.answered();
        return out;
      }
    } catch (SQLException e) {
      throw connections.failed("reading image " + key + " failed", e);
    }
  }
}
