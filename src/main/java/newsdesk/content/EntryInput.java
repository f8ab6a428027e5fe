package newsdesk.content;

/** A new live-blog entry; null flags mean false. */
public record EntryInput(String body, String author, Boolean keyEvent, Boolean pinned) {}
