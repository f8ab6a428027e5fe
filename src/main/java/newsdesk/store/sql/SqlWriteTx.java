package newsdesk.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsdesk.store.ApiToken;
import newsdesk.store.Correction;
import newsdesk.store.Entry;
import newsdesk.store.Event;
import newsdesk.store.EventIdTakenException;
import newsdesk.store.ImageJson;
import newsdesk.store.NewEvent;
import newsdesk.store.NewPushAlert;
import newsdesk.store.QueuedPushAlert;
import newsdesk.store.Story;
import newsdesk.store.StoredAnswer;
import newsdesk.store.StoryVersion;
import newsdesk.store.WriteTx;

/** One open write transaction; remembers the events it appends for {@code Committed}. */
final class SqlWriteTx implements WriteTx {
  private final SqlWrites.TxSession session;
  private final SqlDialect dialect;
  private final Connection c;
  private final List<Event> appended = new ArrayList<>();

  SqlWriteTx(SqlWrites.TxSession session, SqlDialect dialect) {
    this.session = session;
    this.dialect = dialect;
    this.c = session.connection();
  }

  List<Event> appended() {
    return appended;
  }

  @Override
  public Optional<Story> story(String slug) {
    return run(() -> SqlQueries.story(c, slug));
  }

  @Override
  public List<Entry> entries(long storyId) {
    return run(() -> SqlQueries.entries(c, storyId));
  }

