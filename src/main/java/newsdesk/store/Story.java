package newsdesk.store;

import java.time.Instant;
import java.util.List;

/**
 * A story as stored. {@code body} is the newsroom's Markdown source; {@code bodyHtml} is its
 * sanitised rendering, the only form a reader's page ever shows.
 */
public record Story(
    long id,
    String slug,
    StoryKind kind,
    String headline,
    String summary,
    String body,
    String bodyHtml,
    String section,
    List<String> tags,
    List<String> authors,
    StoryStatus status,
    String retraction,
    Instant createdAt,
    Instant publishedAt,
    Instant updatedAt,
    List<Correction> corrections) {

  public Story {
    tags = List.copyOf(tags);
    authors = List.copyOf(authors);
    corrections = List.copyOf(corrections);
  }

  /** This story with a new "Last Updated". */
  public Story touched(Instant at) {
    return new Story(id, slug, kind, headline, summary, body, bodyHtml, section, tags, authors, status,
        retraction, createdAt, publishedAt, at, corrections);
  }

  public Story withCorrections(List<Correction> list) {
    return new Story(id, slug, kind, headline, summary, body, bodyHtml, section, tags, authors, status,
        retraction, createdAt, publishedAt, updatedAt, list);
  }

  public boolean isLive() {
    return kind == StoryKind.LIVE;
  }

  /** Readers see published and retracted stories; drafts and stories in review are the newsroom's alone. */
  public boolean isPublic() {
    return status == StoryStatus.PUBLISHED || status == StoryStatus.RETRACTED;
  }
}
