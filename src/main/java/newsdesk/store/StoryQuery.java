package newsdesk.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * A page of stories, newest first. A null section and an empty status set do not filter.
 * {@code beforeId} is the cursor: only stories that come after that story in the chosen order
 * (a smaller id; with {@code byPublished}, an earlier publication time, ties broken by smaller id).
 */
public record StoryQuery(String section, Set<StoryStatus> statuses, int limit, Long beforeId, boolean byPublished) {

  public StoryQuery {
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
  }

  /** One status, or any when {@code status} is null. */
  public StoryQuery(String section, StoryStatus status, int limit, Long beforeId, boolean byPublished) {
    this(section, status == null ? Set.of() : Set.of(status), limit, beforeId, byPublished);
  }

  public static StoryQuery published(String section, int limit) {
    return new StoryQuery(section, StoryStatus.PUBLISHED, limit, null, true);
  }

  /** What readers may see (published and retracted), by publication time, after {@code beforeId} if given. */
  public static StoryQuery readable(String section, int limit, Long beforeId) {
    return new StoryQuery(section, EnumSet.of(StoryStatus.PUBLISHED, StoryStatus.RETRACTED), limit, beforeId, true);
  }
}
