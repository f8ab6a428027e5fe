package newsdesk.store;

import java.util.List;
import java.util.Optional;

/**
 * Every saved version of every story, for the desk's history: a small interface beside
 * {@link Store}, implemented by the same SQL store. Versions are written inside the change that
 * makes them ({@link WriteTx#insertVersion}), so a story and its history never disagree, and are
 * never changed or dropped after.
 *
 * <p>Contract: {@link #versions} lists newest first (by {@link StoryVersion#at}); a version whose
 * write rolled back is not there; every node sees the same versions once the write has returned.
 */
public interface VersionStore {

  /** The story's versions, newest first, only those older than {@code before} (epoch ms) when given; at most {@code limit}. */
  List<StoryVersion> versions(long storyId, Long before, int limit);

  /** The story's version with this number ({@link StoryVersion#version()}). */
  Optional<StoryVersion> version(long storyId, long version);
}
