package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * One saved version of a story: its content then, who saved it (a name, kept as it was), what
 * they did ({@code edited}, {@code published}, …) and which fields that changed.
 *
 * @param at the story's "Last Updated" when saved; in epoch milliseconds also the version's number,
 *     the ETag the story had then (it rises strictly per story)
 */
public record StoryVersion(long storyId, Instant at, String headline, String summary, String body, String section,
    List<String> tags, StoryStatus status, String by, String action, List<String> changed) {

  public StoryVersion {
    tags = List.copyOf(tags);
    changed = List.copyOf(changed);
  }

  public long version() {
    return at.toEpochMilli();
  }
}
