package newsdesk.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import newsdesk.store.ApiToken;
import newsdesk.store.Correction;
import newsdesk.store.Entry;
import newsdesk.store.Event;
import newsdesk.store.ImageJson;
import newsdesk.store.Role;
import newsdesk.store.Story;
import newsdesk.store.StoryKind;
import newsdesk.store.StoryStatus;

/** Maps rows to records and back: times as epoch milliseconds, lists as JSON arrays. */
final class SqlRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  static final String STORY_COLUMNS =
      "SELECT id, slug, kind, headline, summary, body, body_html, section, tags, authors, status,"
          + " retraction, created_at, published_at, updated_at, scheduled_at, lead_image FROM stories";
  static final String ENTRY_COLUMNS =
      "SELECT id, story_id, body, body_html, author, created_at, edited_at, key_event, pinned,"
          + " deleted, image FROM entries";
  static final String TOKEN_COLUMNS =
      "SELECT id, name, role, token_hash, created_at, revoked_at FROM api_tokens";

  private SqlRows() {}

  static Story story(ResultSet rs, List<Correction> corrections) throws SQLException {
    return new Story(
        rs.getLong("id"),
        rs.getString("slug"),
        StoryKind.valueOf(rs.getString("kind")),
        rs.getString("headline"),
        rs.getString("summary"),
        rs.getString("body"),
        rs.getString("body_html"),
        rs.getString("section"),
        strings(rs.getString("tags")),
        strings(rs.getString("authors")),
        StoryStatus.valueOf(rs.getString("status")),
        rs.getString("retraction"),
        instant(rs, "created_at"),
        instant(rs, "published_at"),
        instant(rs, "updated_at"),
        corrections,
        instant(rs, "scheduled_at"),
        ImageJson.read(rs.getString("lead_image")));
  }

  static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getLong("story_id"),
        rs.getString("body"),
        rs.getString("body_html"),
        rs.getString("author"),
        instant(rs, "created_at"),
        instant(rs, "edited_at"),
        rs.getBoolean("key_event"),
        rs.getBoolean("pinned"),
        rs.getBoolean("deleted"),
        ImageJson.read(rs.getString("image")));
  }

  static Event event(ResultSet rs) throws SQLException {
    long seq = rs.getLong("seq");
    String id = rs.getString("event_id");
    return new Event(
        seq,
        id != null ? id : Long.toString(seq),
        rs.getString("type"),
        strings(rs.getString("topics")),
        rs.getString("data"),
        rs.getBoolean("private"),
        nullableLong(rs, "retry"),
        instant(rs, "created_at"));
  }

  static ApiToken token(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong("id"),
        rs.getString("name"),
        Role.valueOf(rs.getString("role")),
        rs.getString("token_hash"),
        instant(rs, "created_at"),
        instant(rs, "revoked_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) ps.setNull(index, Types.BIGINT);
    else ps.setLong(index, t.toEpochMilli());
  }

  static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> strings(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt list column: " + json, e);
    }
  }
}
