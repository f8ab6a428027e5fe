package newsdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link VersionStore} contract, run against every implementation (a subclass each): versions
 * kept in a story's write are read back whole, newest first, on every node; a version whose write
 * rolled back is not kept.
 */
public abstract class VersionStoreContract<S extends Store & VersionStore> extends StoreNodes<S> {
  static final Instant T0 = Instant.ofEpochMilli(1_800_000_000_000L);

  static StoryVersion version(long storyId, long msAfter, String headline, String by, String action, List<String> changed) {
    return new StoryVersion(storyId, T0.plusMillis(msAfter), headline, "Summary " + msAfter, "Body\nline " + msAfter,
        "city", List.of("harbour", "night"), StoryStatus.DRAFT, by, action, changed);
  }

  private static long story(WriteTx tx, String slug) {
    return tx.insertStory(StoreContract.story(slug, "city", StoryStatus.DRAFT, null)).id();
  }

  @Test
  void versionsKeptInAStorysWriteComeBackWholeNewestFirstOnAnotherNode() {
    S node = open();
    long[] ids = node.write(tx -> {
      long a = story(tx, "harbour");
      long b = story(tx, "other");
      tx.insertVersion(version(a, 0, "First", "Ann Editor", "created", List.of("headline", "body")));
      tx.insertVersion(version(b, 5, "Someone else's", "Bob", "created", List.of("headline")));
      return new long[] {a, b};
    }).value();
    node.write(tx -> {
      tx.insertVersion(version(ids[0], 10, "Second", "Cat Contributor", "edited", List.of("headline")));
      tx.insertVersion(version(ids[0], 20, "Third", "Ann Editor", "published", List.of("status")));
      return null;
    });

    S other = open();
    var all = other.versions(ids[0], null, 10);
    assertThat(all).extracting(StoryVersion::headline).containsExactly("Third", "Second", "First");
    StoryVersion second = all.get(1);
    assertThat(second).isEqualTo(version(ids[0], 10, "Second", "Cat Contributor", "edited", List.of("headline")));
    assertThat(second.version()).isEqualTo(T0.toEpochMilli() + 10);
    assertThat(second.body()).isEqualTo("Body\nline 10");
    assertThat(second.tags()).containsExactly("harbour", "night");

    assertThat(other.versions(ids[0], null, 2)).extracting(StoryVersion::headline).containsExactly("Third", "Second");
    assertThat(other.versions(ids[0], second.version(), 10)).extracting(StoryVersion::headline).containsExactly("First");
    assertThat(other.version(ids[0], second.version())).contains(second);
    assertThat(other.version(ids[0], second.version() + 1)).isEmpty();
    assertThat(other.version(ids[1], second.version())).as("another story's numbers").isEmpty();
    assertThat(other.versions(ids[1], null, 10)).extracting(StoryVersion::by).containsExactly("Bob");
  }

  @Test
  void aVersionWhoseWriteRolledBackIsNotKept() {
    S node = open();
    long id = node.write(tx -> story(tx, "kept")).value();
    assertThatThrownBy(() -> node.write(tx -> {
      tx.insertVersion(version(id, 1, "Lost", "Ann", "edited", List.of("headline")));
      throw new IllegalStateException("the change failed after its version");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(node.versions(id, null, 10)).isEmpty();
  }
}
