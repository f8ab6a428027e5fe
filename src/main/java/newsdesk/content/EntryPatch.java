package newsdesk.content;

/** Changes to an entry; null leaves a field as it is. */
public record EntryPatch(String body, Boolean keyEvent, Boolean pinned) {

  public boolean isEmpty() {
    return body == null && keyEvent == null && pinned == null;
  }
}
