package newsdesk.content;

/** Changes to an entry; null leaves a field as it is. {@code image}: an uploaded image's id, or "" to remove it. */
public record EntryPatch(String body, Boolean keyEvent, Boolean pinned, String image) {

  public EntryPatch(String body, Boolean keyEvent, Boolean pinned) {
    this(body, keyEvent, pinned, null);
  }

  public boolean isEmpty() {
    return body == null && keyEvent == null && pinned == null && image == null;
  }
}
