package newsdesk.store;

/**
 * A page of stories, newest first. Null fields do not filter. {@code beforeId} is the cursor: only
 * stories with a smaller id. {@code byPublished} orders by publication time instead of id.
 */
public record StoryQuery(String section, StoryStatus status, int limit, Long beforeId, boolean byPublished) {

  public static StoryQuery published(String section, int limit) {
    return new StoryQuery(section, StoryStatus.PUBLISHED, limit, null, true);
  }
}
