package newsdesk.content;

/** A new live-blog entry; null flags mean false. {@code image} is an uploaded image's id, null for none. */
public record EntryInput(String body, String author, Boolean keyEvent, Boolean pinned, String image) {

  public EntryInput(String body, String author, Boolean keyEvent, Boolean pinned) {
    this(body, author, keyEvent, pinned, null);
  }
}
