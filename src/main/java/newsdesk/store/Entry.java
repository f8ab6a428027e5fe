package newsdesk.store;

import java.time.Instant;

/**
 * One entry of a live blog. A deleted entry keeps its row so its deletion can be replayed.
 * {@code image}, null when none, is a copy of the stored image shown with it.
 */
public record Entry(
    long id,
    long storyId,
    String body,
    String bodyHtml,
    String author,
    Instant createdAt,
    Instant editedAt,
    boolean keyEvent,
    boolean pinned,
    boolean deleted,
    Image image) {

  public Entry withPinned(boolean pin) {
    return new Entry(id, storyId, body, bodyHtml, author, createdAt, editedAt, keyEvent, pin, deleted, image);
  }

  /** Deleted, and so no longer pinned. */
  public Entry asDeleted() {
    return new Entry(id, storyId, body, bodyHtml, author, createdAt, editedAt, keyEvent, false, true, image);
  }
}