  @Override
  public Optional<Entry> entry(long storyId, long entryId) {
    return run(() -> {
      try (var ps = c.prepareStatement(SqlRows.ENTRY_COLUMNS + " WHERE story_id = ? AND id = ?")) {
        ps.setLong(1, storyId);
        ps.setLong(2, entryId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(SqlRows.entry(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean slugExists(String slug) {
    return run(() -> {
      try (var ps = c.prepareStatement("SELECT 1 FROM stories WHERE slug = ?")) {
        ps.setString(1, slug);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public Story insertStory(Story s) {
    return run(() -> {
      try (var ps = c.prepareStatement(
          "INSERT INTO stories (slug, kind, headline, summary, body, body_html, section, tags, authors,"
              + " status, retraction, created_at, published_at, updated_at, scheduled_at, lead_image)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        bindStory(ps, s);
        long id = returnedId(ps);
        return new Story(id, s.slug(), s.kind(), s.headline(), s.summary(), s.body(), s.bodyHtml(),
            s.section(), s.tags(), s.authors(), s.status(), s.retraction(), s.createdAt(),
            s.publishedAt(), s.updatedAt(), List.of(), s.scheduledAt(), s.leadImage());
      }
    });
  }

  @Override
  public void updateStory(Story s) {
    run(() -> {
      try (var ps = c.prepareStatement(
          "UPDATE stories SET slug = ?, kind = ?, headline = ?, summary = ?, body = ?, body_html = ?,"
              + " section = ?, tags = ?, authors = ?, status = ?, retraction = ?, created_at = ?,"
              + " published_at = ?, updated_at = ?, scheduled_at = ?, lead_image = ? WHERE id = ?")) {
        bindStory(ps, s);
        ps.setLong(17, s.id());
        return ps.executeUpdate();
      }
    });
  }

  private static void bindStory(PreparedStatement ps, Story s) throws SQLException {
    ps.setString(1, s.slug());
    ps.setString(2, s.kind().name());
    ps.setString(3, s.headline());
    ps.setString(4, s.summary());
    ps.setString(5, s.body());
    ps.setString(6, s.bodyHtml());
    ps.setString(7, s.section());
    ps.setString(8, SqlRows.json(s.tags()));
    ps.setString(9, SqlRows.json(s.authors()));
    ps.setString(10, s.status().name());
    ps.setString(11, s.retraction());
    SqlRows.setInstant(ps, 12, s.createdAt());
    SqlRows.setInstant(ps, 13, s.publishedAt());
    SqlRows.setInstant(ps, 14, s.updatedAt());
    SqlRows.setInstant(ps, 15, s.scheduledAt());
    ps.setString(16, s.leadImage() == null ? null : ImageJson.write(s.leadImage()));
  }

  @Override
  public boolean claimScheduled(long storyId, Instant now) {
    return run(() -> SqlSchedules.claim(c, storyId, now));
  }

  @Override
  public Correction insertCorrection(long storyId, Correction correction) {
    return run(() -> {
      try (var ps = c.prepareStatement(
          "INSERT INTO corrections (story_id, text, created_at) VALUES (?, ?, ?) RETURNING id")) {
        ps.setLong(1, storyId);
        ps.setString(2, correction.text());
        SqlRows.setInstant(ps, 3, correction.createdAt());
        return new Correction(returnedId(ps), correction.text(), correction.createdAt());
      }
    });
  }

  @Override
  public void insertVersion(StoryVersion version) {
    run(() -> {
      SqlVersions.insert(c, version);
      return null;
    });
  }

  @Override
  public Entry insertEntry(Entry e) {
    return run(() -> {
      try (var ps = c.prepareStatement(
          "INSERT INTO entries (story_id, body, body_html, author, created_at, edited_at, key_event,"
              + " pinned, deleted, image) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setLong(1, e.storyId());
        bindEntry(ps, e, 2);
        long id = returnedId(ps);
        return new Entry(id, e.storyId(), e.body(), e.bodyHtml(), e.author(), e.createdAt(),
            e.editedAt(), e.keyEvent(), e.pinned(), e.deleted(), e.image());
      }
    });
  }

  @Override
  public void updateEntry(Entry e) {
    run(() -> {
      try (var ps = c.prepareStatement(
          "UPDATE entries SET body = ?, body_html = ?, author = ?, created_at = ?, edited_at = ?,"
              + " key_event = ?, pinned = ?, deleted = ?, image = ? WHERE id = ? AND story_id = ?")) {
        bindEntry(ps, e, 1);
        ps.setLong(10, e.id());
        ps.setLong(11, e.storyId());
        return ps.executeUpdate();
      }
    });
  }

  private static void bindEntry(PreparedStatement ps, Entry e, int from) throws SQLException {
    ps.setString(from, e.body());
    ps.setString(from + 1, e.bodyHtml());
    ps.setString(from + 2, e.author());
    SqlRows.setInstant(ps, from + 3, e.createdAt());
    SqlRows.setInstant(ps, from + 4, e.editedAt());
    ps.setBoolean(from + 5, e.keyEvent());
    ps.setBoolean(from + 6, e.pinned());
    ps.setBoolean(from + 7, e.deleted());
    ps.setString(from + 8, e.image() == null ? null : ImageJson.write(e.image()));
  }

  @Override
  public boolean eventIdExists(String eventId) {
    return run(() -> {
      var ps = session.prepared("SELECT 1 FROM events WHERE event_id = ?");
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  @Override
  public Event appendEvent(NewEvent e) {
    return run(() -> {
      Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
      // Every publish runs this one: prepared once, kept by the session (not closed here).
      var ps = session.prepared(dialect.appendEvent());
      ps.setString(1, e.id());
      String type = e.type() == null ? "" : e.type(); // "" is SSE's default "message" event
      ps.setString(2, type);
      ps.setString(3, SqlRows.json(e.topics()));
      ps.setString(4, e.data());
      ps.setBoolean(5, e.privateUpdate());
      if (e.retry() == null) ps.setNull(6, java.sql.Types.BIGINT);
      else ps.setLong(6, e.retry());
      SqlRows.setInstant(ps, 7, now);
      long seq;
      try {
        seq = returnedId(ps);
      } catch (SQLException failed) {
        // The id was free when checked; another node committed it since.
        if (e.id() != null && dialect.isUniqueViolation(failed)) throw new EventIdTakenException(e.id(), failed);
        throw failed;
      }
      var event = new Event(seq, e.id() != null ? e.id() : Long.toString(seq), type, e.topics(),
          e.data(), e.privateUpdate(), e.retry(), now);
      appended.add(event);
      return event;
    });
  }

  @Override
  public QueuedPushAlert enqueuePush(NewPushAlert alert) {
    return run(() -> SqlPushStore.enqueue(c, alert));
  }

  @Override
  public Optional<StoredAnswer> storedAnswer(String scope, String key, Instant now) {
    return run(() -> SqlAnswers.read(c, scope, key, now));
  }

  @Override
  public void storeAnswer(StoredAnswer answer) {
    run(() -> {
      SqlAnswers.store(c, answer);
      return null;
    });
  }

  @Override
  public ApiToken insertToken(ApiToken t) {
    return run(() -> {
      try (var ps = c.prepareStatement(
          "INSERT INTO api_tokens (name, role, token_hash, created_at, revoked_at)"
              + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, t.name());
        ps.setString(2, t.role().name());
        ps.setString(3, t.tokenHash());
        SqlRows.setInstant(ps, 4, t.createdAt());
        SqlRows.setInstant(ps, 5, t.revokedAt());
        return new ApiToken(returnedId(ps), t.name(), t.role(), t.tokenHash(), t.createdAt(), t.revokedAt());
      }
    });
  }

  @Override
  public boolean revokeToken(long id, Instant at) {
    return run(() -> {
      try (var ps = c.prepareStatement(
          "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        SqlRows.setInstant(ps, 1, at);
        ps.setLong(2, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static long returnedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) throw new SQLException("INSERT ... RETURNING gave no row");
      return rs.getLong(1);
    }
  }

  private <T> T run(SqlStore.SqlFunction0<T> work) {
    try {
      return work.get();
    } catch (SQLException e) {
      throw SqlFailures.of("statement failed", e);
    }
  }
}
