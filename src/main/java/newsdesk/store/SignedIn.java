package newsdesk.store;

/** A live session and the active user it belongs to. */
public record SignedIn(DeskSession session, User user) {}
