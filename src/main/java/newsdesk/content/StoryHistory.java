package newsdesk.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import newsdesk.store.Story;
import newsdesk.store.StoryVersion;
import newsdesk.store.VersionStore;
import newsdesk.store.WriteTx;

/**
 * Every saved version of a story: {@link ContentService} keeps one in each change it makes to a
 * story (not for live-blog entries, which have their own life), and this reads them back. See
 * docs/decisions/0151-story-versions.md.
 */
public final class StoryHistory {
  public static final int MAX_PAGE = 100;

  private final VersionStore versions;

  public StoryHistory(VersionStore versions) {
    this.versions = versions;
  }

  /** Newest first, older than {@code before} (a version number) when given; {@code limit} 1–100, default 50. */
  public List<StoryVersion> list(Story s, Long before, Integer limit) {
    int n = limit == null ? 50 : limit;
    if (n < 1 || n > MAX_PAGE) throw ContentException.invalid("limit", "limit must be between 1 and " + MAX_PAGE);
    return versions.versions(s.id(), before, n);
  }

  public StoryVersion get(Story s, long version) {
    return versions.version(s.id(), version).orElseThrow(() ->
        ContentException.notFound("'" + s.slug() + "' has no version " + version));
  }

  /** Keeps {@code after} as a version, made by {@code by} doing {@code action}, inside the change's write. */
  static void record(WriteTx tx, Story before, Story after, Actor by, String action) {
    tx.insertVersion(new StoryVersion(after.id(), after.updatedAt(), after.headline(), after.summary(), after.body(),
        after.section(), after.tags(), after.status(), by.name(), action, changed(before, after)));
  }

  /** The fields that differ; for a new story, those it was given. */
  static List<String> changed(Story before, Story after) {
    var out = new ArrayList<String>();
    if (before == null || !before.headline().equals(after.headline())) out.add("headline");
    if (differs(before == null ? "" : before.summary(), after.summary())) out.add("summary");
    if (differs(before == null ? "" : before.body(), after.body())) out.add("body");
    if (before == null || !before.section().equals(after.section())) out.add("section");
    if (before == null ? !after.tags().isEmpty() : !before.tags().equals(after.tags())) out.add("tags");
    if (before != null && before.status() != after.status()) out.add("status");
    if (before != null && before.corrections().size() != after.corrections().size()) out.add("corrections");
    if (before == null ? after.leadImage() != null : !Objects.equals(before.leadImage(), after.leadImage())) out.add("leadImage");
    return out;
  }

  private static boolean differs(String a, String b) {
    return !Objects.equals(a, b);
  }
}
