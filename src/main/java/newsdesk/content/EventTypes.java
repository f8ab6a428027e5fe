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
  /**
   * A story's schedule was set or moved, or taken off: private notices on the newsroom's topic
   * that wake every node's {@link PublishScheduler}; readers and webhooks never get them.
   */
  public static final String STORY_SCHEDULED = "story.scheduled";
  public static final String STORY_UNSCHEDULED = "story.unscheduled";

  /** Every newsroom event type: what webhooks carry (Mercure publishers' updates are not among them). */
  public static final java.util.Set<String> ALL = java.util.Set.of(STORY_PUBLISHED, STORY_UPDATED, STORY_CORRECTED,
      STORY_RETRACTED, ENTRY_ADDED, ENTRY_EDITED, ENTRY_DELETED);

  private EventTypes() {}
}
