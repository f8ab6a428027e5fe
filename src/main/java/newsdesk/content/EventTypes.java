package newsdesk.content;

/** The SSE event names of newsroom changes. Constants, so no client input reaches an event line. */
public final class EventTypes {
  public static final String STORY_PUBLISHED = "story.published";
  public static final String STORY_UPDATED = "story.updated";
  public static final String STORY_CORRECTED = "story.corrected";
  public static final String STORY_RETRACTED = "story.retracted";
  public static final String ENTRY_ADDED = "entry.added";
  public static final String ENTRY_EDITED = "entry.edited";
  public static final String ENTRY_DELETED = "entry.deleted";

  private EventTypes() {}
}
